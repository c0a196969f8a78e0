/**
 * Places an open menu or popover under its button, in the window's own layer (it is drawn in document.body, so no
 * pane's overflow or stacking hides it), moved left just enough to stay inside the window, and above the button
 * where there is no room below. Follows the button while the window scrolls or resizes; returns the undo.
 */
import { useLayoutEffect, type RefObject } from 'react';

const MARGIN = 8;

export function placeUnder(anchor: HTMLElement, element: HTMLElement): void {
  const button = anchor.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  const left = Math.max(MARGIN, Math.min(button.left, window.innerWidth - MARGIN - box.width));
  const below = button.bottom + 4;
  const top = below + box.height > window.innerHeight - MARGIN && button.top - 4 - box.height >= MARGIN ? button.top - 4 - box.height : below;
  element.style.left = `${left}px`;
  element.style.top = `${top}px`;
}

export function usePlacedUnder(open: boolean, anchor: RefObject<HTMLElement | null>, element: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    if (!open) return;
    const place = (): void => {
      if (anchor.current && element.current) placeUnder(anchor.current, element.current);
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [open, anchor, element]);
}

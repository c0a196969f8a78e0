/**
 * Tab from the window's last control goes to its first, and Shift+Tab from the first to the last (review L17): left
 * to itself, the page hands the focus out of the document there, and one Tab stop lands on nothing (<body>). Within
 * an open dialog, the same between the dialog's own first and last controls.
 */
import { useEffect } from 'react';

const STOPS = 'a[href], button, input, select, textarea, [tabindex]';

/** The controls Tab reaches, in document order (no positive tabindex is used in this window). */
export function tabStops(root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(STOPS)].filter((element) => {
    if (element.tabIndex < 0 || (element as HTMLButtonElement).disabled || element.closest('[inert]')) return false;
    if (element instanceof HTMLInputElement && element.type === 'hidden') return false;
    // Laid out and visible: display:none and visibility:hidden take an element out of the order.
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  });
}

export function useTabWrap(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Tab' || event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      // An open dialog (the password prompt, the full-window picture) keeps the focus within itself the same way.
      const dialogs = document.querySelectorAll<HTMLElement>('[aria-modal="true"]');
      const stops = tabStops(dialogs[dialogs.length - 1] ?? document);
      const first = stops[0];
      const last = stops.at(-1);
      if (!first || !last) return;
      const active = document.activeElement;
      if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      } else if (event.shiftKey && active === first) {
        event.preventDefault();
        last.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * The history list folded away, so the result has the whole window (review H2): Ctrl/Cmd+B or the toolbar's toggle,
 * remembered in the page's storage across restarts.
 */
import { useCallback, useEffect, useState } from 'react';

const KEY = 'readout.listCollapsed';

const load = (): boolean => {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
};

/** `keys`: whether Ctrl/Cmd+B acts now (the history view is showing). */
export function useListCollapsed(keys: boolean): { collapsed: boolean; toggle: () => void } {
  const [collapsed, setCollapsed] = useState(load);
  const toggle = useCallback(() => {
    setCollapsed((current) => {
      const next = !current;
      localStorage.setItem(KEY, next ? '1' : '0');
      // The focus never stays on a list that is no longer there: it goes to the toggle, where Enter brings it back.
      if (next && document.activeElement?.closest('.sidebar')) document.querySelector<HTMLElement>('[data-testid="list-toggle"]')?.focus();
      return next;
    });
  }, []);
  useEffect(() => {
    if (!keys) return;
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'b') return;
      event.preventDefault();
      toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keys, toggle]);
  return { collapsed, toggle };
}

/**
 * Which rows are selected: the current one (the keyboard's, shown beside the list) and, for bulk actions, a set
 * chosen with Shift (a range from the anchor) or Ctrl/Cmd (one more or one less), by mouse or Shift+arrows.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Row } from './useHistory.ts';

export interface Selection {
  currentId: number | null;
  /** Empty unless several are chosen. */
  chosen: ReadonlySet<number>;
  select(id: number | null, how?: { range?: boolean; toggle?: boolean }): void;
  chooseAll(): void;
}

export function useSelection(rows: readonly Row[]): Selection {
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const anchor = useRef<number | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const currentRef = useRef(currentId);
  currentRef.current = currentId;

  const select = useCallback((id: number | null, how: { range?: boolean; toggle?: boolean } = {}) => {
    const ids = rowsRef.current.map((row) => row.entry.id);
    if (id !== null && how.range && anchor.current !== null && ids.includes(anchor.current)) {
      const [from, to] = [ids.indexOf(anchor.current), ids.indexOf(id)].sort((a, b) => a - b);
      setChosen(new Set(ids.slice(from!, to! + 1)));
    } else if (id !== null && how.toggle) {
      setChosen((current) => {
        const next = new Set(current.size === 0 && currentRef.current !== null ? [currentRef.current] : current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = id;
    } else {
      setChosen(new Set());
      anchor.current = id;
    }
    setCurrentId(id);
  }, []);

  const chooseAll = useCallback(() => setChosen(new Set(rowsRef.current.map((row) => row.entry.id))), []);

  // A choice of one is no choice: bulk actions appear from two rows on.
  const shown = useMemo(() => (chosen.size > 1 ? chosen : new Set<number>()), [chosen]);
  return useMemo(() => ({ currentId, chosen: shown, select, chooseAll }), [currentId, shown, select, chooseAll]);
}

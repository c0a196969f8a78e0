/** The selected entry in full, fetched when selected and again whenever the main process changes it. */
import { useEffect, useState } from 'react';
import type { EntryView } from '../../../preload/api.ts';
import { api } from '../api.ts';

export function useEntry(id: number | null): EntryView | null {
  const [entry, setEntry] = useState<EntryView | null>(null);
  useEffect(() => {
    if (id === null) {
      setEntry(null);
      return;
    }
    let live = true;
    const load = (): void => void api.history.get(id).then((value) => live && setEntry(value));
    load();
    const off = api.on('history:changed', ({ ids }) => {
      if (ids === null || ids.includes(id)) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [id]);
  return entry?.id === id ? entry : null;
}

/**
 * One deliberate action, one result shown (review M1): a single file opened, a single image pasted or dropped, Run
 * again and Retry each open their entry once it has been read (or has failed), where the user would otherwise look
 * for it. A batch keeps the user's place (its entries are marked new), and so does an open editor: `show` decides.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { JobTicket } from '../../../preload/api.ts';
import { api } from '../api.ts';

export interface ShowWhenDone {
  /** The tickets of one user action: followed only when it made a single job. */
  track(tickets: readonly JobTicket[]): void;
}

export function useShowWhenDone(show: (entryId: number) => void): ShowWhenDone {
  const wanted = useRef(new Set<number>());
  /** Jobs that ended before their ticket came back over the bridge (a tiny image on a quick engine). */
  const ended = useRef(new Map<number, number>());
  const showRef = useRef(show);
  showRef.current = show;

  const track = useCallback((tickets: readonly JobTicket[]) => {
    if (tickets.length !== 1) return;
    const { jobId } = tickets[0]!;
    const entryId = ended.current.get(jobId);
    if (entryId === undefined) wanted.current.add(jobId);
    else showRef.current(entryId);
  }, []);

  const finished = useCallback((jobId: number, entryId: number) => {
    // A PDF's job ends a page at a time: its first page is the one shown.
    if (wanted.current.delete(jobId)) return showRef.current(entryId);
    if (ended.current.has(jobId)) return;
    ended.current.set(jobId, entryId);
    // Only the last few matter: a ticket comes back within moments of its job starting.
    if (ended.current.size > 32) ended.current.delete(ended.current.keys().next().value!);
  }, []);

  useEffect(() => {
    /** Each job's first entry: a PDF's job says done without one, after its pages (document-job.ts). */
    const first = new Map<number, number>();
    return api.on('ocr:progress', ({ jobId, state, entryId }) => {
      if (entryId !== null && !first.has(jobId)) first.set(jobId, entryId);
      if (state !== 'done' && state !== 'failed') return;
      const entry = first.get(jobId) ?? entryId;
      first.delete(jobId);
      if (entry !== undefined && entry !== null) finished(jobId, entry);
    });
  }, [finished]);

  return useMemo(() => ({ track }), [track]);
}

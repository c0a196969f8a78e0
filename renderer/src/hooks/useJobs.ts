/**
 * Recognitions in flight: their progress, the text each has streamed so far for the entry it is reading now (a PDF's
 * page never shows an earlier page's text: review M4), and the moments the window acts on.
 * The user's place is kept: only a capture the user just made opens by itself (progress.reveal); every other entry
 * that finishes is reported, for the list to mark as new.
 */
import { useEffect, useRef, useState } from 'react';
import type { OcrProgress } from '../../../preload/api.ts';
import { api } from '../api.ts';

export interface Job extends OcrProgress {
  /** The text streamed so far for the job's current entry. */
  text: string;
}

const ACTIVE = new Set<OcrProgress['state']>(['queued', 'preparing', 'reading']);
export const isActive = (job: Pick<Job, 'state'>): boolean => ACTIVE.has(job.state);

export function useJobs(events: { onReveal: (entryId: number) => void; onFinished: (entryId: number) => void }) {
  const [jobs, setJobs] = useState<Map<number, Job>>(new Map());
  const handlers = useRef(events);
  handlers.current = events;

  useEffect(() => {
    const offProgress = api.on('ocr:progress', (progress) => {
      setJobs((current) => {
        // A job of a new user action queued while nothing runs starts a new round: the progress line counts this
        // round, not the day. Jobs of a batch still arriving (a drop is sent file by file) stay in its round.
        const idle = [...current.values()].every((job) => !isActive(job));
        const sameBatch = [...current.values()].some((job) => job.batch.id === progress.batch.id);
        const next = progress.state === 'queued' && idle && !sameBatch ? new Map<number, Job>() : new Map(current);
        // A new entry (the next page), or the offline engine starting over in Qwen's place, starts its text afresh.
        const before = current.get(progress.jobId);
        const same = before !== undefined && before.entryId === progress.entryId && progress.wait?.state !== 'offline';
        next.set(progress.jobId, { ...progress, text: same ? before.text : '' });
        return next;
      });
      if (progress.entryId === null) return;
      if (progress.state === 'reading' && progress.reveal) handlers.current.onReveal(progress.entryId);
      if (progress.state === 'done' || progress.state === 'failed') handlers.current.onFinished(progress.entryId);
    });
    const offDelta = api.on('ocr:delta', ({ jobId, entryId, delta }) => {
      setJobs((current) => {
        const job = current.get(jobId);
        if (!job || job.entryId !== entryId) return current;
        const next = new Map(current);
        next.set(jobId, { ...job, text: job.text + delta });
        return next;
      });
    });
    return () => {
      offProgress();
      offDelta();
    };
  }, []);

  return { jobs };
}

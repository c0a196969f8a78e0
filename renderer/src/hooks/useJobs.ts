/** Recognitions in flight: their progress, and the text each has streamed so far. */
import { useEffect, useState } from 'react';
import type { OcrProgress } from '../../../preload/api.ts';
import { api } from '../api.ts';

export interface Job extends OcrProgress {
  text: string;
}

const ACTIVE = new Set<OcrProgress['state']>(['queued', 'preparing', 'reading']);

export function useJobs(onStarted: (entryId: number) => void) {
  const [jobs, setJobs] = useState<Map<number, Job>>(new Map());

  useEffect(() => {
    const offProgress = api.on('ocr:progress', (progress) => {
      setJobs((current) => {
        // A job queued while nothing runs starts a new batch: the progress bar counts this batch, not the day.
        const idle = [...current.values()].every((job) => !ACTIVE.has(job.state));
        const next = progress.state === 'queued' && idle ? new Map<number, Job>() : new Map(current);
        next.set(progress.jobId, { ...progress, text: current.get(progress.jobId)?.text ?? '' });
        return next;
      });
      if (progress.state === 'reading' && progress.entryId !== null) onStarted(progress.entryId);
    });
    const offDelta = api.on('ocr:delta', ({ jobId, delta }) => {
      setJobs((current) => {
        const job = current.get(jobId);
        if (!job) return current;
        const next = new Map(current);
        next.set(jobId, { ...job, text: job.text + delta });
        return next;
      });
    });
    return () => {
      offProgress();
      offDelta();
    };
  }, [onStarted]);

  return { jobs };
}

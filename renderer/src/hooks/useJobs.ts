/** Recognitions in flight: their progress, and the text each has streamed so far. */
import { useEffect, useState } from 'react';
import type { OcrProgress } from '../../../preload/api.ts';
import { api } from '../api.ts';

export interface Job extends OcrProgress {
  text: string;
}

export function useJobs(onStarted: (entryId: number) => void) {
  const [jobs, setJobs] = useState<Map<number, Job>>(new Map());

  useEffect(() => {
    const offProgress = api.on('ocr:progress', (progress) => {
      setJobs((current) => {
        const next = new Map(current);
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

  const clearFinished = (): void =>
    setJobs((current) => new Map([...current].filter(([, job]) => job.state !== 'done' && job.state !== 'cancelled')));

  return { jobs, clearFinished };
}

import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Job } from '../hooks/useJobs.ts';
import { ErrorText } from './ErrorText.tsx';

/** Several files run as a queue; this shows how far it has got, with a cancel for each file still running. */
export function QueueBar({ jobs }: { jobs: Job[] }) {
  const { t } = useTranslation();
  const active = jobs.filter((job) => job.state === 'queued' || job.state === 'preparing' || job.state === 'reading');
  const failed = jobs.filter((job) => job.state === 'failed' && job.entryId === null);
  if (active.length === 0 && failed.length === 0) return null;
  const finished = jobs.filter((job) => !active.includes(job)).length;
  return (
    <div className="queue" role="status" aria-label={t('queue.label')} data-testid="queue">
      {active.length > 0 && (
        <>
          <span>{t('queue.progress', { done: finished + 1, total: jobs.length })}</span>
          <progress max={jobs.length} value={finished} />
          {active.map((job) => (
            <button key={job.jobId} type="button" className="chip" onClick={() => void api.ocr.cancel(job.jobId)} aria-label={t('queue.cancel', { name: job.name })}>
              {job.name} ×
            </button>
          ))}
        </>
      )}
      {failed.map((job) => (
        <span key={job.jobId} className="error-text" role="alert">
          {job.name}: {job.error && <ErrorText error={job.error} />}
        </span>
      ))}
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { isActive, type Job } from '../hooks/useJobs.ts';
import { ErrorText } from './ErrorText.tsx';

/**
 * One line for a round of recognitions, however many files it has: how far it is, Cancel all, and the files on
 * demand. Files that failed stay summed up here, with their reasons, until dismissed (each is in the history too).
 */
export function QueueBar({ jobs }: { jobs: Job[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [dismissed, setDismissed] = useState<string | null>(null);
  // A batch announces its size with its first job, so the total is known before the drop has finished arriving.
  const total = Math.max(jobs.length, [...new Map(jobs.map((job) => [job.batch.id, job.batch.size])).values()].reduce((a, b) => a + b, 0));
  const active = jobs.filter(isActive);
  const done = jobs.filter((job) => job.state === 'done').length;
  const failed = jobs.filter((job) => job.state === 'failed');
  const round = jobs.map((job) => job.jobId).join(',');
  if (jobs.length === 0 || (active.length === 0 && failed.length === 0) || dismissed === round) return null;
  const details = (
    <ul className="queue-files" data-testid="queue-files">
      {jobs.map((job) => (
        <li key={job.jobId}>
          <span className={`badge ${job.state}`}>{t(`queue.state.${job.state}`)}</span> <span className="name">{job.name}</span>
          {job.error && job.state === 'failed' && (
            <span className="error-text">
              {' '}
              <ErrorText error={job.error} />
            </span>
          )}
          {isActive(job) && (
            <button type="button" className="plain" onClick={() => void api.ocr.cancel(job.jobId)} aria-label={t('queue.cancel', { name: job.name })}>×</button>
          )}
        </li>
      ))}
    </ul>
  );
  if (active.length === 0) {
    return (
      <div className="queue failed-summary" role="alert" data-testid="queue">
        <span className="error-text">{t('queue.failedSummary', { failed: failed.length, total })}</span>
        <button type="button" className="plain" aria-expanded={open} onClick={() => setOpen(!open)}>{t(open ? 'queue.hideFiles' : 'queue.showFiles')}</button>
        <button type="button" onClick={() => setDismissed(round)}>{t('queue.dismiss')}</button>
        {open && details}
      </div>
    );
  }
  const reading = Math.min(total, done + failed.length + 1);
  return (
    <div className="queue" role="status" aria-label={t('queue.label')} data-testid="queue">
      <span>{t('queue.progress', { current: reading, total, done, failed: failed.length })}</span>
      <progress max={total} value={done + failed.length} />
      <button type="button" onClick={() => void api.ocr.cancelAll()}>{t('queue.cancelAll')}</button>
      <button type="button" className="plain" aria-expanded={open} onClick={() => setOpen(!open)}>{t(open ? 'queue.hideFiles' : 'queue.showFiles')}</button>
      {open && details}
    </div>
  );
}

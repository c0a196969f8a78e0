import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { isActive, type Job } from '../hooks/useJobs.ts';
import { useWaitText } from '../hooks/useWaitText.ts';
import { ErrorText } from './ErrorText.tsx';
import './QueueBar.css';

/** A PDF counts its pages, anything else one (review M3: a PDF's bar stood still until its last page). */
const units = (job: Job): number => job.page?.of ?? 1;
/** How much of a job is read: all of it once it ended, else the pages before the one being read. */
const unitsDone = (job: Job): number => (isActive(job) ? (job.page ? job.page.number - 1 : 0) : units(job));
/** A page's step is named "file.pdf · 2/3": the file's own name. */
const fileName = (job: Job): string => (job.page ? job.name.replace(/ · \d+\/\d+$/, '') : job.name);

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
  // One job reading a PDF: its pages are what is counted and named.
  const paged = active.length === 1 && active[0]!.page ? active[0]! : null;
  const waiting = active.find((job) => job.wait && !job.text);
  const waitText = useWaitText(waiting?.wait);
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
  const totalUnits = total + jobs.reduce((sum, job) => sum + units(job) - 1, 0);
  const doneUnits = jobs.reduce((sum, job) => sum + unitsDone(job), 0);
  return (
    <div className="queue" role="status" aria-label={t('queue.label')} data-testid="queue">
      <span data-testid="queue-progress">
        {paged && jobs.length === 1
          ? t('failures.pageProgress', { page: paged.page!.number, pages: paged.page!.of, name: fileName(paged) })
          : t('queue.progress', { current: reading, total, done, failed: failed.length })}
      </span>
      {waitText && <span className="queue-wait" data-testid="queue-wait">{waitText}</span>}
      <progress max={totalUnits} value={doneUnits} />
      <button type="button" onClick={() => void api.ocr.cancelAll()}>{t('queue.cancelAll')}</button>
      <button type="button" className="plain" aria-expanded={open} onClick={() => setOpen(!open)}>{t(open ? 'queue.hideFiles' : 'queue.showFiles')}</button>
      {open && details}
    </div>
  );
}

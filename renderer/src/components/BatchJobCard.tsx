/**
 * One batch job (issue 26): its state in words, a progress bar (read and failed of all its requests), its cost
 * (estimated until the results are fetched, then what was billed, both at the batch price), when it was sent and
 * ended, Refresh and Cancel (asked first), and its entries, which fill as the results come in: a pending one says it
 * waits for the batch, a done one shows its first words; each opens in the result pane.
 */
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { BatchJobView, EntryView } from '../../../preload/api.ts';
import { REGION_PRICES, type Region } from '../../../main/ocr/regions.ts';
import { api } from '../api.ts';
import { errorWords } from '../error-words.ts';
import { formatCost, formatTime } from '../format.ts';
import { isUnfinished } from '../hooks/useBatchJobs.ts';
import { ErrorText } from './ErrorText.tsx';

/** The entries shown under a job; the rest are in the history (a job may hold thousands). */
export const SHOWN_ENTRIES = 50;
const CANCELLABLE = new Set<BatchJobView['state']>(['validating', 'in_progress', 'finalizing']);

const currencyOf = (region: string | null): string | null => (region && region in REGION_PRICES ? REGION_PRICES[region as Region].currency : null);
const firstLine = (text: string): string => text.split('\n').find((line) => line.trim())?.trim() ?? '';

/**
 * A job's error in the reader's language: the catalogue's words for its code (main/batch/job-errors.ts), with the
 * requests it left unread; main's English text where the code is unknown or the job was written before codes were kept.
 */
export function jobErrorWords(t: TFunction, job: Pick<BatchJobView, 'error' | 'errorCode' | 'unread'>): string {
  if (!job.errorCode) return job.error ?? '';
  return t(`batchJobs.error.${job.errorCode}`, { count: job.unread ?? 0, detail: job.error ?? '', defaultValue: '' }) || (job.error ?? '');
}

interface Props {
  job: BatchJobView;
  onOpenEntry: (entryId: number) => void;
  onToast: (text: string) => void;
  onJobs: (jobs: BatchJobView[]) => void;
}

function Entries({ job, onOpenEntry }: Pick<Props, 'job' | 'onOpenEntry'>) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<EntryView[]>([]);
  const shown = job.entryIds.slice(0, SHOWN_ENTRIES);
  // Asked again whenever the job's counts move: those are the moments entries fill.
  useEffect(() => {
    let live = true;
    void Promise.all(shown.map((id) => api.history.get(id))).then((found) => live && setEntries(found.filter((entry): entry is EntryView => entry !== null)));
    return () => void (live = false);
  }, [job.id, job.done, job.failed, job.state, shown.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <ul className="batch-entries" data-testid="batch-entries">
      {entries.map((entry) => (
        <li key={entry.id}>
          <button type="button" className="batch-entry" onClick={() => onOpenEntry(entry.id)} data-testid="batch-entry" data-status={entry.status}>
            <span className="batch-entry-name">{entry.fileName ?? t('batchJobs.untitled', { id: entry.id })}</span>
            <span className={`batch-entry-text${entry.status === 'failed' ? ' error-text' : ''}`}>
              {entry.status === 'pending' ? t('batchJobs.waiting') : entry.status === 'failed' && entry.error ? <ErrorText error={entry.error} /> : firstLine(entry.editedText ?? entry.text)}
            </span>
          </button>
        </li>
      ))}
      {job.entryIds.length > SHOWN_ENTRIES && <li className="muted">{t('batchJobs.more', { count: job.entryIds.length - SHOWN_ENTRIES })}</li>}
    </ul>
  );
}

export function BatchJobCard({ job, onOpenEntry, onToast, onJobs }: Props) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const lang = i18n.language;
  const currency = currencyOf(job.region);
  const handled = job.done + job.failed;
  const titleId = `batch-${job.id}`;

  const refresh = async (): Promise<void> => {
    setBusy(true);
    try {
      onJobs(await api.batch.refresh(job.id));
      onToast(t('batchJobs.refreshed'));
    } catch (error) {
      onToast(errorWords(t, error));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async (): Promise<void> => {
    setConfirming(false);
    try {
      await api.batch.cancel(job.id);
      onToast(t('batchJobs.cancelled', { id: job.id }));
    } catch (error) {
      onToast(errorWords(t, error));
    }
  };

  const cost =
    job.cost !== null && currency ? t('batchJobs.cost', { cost: formatCost(job.cost, lang, currency) })
    : job.estimatedCost !== null && currency ? t('batchJobs.estimated', { cost: formatCost(job.estimatedCost, lang, currency) })
    : t('batchJobs.noCost');

  return (
    <article className={`batch-job state-${job.state}`} aria-labelledby={titleId} data-testid="batch-job" data-job={job.id}>
      <header className="batch-job-head">
        <h3 id={titleId}>{t('batchJobs.job', { id: job.id })}</h3>
        <span className={`batch-state${job.state === 'failed' || job.state === 'expired' ? ' error-text' : ''}`} data-testid="batch-state">
          {t(`batchJobs.state.${job.state}`)}
        </span>
      </header>
      <progress className="batch-progress" max={Math.max(1, job.total)} value={handled} aria-label={t('batchJobs.progressLabel', { id: job.id })} />
      <p className="batch-counts" data-testid="batch-counts">{t('batchJobs.progress', { done: job.done, total: job.total, failed: job.failed })}</p>
      <p className="batch-meta">
        <span data-testid="batch-cost">{cost}</span>
        <span>{job.model}{job.region ? ` · ${job.region}` : ''}</span>
        <span>{t('batchJobs.created', { time: formatTime(job.createdAt, lang) })}</span>
        {job.finishedAt !== null && <span>{t('batchJobs.finished', { time: formatTime(job.finishedAt, lang) })}</span>}
      </p>
      {job.error && <p className="error-text batch-error" data-testid="batch-error" data-code={job.errorCode ?? undefined}>{jobErrorWords(t, job)}</p>}
      <div className="inline-actions">
        <button type="button" onClick={() => void refresh()} disabled={busy} data-testid="batch-refresh">{t('batchJobs.refresh')}</button>
        {CANCELLABLE.has(job.state) && (
          <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="batch-cancel">{t('batchJobs.cancel')}</button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby={`${titleId}-cancel`} data-testid="batch-cancel-confirm">
          <p id={`${titleId}-cancel`}>{t('batchJobs.cancelConfirm', { id: job.id })}</p>
          <div className="inline-actions">
            <button type="button" className="danger" onClick={() => void cancel()} data-testid="batch-cancel-yes">{t('batchJobs.cancelYes')}</button>
            <button type="button" onClick={() => setConfirming(false)}>{t('batchJobs.keep')}</button>
          </div>
        </div>
      )}
      {job.entryIds.length > 0 && (
        <details className="batch-entries-box" open={isUnfinished(job) || job.entryIds.length <= 10}>
          <summary>{t('batchJobs.entries', { count: job.entryIds.length })}</summary>
          <Entries job={job} onOpenEntry={onOpenEntry} />
        </details>
      )}
    </article>
  );
}

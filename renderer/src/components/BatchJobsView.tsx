/**
 * The batch jobs page (issue 26), reached from the toolbar's "Batch jobs" (which carries a badge while a job runs):
 * every job sent to the Batch API, newest first, live on 'batch:changed'. A job's entry opens in the result pane.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchJobView } from '../../../preload/api.ts';
import { api } from '../api.ts';
import { errorWords } from '../error-words.ts';
import { BatchJobCard } from './BatchJobCard.tsx';
import './BatchJobsView.css';

interface Props {
  jobs: BatchJobView[];
  onJobs: (jobs: BatchJobView[]) => void;
  onOpenEntry: (entryId: number) => void;
  onToast: (text: string) => void;
}

export function BatchJobsView({ jobs, onJobs, onOpenEntry, onToast }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const refreshAll = async (): Promise<void> => {
    setBusy(true);
    try {
      onJobs(await api.batch.refresh());
      onToast(t('batchJobs.refreshed'));
    } catch (error) {
      onToast(errorWords(t, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="batch-jobs" data-testid="batch-jobs">
      <div className="batch-jobs-head">
        <h2 className="batch-jobs-title" tabIndex={-1}>{t('batchJobs.title')}</h2>
        {jobs.length > 0 && <button type="button" onClick={() => void refreshAll()} disabled={busy} data-testid="batch-refresh-all">{t('batchJobs.refreshAll')}</button>}
      </div>
      <p className="hint">{t('batchJobs.intro')}</p>
      {jobs.length === 0 ? (
        <p className="empty" data-testid="batch-empty">{t('batchJobs.empty')}</p>
      ) : (
        jobs.map((job) => <BatchJobCard key={job.id} job={job} onOpenEntry={onOpenEntry} onToast={onToast} onJobs={onJobs} />)
      )}
    </div>
  );
}

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
  /** A batch is possible now (a key, or an endpoint of one's own): a folder can be sent from here. */
  canBatch: boolean;
  onJobs: (jobs: BatchJobView[]) => void;
  onOpenEntry: (entryId: number) => void;
  onToast: (text: string) => void;
}

export function BatchJobsView({ jobs, canBatch, onJobs, onOpenEntry, onToast }: Props) {
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
  // A whole folder in one action: the OS folder picker, then main's question with the estimate.
  const sendFolder = async (): Promise<void> => {
    try {
      const folder = await api.integrations.chooseFolder();
      if (!folder) return;
      const sent = await api.batch.submit([folder]);
      if (!sent) return;
      onJobs(sent);
      onToast(t('batchJobs.drop.sent', { count: sent[0]?.total ?? 0 }));
    } catch (error) {
      onToast(errorWords(t, error));
    }
  };
  return (
    <div className="batch-jobs" data-testid="batch-jobs">
      <div className="batch-jobs-head">
        <h2 className="batch-jobs-title" tabIndex={-1}>{t('batchJobs.title')}</h2>
        <span className="batch-jobs-actions">
          {canBatch && <button type="button" onClick={() => void sendFolder()} data-testid="batch-send-folder">{t('batchJobs.sendFolder')}</button>}
          {jobs.length > 0 && <button type="button" onClick={() => void refreshAll()} disabled={busy} data-testid="batch-refresh-all">{t('batchJobs.refreshAll')}</button>}
        </span>
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

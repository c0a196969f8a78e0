/**
 * A pending entry that waits for a batch job (issue 26), said as such in the result pane: not a reading in hand that
 * could be cancelled here, but a job the service finishes within 24 hours. It names the job and its state, and
 * offers the jobs view, where the job can be refreshed or cancelled.
 */
import { useTranslation } from 'react-i18next';
import type { BatchWaitView } from '../../../preload/api.ts';
import './BatchWaitNotice.css';

export function BatchWaitNotice({ batch, onOpenBatch }: { batch: BatchWaitView; onOpenBatch?: () => void }) {
  const { t } = useTranslation();
  const state = t(`batchJobs.state.${batch.state}`, { defaultValue: batch.state });
  return (
    <div className="notice batch-wait" role="status" data-testid="batch-wait">
      <div className="batch-wait-words">
        <strong>{t('batchJobs.waiting')}</strong>
        <span>{t('batchJobs.pendingDetail', { id: batch.id, state })}</span>
      </div>
      {onOpenBatch && (
        <button type="button" onClick={onOpenBatch} data-testid="batch-wait-open">{t('batchJobs.openJobs')}</button>
      )}
    </div>
  );
}

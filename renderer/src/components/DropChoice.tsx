/**
 * After a drop of several files or of a folder (issue 26): one question, two answers. "Read now" sends the files as
 * any drop is sent (one by one, on the live price); "Send as a batch" hands them all to the Batch API in one job, at
 * half the price, the results within 24 hours (main asks again with the estimate before anything is sent). A folder
 * cannot be read now from here (the page gets no bytes for it): it goes by a batch, or is watched (Settings).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SeveralDropped {
  /** The dropped files that are plain files, in the order dropped. */
  files: File[];
  /** Every dropped item, folders included: what a batch is given. */
  all: File[];
  folders: number;
}

interface Props {
  drop: SeveralDropped;
  onReadNow: () => void;
  onBatch: () => void;
  onCancel: () => void;
}

export function DropChoice({ drop, onReadNow, onBatch, onCancel }: Props) {
  const { t } = useTranslation();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onCancel();
      }
      // Tab goes round the question's own buttons: useTabWrap keeps the focus within an aria-modal dialog.
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  const canReadNow = drop.files.length > 0;
  return (
    <div className="drop-choice" data-testid="drop-choice">
      <div className="drop-choice-box" role="dialog" aria-modal="true" aria-labelledby="drop-choice-title" aria-describedby="drop-choice-question">
        <h2 id="drop-choice-title">{drop.folders > 0 ? t('batchJobs.drop.titleFolder') : t('batchJobs.drop.titleFiles', { count: drop.all.length })}</h2>
        <p id="drop-choice-question">{t('batchJobs.drop.question')}</p>
        <div className="drop-choice-actions">
          {canReadNow && (
            <button type="button" ref={first} onClick={onReadNow} data-testid="drop-read-now">{t('batchJobs.drop.readNow')}</button>
          )}
          <button type="button" className="primary" ref={canReadNow ? undefined : first} onClick={onBatch} data-testid="drop-batch">{t('batchJobs.drop.batch')}</button>
          <small className="hint">{drop.folders > 0 ? t('batchJobs.drop.folderHint') : t('batchJobs.drop.batchHint')}</small>
          <button type="button" onClick={onCancel} data-testid="drop-cancel">{t('batchJobs.drop.cancel')}</button>
        </div>
      </div>
    </div>
  );
}

/**
 * The result's toolbar (review M11), on one line beside the picture at the default size (issue 22): Copy, the
 * primary action, with Copy as one line under its arrow where the text has lines to join; Export and Run again
 * with… as a menu and a popover behind named icons; Restore original, Edit, Pin and Delete as icon buttons. Each icon
 * is named for screen readers and shows its name on hover and on keyboard focus. Cancel alone while the entry is
 * being read. A failed entry with no text offers nothing that would act on that nothing: no Copy, Edit, Pin or Export.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryView, ExportRequest } from '../../../preload/api.ts';
import { api, modKey } from '../api.ts';
import { exportItems } from './export-items.ts';
import { EditIcon, ExportIcon, PinIcon, RevertIcon, TrashIcon } from './icons.tsx';
import { MenuButton } from './MenuButton.tsx';
import { RerunMenu, type RerunRequest } from './RerunPanel.tsx';
import { TranslateMenu } from './TranslateMenu.tsx';
import './ResultActions.css';

interface Props {
  entry: EntryView;
  /** What Copy copies: the text as shown, or a code-only image's code. */
  copyable: string;
  /** The text as shown holds more than one line: Copy as one line is offered. */
  multiline: boolean;
  /** Copy just copied: its label says so for a moment. */
  copied: boolean;
  /** Set while the entry is being read: the only action then. */
  cancelJob: (() => void) | null;
  editing: boolean;
  onCopy: () => void;
  onCopyOneLine: () => void;
  onEdit: () => void;
  onSave: () => void;
  onCancelEdit: () => void;
  /** Runs a bridge call, its failure said as a message. */
  onRun: (action: () => Promise<unknown>) => void;
  onMessage: (text: string) => void;
  onDelete: () => void;
  /** Run again with another engine, task or model; null where no image is kept to read again. */
  onRerun: ((request: RerunRequest) => void) | null;
  /** Translate the shown text into a language (issue 24); absent where there is nothing to translate. */
  onTranslate?: ((targetLang: string) => void) | null;
  /** The language last translated into: first in the menu. */
  translateTarget?: string;
}

function IconButton({ label, onClick, children, className, pressed, disabled, shortcut }: { label: string; onClick: () => void; children: ReactNode; className?: string; pressed?: boolean; disabled?: boolean; shortcut?: string }) {
  return (
    <button type="button" className={`icon-button${className ? ` ${className}` : ''}`} aria-label={label} data-tip={label} aria-pressed={pressed} aria-keyshortcuts={shortcut} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}

export function ResultActions({ entry, copyable, multiline, copied, cancelJob, editing, onCopy, onCopyOneLine, onEdit, onSave, onCancelEdit, onRun, onMessage, onDelete, onRerun, onTranslate, translateTarget = 'en' }: Props) {
  const { t } = useTranslation();
  const exportAs = (request: ExportRequest) =>
    onRun(async () => {
      const result = await api.history.export(request);
      if (result.saved) onMessage(t('result.exported', { count: result.count, file: result.fileName }));
    });
  if (cancelJob) {
    return (
      <div className="actions" role="toolbar" aria-label={t('result.actions')}>
        <button type="button" onClick={cancelJob}>{t('result.cancel')}</button>
      </div>
    );
  }
  if (editing) {
    return (
      <div className="actions" role="toolbar" aria-label={t('result.actions')}>
        <button type="button" className="primary" onClick={onSave} aria-keyshortcuts="Control+Enter" title={`${modKey()}Enter`}>{t('result.save')}</button>
        <button type="button" onClick={onCancelEdit} aria-keyshortcuts="Escape">{t('result.cancelEdit')}</button>
      </div>
    );
  }
  // Nothing was read: nothing to copy, edit, pin or export.
  const nothing = !copyable && entry.status !== 'done' && entry.editedText === null;
  return (
    <div className="actions" role="toolbar" aria-label={t('result.actions')}>
      {!nothing && (
        <span className={`split-button${multiline ? ' has-more' : ''}`}>
          <button type="button" className="primary" onClick={onCopy} disabled={!copyable} data-testid="copy">{copied ? t('result.copied') : t('result.copy')}</button>
          {multiline && (
            <MenuButton
              label={null}
              ariaLabel={t('result.copyMore')}
              tip={t('result.copyMore')}
              className="primary split-more"
              items={[{ id: 'one-line', label: t('result.copyOneLine'), onSelect: onCopyOneLine, testId: 'copy-one-line' }]}
              testId="copy-more"
            />
          )}
        </span>
      )}
      {!nothing && <MenuButton label={<ExportIcon />} ariaLabel={t('result.export')} tip={t('result.export')} className="icon-menu" items={exportItems(entry, t, exportAs)} testId="export-menu" />}
      {!nothing && onTranslate && <TranslateMenu lastTarget={translateTarget} onTranslate={onTranslate} disabled={!copyable.trim()} />}
      {onRerun && <RerunMenu entry={entry} onRun={onRerun} />}
      <span className="actions-end">
        {entry.editedText !== null && (
          <IconButton label={t('result.revert')} onClick={() => onRun(() => api.history.edit(entry.id, null))}>
            <RevertIcon />
          </IconButton>
        )}
        {!nothing && (
          <IconButton label={t('result.edit')} onClick={onEdit} disabled={entry.status === 'pending'}>
            <EditIcon />
          </IconButton>
        )}
        {!nothing && (
          <IconButton label={entry.pinned ? t('result.unpin') : t('result.pin')} pressed={entry.pinned} onClick={() => onRun(() => api.history.pin(entry.id, !entry.pinned))}>
            <PinIcon filled={entry.pinned} />
          </IconButton>
        )}
        <IconButton label={t('result.delete')} className="danger" onClick={onDelete} shortcut="Delete">
          <TrashIcon />
        </IconButton>
      </span>
    </div>
  );
}

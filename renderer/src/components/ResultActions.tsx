/** The result's toolbar: copy, edit, pin, export, delete; Cancel while the entry is being read. */
import { useTranslation } from 'react-i18next';
import type { EntryView } from '../../../preload/api.ts';
import { api, modKey } from '../api.ts';

interface Props {
  entry: EntryView;
  /** The text as shown: what Copy copies. */
  shown: string;
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
}

export function ResultActions({ entry, shown, copied, cancelJob, editing, onCopy, onCopyOneLine, onEdit, onSave, onCancelEdit, onRun, onMessage, onDelete }: Props) {
  const { t } = useTranslation();
  const exportAs = (request: Parameters<typeof api.history.export>[0]) =>
    onRun(async () => {
      const result = await api.history.export(request);
      if (result.saved) onMessage(t('result.exported', { count: result.count, file: result.fileName }));
    });
  return (
    <div className="actions" role="toolbar" aria-label={t('result.actions')}>
      {cancelJob ? (
        <button type="button" onClick={cancelJob}>{t('result.cancel')}</button>
      ) : (
        <>
          <button type="button" className="primary" onClick={onCopy} disabled={!shown}>{copied ? t('result.copied') : t('result.copy')}</button>
          {shown.trim().includes('\n') && (
            <button type="button" onClick={onCopyOneLine} data-testid="copy-one-line">{t('result.copyOneLine')}</button>
          )}
          {!editing ? (
            <button type="button" onClick={onEdit} disabled={entry.status === 'pending'}>{t('result.edit')}</button>
          ) : (
            <>
              <button type="button" className="primary" onClick={onSave} aria-keyshortcuts="Control+Enter" title={`${modKey()}Enter`}>{t('result.save')}</button>
              <button type="button" onClick={onCancelEdit} aria-keyshortcuts="Escape">{t('result.cancelEdit')}</button>
            </>
          )}
          {entry.editedText !== null && !editing && (
            <button type="button" onClick={() => onRun(() => api.history.edit(entry.id, null))}>{t('result.revert')}</button>
          )}
          <button type="button" onClick={() => onRun(() => api.history.pin(entry.id, !entry.pinned))}>{entry.pinned ? t('result.unpin') : t('result.pin')}</button>
          <button type="button" onClick={() => exportAs({ format: 'md', ids: [entry.id], images: true })}>{t('result.export')}</button>
          {entry.page && (
            <button type="button" onClick={() => exportAs({ format: 'md', document: entry.page!.document })} data-testid="export-document">{t('result.exportDocument')}</button>
          )}
          {entry.page && (
            <button type="button" onClick={() => exportAs({ format: 'pdf', document: entry.page!.document })} data-testid="export-searchable">{t('result.exportSearchable')}</button>
          )}
          <button type="button" className="danger" onClick={onDelete}>{t('result.delete')}</button>
        </>
      )}
    </div>
  );
}

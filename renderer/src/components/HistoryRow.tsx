import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntrySummary, ExportRequest } from '../../../preload/api.ts';
import { engineRan } from '../engine-ran.ts';
import { formatTime } from '../format.ts';
import type { ListRow } from '../document-rows.ts';
import { Thumbnail } from './Thumbnail.tsx';
import { ChevronIcon, QrIcon, SourceIcon } from './icons.tsx';
import { documentExportItems } from './export-items.ts';
import { MenuButton } from './MenuButton.tsx';
import './HistoryRow.css';

/** What a row is called: its file's name, else where it came from ("Screen capture", "Pasted image"). */
export function useEntryName(): (entry: Pick<EntrySummary, 'fileName' | 'sourceKind'> & { page?: EntrySummary['page'] }) => string {
  const { t } = useTranslation();
  return (entry) => {
    const name = entry.fileName ?? t(`source.${entry.sourceKind}`);
    return entry.page ? t('list.page', { name, page: entry.page.number, pages: entry.page.of }) : name;
  };
}

interface Props {
  row: ListRow;
  /** The row the keyboard is on, whose entry shows beside the list. */
  current: boolean;
  /** Part of a selection of several (Shift/Ctrl+click). */
  chosen: boolean;
  /** Finished since the user last looked. */
  fresh: boolean;
  /** Text streamed so far, while it is being read. */
  streamed: string | undefined;
  onSelect: (id: number, how: { range: boolean; toggle: boolean }) => void;
  /** Its document's pages are folded under the header (review L15). */
  collapsed?: boolean;
  onToggleDocument?: (document: number) => void;
  /** A PDF document's pages exported (request.document set). */
  onExportDocument?: (request: ExportRequest) => void;
}

/** Tasks other than plain text, which a badge names so a re-run with another task is not taken for a duplicate. */
const BADGED = new Set(['key-info', 'document', 'table', 'formula', 'multi-lang', 'advanced']);

export const HistoryRow = memo(function HistoryRow({ row, current, chosen, fresh, streamed, onSelect, collapsed = false, onToggleDocument, onExportDocument }: Props) {
  const { t, i18n } = useTranslation();
  const name = useEntryName();
  const { entry, snippet } = row;
  const size = entry.width && entry.height ? `${entry.width}×${entry.height}` : null;
  const text = snippet
    ? snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))
    : entry.status === 'pending'
      ? // A batch job's entry is not being read here: its results come within 24 h (issue 26).
        entry.batch ? <span className="muted" data-testid="row-batch-wait">{t('batchJobs.pendingDetail', { id: entry.batch.id, state: t(`batchJobs.state.${entry.batch.state}`, { defaultValue: entry.batch.state }) })}</span>
        : streamed || <span className="muted">{t('list.reading')}</span>
      : entry.preview ||
        (entry.code ? (
          // An image that held only a code: the code, marked as one (review M10).
          <>
            <span className="badge code-badge" role="img" aria-label={t('results.code', { format: entry.code.format })}>
              <QrIcon />
            </span>{' '}
            {entry.code.text}
          </>
        ) : (
          <span className={entry.error ? 'error-text' : 'muted'}>
            {/* The reason in the reader's language where its code is known; the main process's own words otherwise. */}
            {entry.error ? t(`errorCode.${entry.error.code}`, { defaultValue: entry.error.message }) : t('list.noText')}
          </span>
        ));
  const time = formatTime(entry.createdAt, i18n.language);
  // Inside a document the page says which page it is; the document's name stands once, above its first page.
  const title = row.group && entry.page ? t('list.pageOf', { page: entry.page.number, pages: entry.page.of }) : name(entry);
  // Where it came from, as an icon; left out where the name already says it ("Screen capture", "Pasted image").
  const source = entry.page
    ? { kind: 'pdf' as const, label: t('results.pdfPage', { page: entry.page.number }) }
    : entry.fileName
      ? { kind: entry.sourceKind, label: t(`source.${entry.sourceKind}`) }
      : null;
  const task = entry.mode && BADGED.has(entry.mode) ? t(`results.task.${entry.mode}`) : null;
  const documentId = entry.page?.document;
  const documentName = entry.fileName ?? t(`source.${entry.sourceKind}`);
  // In reading order, which is what a screen reader says: name, status, task; then the text; then source and time.
  return (
    <>
    {row.group?.first && documentId !== undefined && (
      // Seen once above the document's pages; a screen reader hears the name in each page's own row instead, and the
      // keyboard folds it with ← and → on its pages and exports it from a page's Export menu.
      <div className="document-header" aria-hidden="true" data-testid="document-header" onMouseDown={(event) => event.preventDefault()}>
        <button type="button" className="plain document-toggle" tabIndex={-1} aria-expanded={!collapsed} onClick={() => onToggleDocument?.(documentId)} title={t(collapsed ? 'results.expand' : 'results.collapse', { name: documentName })} data-testid="document-toggle">
          <span className={`chevron${collapsed ? ' folded' : ''}`}>
            <ChevronIcon />
          </span>
          <span className="document-name">{t('list.document', { name: documentName, pages: row.group.pages })}</span>
        </button>
        {onExportDocument && (
          <MenuButton
            label={t('result.export')}
            className="plain document-export"
            tabIndex={-1}
            testId="document-export"
            items={documentExportItems(documentId, t, onExportDocument)}
          />
        )}
      </div>
    )}
    <div
      role="option"
      aria-selected={current || chosen}
      aria-expanded={row.group?.first ? !collapsed : undefined}
      id={`entry-${entry.id}`}
      className={`row${current ? ' selected' : ''}${chosen ? ' chosen' : ''}${row.group ? ' in-document' : ''}`}
      onMouseDown={(event: MouseEvent) => {
        event.preventDefault();
        onSelect(entry.id, { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
      }}
      data-testid="history-row"
    >
      <Thumbnail entryId={entry.id} hasImage={entry.hasImage} />
      <div className="row-body">
        <div className="row-title">
          {fresh && <span className="new-dot" role="img" aria-label={t('list.new')} data-testid="new-marker" />}
          {row.group && <span className="visually-hidden">{name(entry)}</span>}
          <span className="row-name">{title}</span>
          {entry.status !== 'done' && (
            // A batch's entry: a short badge (the row's name keeps its room), its full words for the pointer and the reader.
            <span className={`badge ${entry.status}${entry.status === 'pending' && entry.batch ? ' batch' : ''}`} data-testid="row-status" title={entry.status === 'pending' && entry.batch ? t('batchJobs.waiting') : undefined}>
              {entry.status === 'pending' && entry.batch ? (
                <>
                  <span aria-hidden="true">{t('batchJobs.badge')}</span>
                  <span className="visually-hidden">{t('batchJobs.waiting')}</span>
                </>
              ) : (
                t(`statusName.${entry.status}`)
              )}
            </span>
          )}
          {task && <span className="badge task" data-testid="task-badge">{task}</span>}
        </div>
        <div className="row-text">{text}</div>
        <div className="row-meta">
          {source && (
            <span className="row-source" title={source.label} data-testid="row-source">
              <SourceIcon kind={source.kind} />
              <span className={source.kind === 'pdf' ? undefined : 'visually-hidden'}>{source.label}</span>
            </span>
          )}
          <span className="row-time">{time}</span>
          {size && <span className="row-size">{size}</span>}
          {engineRan(entry) && <span>{t(`engineName.${entry.engine}`)}</span>}
          {entry.pinned && <span className="badge pinned">{t('list.pinned')}</span>}
        </div>
      </div>
    </div>
    </>
  );
});

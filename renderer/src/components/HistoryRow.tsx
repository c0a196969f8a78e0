import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntrySummary } from '../../../preload/api.ts';
import { engineRan } from '../engine-ran.ts';
import { formatTime } from '../format.ts';
import type { ListRow } from '../document-rows.ts';
import { Thumbnail } from './Thumbnail.tsx';

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
}

export const HistoryRow = memo(function HistoryRow({ row, current, chosen, fresh, streamed, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const name = useEntryName();
  const { entry, snippet } = row;
  const size = entry.width && entry.height ? `${entry.width}×${entry.height}` : null;
  const text = snippet
    ? snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))
    : entry.status === 'pending'
      ? streamed || <span className="muted">{t('list.reading')}</span>
      : entry.preview || (
          <span className={entry.error ? 'error-text' : 'muted'}>
            {/* The reason in the reader's language where its code is known; the main process's own words otherwise. */}
            {entry.error ? t(`errorCode.${entry.error.code}`, { defaultValue: entry.error.message }) : t('list.noText')}
          </span>
        );
  const time = formatTime(entry.createdAt, i18n.language);
  // Inside a document the page says which page it is; the document's name stands once, above its first page.
  const title = row.group && entry.page ? t('list.pageOf', { page: entry.page.number, pages: entry.page.of }) : name(entry);
  // In reading order, which is what a screen reader says: name, source, time, status; then the text; then the rest.
  return (
    <>
    {row.group?.first && (
      // Seen once above the document's pages; a screen reader hears the name in each page's own row instead.
      <div className="document-header" aria-hidden="true" data-testid="document-header">
        {t('list.document', { name: entry.fileName ?? t(`source.${entry.sourceKind}`), pages: row.group.pages })}
      </div>
    )}
    <div
      role="option"
      aria-selected={current || chosen}
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
          <span className="muted">{t(`source.${entry.sourceKind}`)}</span>
          <span className="muted row-time">{time}</span>
          {entry.status !== 'done' && <span className={`badge ${entry.status}`}>{t(`statusName.${entry.status}`)}</span>}
        </div>
        <div className="row-text">{text}</div>
        <div className="row-meta">
          {size && <span>{size}</span>}
          {engineRan(entry) && <span>{t(`engineName.${entry.engine}`)}</span>}
          {entry.pinned && <span className="badge pinned">{t('list.pinned')}</span>}
        </div>
      </div>
    </div>
    </>
  );
});

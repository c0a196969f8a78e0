import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../format.ts';
import type { Row } from '../hooks/useHistory.ts';
import { Thumbnail } from './Thumbnail.tsx';

export const HistoryRow = memo(function HistoryRow({ row, selected, onSelect }: { row: Row; selected: boolean; onSelect: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const { entry, snippet } = row;
  return (
    <div
      role="option"
      aria-selected={selected}
      id={`entry-${entry.id}`}
      className={`row${selected ? ' selected' : ''}`}
      onMouseDown={(event) => {
        event.preventDefault();
        onSelect(entry.id);
      }}
      data-testid="history-row"
    >
      <Thumbnail entryId={entry.id} hasImage={entry.hasImage} />
      <div className="row-body">
        <div className="row-text">
          {snippet
            ? snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))
            : entry.preview || <span className="muted">{entry.error ? entry.error.message : t('list.noText')}</span>}
        </div>
        <div className="row-meta">
          <span>{formatTime(entry.createdAt, i18n.language)}</span>
          <span>{t(`engineName.${entry.engine}`)}</span>
          {entry.status !== 'done' && <span className={`badge ${entry.status}`}>{t(`statusName.${entry.status}`)}</span>}
          {entry.pinned && <span className="badge pinned">{t('list.pinned')}</span>}
        </div>
      </div>
    </div>
  );
});

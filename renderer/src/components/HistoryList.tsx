/** The history as a virtualised list: only the rows on screen exist, so 100,000 entries scroll like 10. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportRequest } from '../../../preload/api.ts';
import type { ListRow } from '../document-rows.ts';
import { HistoryRow } from './HistoryRow.tsx';

interface Props {
  rows: ListRow[];
  currentId: number | null;
  chosen: ReadonlySet<number>;
  fresh: ReadonlySet<number>;
  streamed: ReadonlyMap<number, string>;
  hasMore: boolean;
  loading: boolean;
  emptyText: string;
  onSelect: (id: number, how: { range: boolean; toggle: boolean }) => void;
  onLoadMore: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** Documents whose pages are folded under their header (review L15). */
  collapsed?: ReadonlySet<number>;
  onToggleDocument?: (document: number) => void;
  /** A PDF document's pages exported (request.document set). */
  onExportDocument?: (request: ExportRequest) => void;
}

const ROW_HEIGHT = 78;
/** The line a document's first page carries above it (HistoryRow). */
const DOCUMENT_HEADER = 24;

export function HistoryList({ rows, currentId, chosen, fresh, streamed, hasMore, loading, emptyText, onSelect, onLoadMore, onKeyDown, collapsed, onToggleDocument, onExportDocument }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: (index) => (rows[index]?.group?.first ? ROW_HEIGHT + DOCUMENT_HEADER : ROW_HEIGHT), overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  useEffect(() => {
    if (last && last.index >= rows.length - 20 && hasMore && !loading) onLoadMore();
  }, [last, rows.length, hasMore, loading, onLoadMore]);

  // The keyboard's row is always in view.
  const currentIndex = rows.findIndex((row) => row.entry.id === currentId);
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);

  return (
    <>
      {/* Outside the listbox, which may own only options (axe: aria-required-children); the list stays, empty, for its keys. */}
      {rows.length === 0 && !loading && <p className="empty" data-testid="empty">{emptyText}</p>}
      <div
        ref={scroller}
        className="list"
        role="listbox"
        tabIndex={0}
        aria-multiselectable
        aria-label={t('list.label')}
        aria-activedescendant={currentId !== null && currentIndex >= 0 ? `entry-${currentId}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="history-list"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            const id = row.entry.id;
            return (
              <div key={id} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}>
                <HistoryRow
                  row={row}
                  current={id === currentId}
                  chosen={chosen.has(id)}
                  fresh={fresh.has(id)}
                  streamed={streamed.get(id)}
                  onSelect={onSelect}
                  collapsed={row.entry.page ? collapsed?.has(row.entry.page.document) : false}
                  onToggleDocument={onToggleDocument}
                  onExportDocument={onExportDocument}
                />
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}

/** The history as a virtualised list: only the rows on screen exist, so 100,000 entries scroll like 10. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Row } from '../hooks/useHistory.ts';
import { HistoryRow } from './HistoryRow.tsx';

interface Props {
  rows: Row[];
  selectedId: number | null;
  hasMore: boolean;
  loading: boolean;
  emptyText: string;
  onSelect: (id: number) => void;
  onLoadMore: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}

const ROW_HEIGHT = 64;

export function HistoryList({ rows, selectedId, hasMore, loading, emptyText, onSelect, onLoadMore, onKeyDown }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  useEffect(() => {
    if (last && last.index >= rows.length - 20 && hasMore && !loading) onLoadMore();
  }, [last, rows.length, hasMore, loading, onLoadMore]);

  const selectedIndex = rows.findIndex((row) => row.entry.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div
      ref={scroller}
      className="list"
      role="listbox"
      tabIndex={0}
      aria-label={t('list.label')}
      aria-activedescendant={selectedId !== null ? `entry-${selectedId}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="history-list"
    >
      {rows.length === 0 && !loading && <p className="empty">{emptyText}</p>}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <div key={row.entry.id} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}>
              <HistoryRow row={row} selected={row.entry.id === selectedId} onSelect={onSelect} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

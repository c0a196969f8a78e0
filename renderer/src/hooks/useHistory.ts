/** The history list or search results, paged as the list scrolls, refreshed when the main process says so. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EntrySummary, HistoryFilterView, MatchCountView, SnippetPart } from '../../../preload/api.ts';
import { api } from '../api.ts';
import { groupDocuments } from '../document-rows.ts';

export interface Row {
  entry: EntrySummary;
  snippet: SnippetPart[] | null;
}

const PAGE = 60;

export function useHistory(query: string, filter: HistoryFilterView) {
  const [rows, setRows] = useState<Row[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  /** How many entries a search finds in all (review M5), kept with its query so an old count never shows. */
  const [count, setCount] = useState<{ query: string; total: MatchCountView } | null>(null);
  const generation = useRef(0);
  const filterKey = JSON.stringify(filter);

  const fetchPage = useCallback(
    async (from: string | null): Promise<{ rows: Row[]; next: string | null }> => {
      if (query.trim()) {
        const page = await api.history.search({ query, filter, cursor: from, limit: PAGE });
        return { rows: page.items.map((hit) => ({ entry: hit.entry, snippet: hit.snippet })), next: page.nextCursor };
      }
      const page = await api.history.list({ filter, cursor: from, limit: PAGE });
      return { rows: page.items.map((entry) => ({ entry, snippet: null })), next: page.nextCursor };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for filter
    [query, filterKey],
  );

  /** Loads the first page again, as far as the list had scrolled, so a refresh never jumps. */
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    // Counted beside the first page, not before it: the rows come first and the count a moment later.
    const counted = query.trim() ? api.history.count({ query, filter }) : Promise.resolve(null);
    const first = await fetchPage(null);
    if (mine !== generation.current) return;
    setRows(first.rows);
    setCursor(first.next);
    setLoading(false);
    const total = await counted;
    if (mine === generation.current) setCount(total && { query, total });
  }, [fetchPage]); // eslint-disable-line react-hooks/exhaustive-deps -- fetchPage stands for query and filter

  const loadMore = useCallback(async () => {
    if (!cursor || loading) return;
    const mine = generation.current;
    setLoading(true);
    const next = await fetchPage(cursor);
    if (mine !== generation.current) return;
    setRows((current) => [...current, ...next.rows]);
    setCursor(next.next);
    setLoading(false);
  }, [cursor, loading, fetchPage]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('history:changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 120);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [reload]);

  // A PDF's pages, read together, show as one document (document-rows.ts).
  const grouped = useMemo(() => groupDocuments(rows), [rows]);
  return { rows: grouped, hasMore: cursor !== null, loading, loadMore, reload, count: query.trim() && count?.query === query ? count.total : null };
}

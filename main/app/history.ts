/**
 * The history as the window browses it: pages of summaries and search hits, one entry whole, its image, the user's
 * edits, pins and deletions (each said back as history:changed, so every view of it follows), usage and storage,
 * export to a file the user picks, and clearing it. Entries cross the bridge only as views (views.ts): no paths.
 */
import { basename } from 'node:path';
import type { BatchWaitView, EntrySummary, EntryView, ExportRequest, ExportResult, HistoryFilterView, MatchCountView, PageView, SearchHitView, StorageView, UsageView } from '../../preload/api.ts';
import { BatchLedger } from '../batch/ledger.ts';
import { exportSearchablePdf, exportToFile } from '../history/export-file.ts';
import { exportFileName, exportReadable, isReadableFormat } from '../history/export-readable-file.ts';
import type { HistoryStore } from '../history/store.ts';
import { FREE_QUOTA, REGION_PRICES, type Region } from '../ocr/models.ts';
import type { AppPorts } from './services.ts';
import { dataUrl, toEntrySummary, toEntryView } from './views.ts';
import type { PackCode } from '../languages/catalog.ts';

export class AppHistory {
  readonly #history: HistoryStore;
  readonly #ports: Pick<AppPorts, 'dialogs' | 'emit' | 'settings'>;
  /** The language packs installed now: an entry's warnings say whether the pack it needs only has to be chosen. */
  readonly #installed: () => readonly PackCode[];

  constructor(ports: Pick<AppPorts, 'history' | 'dialogs' | 'emit' | 'settings'>, installed: () => readonly PackCode[] = () => []) {
    this.#history = ports.history;
    this.#ports = ports;
    this.#installed = installed;
  }

  list(request: { filter?: HistoryFilterView; cursor?: string | null; limit?: number }): PageView<EntrySummary> {
    const page = this.#history.list(request);
    return { items: this.#withBatch(page.items.map(toEntrySummary)), nextCursor: page.nextCursor };
  }

  search(request: { query: string; filter?: HistoryFilterView; cursor?: string | null; limit?: number }): PageView<SearchHitView> {
    const page = this.#history.search(request.query, request);
    const entries = this.#withBatch(page.items.map((hit) => toEntrySummary(hit.entry)));
    return { items: page.items.map((hit, i) => ({ entry: entries[i]!, snippet: hit.snippet })), nextCursor: page.nextCursor };
  }

  /**
   * A pending entry that waits for a batch job says which (batch/ledger.ts pendingJobsOf), so the window shows
   * "Waiting for the batch" rather than a reading that may take 24 h; only the page's pending entries are looked up.
   */
  #withBatch<T extends { id: number; status: string }>(items: T[]): Array<T & { batch: BatchWaitView | null }> {
    const pending = items.filter((item) => item.status === 'pending').map((item) => item.id);
    const jobs = pending.length ? new BatchLedger(this.#history).pendingJobsOf(pending) : new Map<number, BatchWaitView>();
    return items.map((item) => ({ ...item, batch: jobs.get(item.id) ?? null }));
  }

  count(request: { query: string; filter?: HistoryFilterView }): MatchCountView {
    return this.#history.countMatches(request.query, request);
  }

  entry(id: number): EntryView | null {
    const entry = this.#history.get(id);
    return entry ? this.#withBatch([toEntryView(entry, this.#installed())])[0]! : null;
  }

  image(id: number): string | null {
    const stored = this.#history.image(id);
    return stored?.image ? dataUrl(stored.mime, stored.image) : null;
  }

  thumbnail(id: number): string | null {
    const stored = this.#history.image(id);
    return stored?.thumbnail ? dataUrl('image/webp', stored.thumbnail) : null;
  }

  edit(id: number, text: string | null): EntryView | null {
    this.#history.edit(id, text);
    this.#changed([id]);
    return this.entry(id);
  }

  pin(id: number, pinned: boolean): EntryView | null {
    this.#history.setPinned(id, pinned);
    this.#changed([id]);
    return this.entry(id);
  }

  delete(ids: number[]): number {
    const removed = this.#history.delete(ids);
    this.#changed(ids);
    return removed;
  }

  /** Every entry goes (pinned ones only when asked); the space is reclaimed. */
  clear(options: { includePinned: boolean }): number {
    const removed = this.#history.deleteOlderThan(0, options);
    this.#changed(null);
    return removed;
  }

  /** What each region billed per month (the history's ledger), priced in its currency, and the free quota's use. */
  usage(): UsageView {
    const totals = this.#history.usageTotals().filter((row): row is typeof row & { region: Region } => row.region in REGION_PRICES);
    const used = new Map<Region, { tokens: number; since: string }>();
    for (const row of totals) {
      const seen = used.get(row.region);
      used.set(row.region, { tokens: (seen?.tokens ?? 0) + row.inputTokens + row.outputTokens, since: row.month });
    }
    return {
      months: totals.map((row) => ({ ...row, currency: REGION_PRICES[row.region].currency })),
      freeQuota: { tokens: FREE_QUOTA.tokens, days: FREE_QUOTA.days, used: [...used].map(([region, value]) => ({ region, ...value })) },
    };
  }

  storage(): StorageView {
    return this.#history.storage();
  }

  /**
   * Some entries, a search's, a document's pages or all of them, to a file the user picks in main's save dialog, its
   * name and type filter offered for the format. The readable formats (txt, md, docx, csv, xlsx) are shaped by the
   * line mode the window shows (review M14); json and the searchable PDF are written a piece at a time.
   */
  async export(request: ExportRequest): Promise<ExportResult> {
    const { format } = request;
    const entries = request.document !== undefined
      ? this.#history.documentPages(request.document)
      : request.ids
      ? request.ids.map((id) => this.#history.get(id)).filter((e): e is NonNullable<typeof e> => e !== null)
      : this.#history.iterate({ query: request.query });
    if (isReadableFormat(format)) {
      const chosen = [...entries];
      const path = await this.#ports.dialogs.saveExport(exportFileName(chosen, format), format);
      if (!path) return { saved: false };
      const count = await exportReadable(this.#history, chosen, format, path, { mode: this.#ports.settings.get().lineMode, images: request.images === true });
      return { saved: true, count, fileName: basename(path) };
    }
    // A document or chosen entries are named for what they hold; a whole history is read only once a file is chosen.
    const named = Array.isArray(entries) && entries.length > 0
      ? exportFileName(entries, format).replace(/\.pdf$/, ' (searchable).pdf')
      : `readout-export.${format}`;
    const path = await this.#ports.dialogs.saveExport(named, format);
    if (!path) return { saved: false };
    const count = format === 'pdf'
      ? await exportSearchablePdf(this.#history, entries, path)
      : await exportToFile(this.#history, entries, format, path, { images: request.images });
    return { saved: true, count, fileName: basename(path) };
  }

  #changed(ids: number[] | null): void {
    this.#ports.emit('history:changed', { ids });
  }
}

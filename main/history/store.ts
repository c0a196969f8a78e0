/**
 * The history: every recognition, written as pending with its image before the engine is called, then completed or
 * failed. Every change is one transaction, so a killed process leaves no half-written entry.
 */
import { statSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { ReadoutError } from '../errors.ts';
import type { EngineName, RecognizeResult } from '../ocr/engine.ts';
import { openDatabase, transaction } from './database.ts';
import { cursorClause, encodeCursor, filterClauses, rowSource, searchTerms, where, type Clause, type Source as RowSource, type SqlValue } from './query.ts';
import { ENTRY_COLUMNS, shownText, toEntry, type EntryRow } from './rows.ts';
import { makeSnippet } from './snippet.ts';
import { codesText } from '../codes/code.ts';
import { checkedUsage } from '../ocr/usage-check.ts';
import type { Entry, HistoryFilter, Page, SearchHit, Source, StoredImage, Translation, UsageTotal } from './types.ts';
import { TRANSLATION_COLUMNS, toTranslation, translationValues, type TranslationRow } from './translation-rows.ts';
import { isAlive } from '../process-alive.ts';

export interface NewEntry {
  source: Source;
  engine: EngineName;
  model: string;
  mode: string | null;
  prompt: string | null;
  image: { data: Uint8Array; mime: string; thumbnail: Uint8Array | null };
  width: number;
  height: number;
  sentWidth: number;
  sentHeight: number;
  imageTokens: number | null;
  /** A page of a PDF document (createDocument): which, and its number. */
  document?: { id: number; page: number } | null;
}

export interface Failure {
  code: string;
  message: string;
  retryable: boolean;
  /** Text that arrived before the failure; kept so nothing the user saw is lost. */
  partialText?: string;
}

export interface StorageReport {
  entries: number;
  databaseBytes: number;
  imageBytes: number;
}

export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;
/** Past this many a search's matches are said as "1,000+": counting further would cost a scan of the history. */
export const MATCH_COUNT_CAP = 1000;

const fileNameOf = (source: Source): string | null =>
  source.kind === 'file' ? source.name : source.kind === 'drop' ? source.name : null;

export class HistoryStore {
  readonly #db: DatabaseSync;
  readonly #path: string;
  readonly #now: () => number;
  /** Opened for reading only: the file or its folder cannot be written. */
  readonly readOnly: boolean;

  /** `readOnly`: a history that cannot be written is still opened, for reading (the read commands). */
  constructor(path: string, options: { now?: () => number; readOnly?: boolean } = {}) {
    this.#path = path;
    const opened = openDatabase(path, undefined, { readOnly: options.readOnly });
    this.#db = opened.db;
    this.readOnly = opened.readOnly;
    this.#now = options.now ?? Date.now;
  }

  /** The database file: what a second connection to the same history opens (watch's ledger, history/watched-files.ts). */
  get file(): string {
    return this.#path;
  }

  close(): void {
    this.#db.close();
  }

  /** The connection, for a room that keeps tables beside the entries and changes both in one transaction (batch/ledger.ts). */
  get database(): DatabaseSync {
    return this.#db;
  }

  #run(sql: string, ...params: Array<SqlValue | Uint8Array>): number {
    return Number(this.#db.prepare(sql).run(...params).changes);
  }

  #entries(source: RowSource, clause: Clause, limit: number): Entry[] {
    const rows = this.#db
      .prepare(`SELECT ${ENTRY_COLUMNS} FROM ${source.from} ${clause.sql} ORDER BY ${source.key} DESC LIMIT ?`)
      .all(...clause.params, limit) as unknown as EntryRow[];
    return rows.map(toEntry);
  }

  /** Newest first (by id: entries are numbered as they are created), `limit` at a time. */
  #page(terms: string[], filter: HistoryFilter | undefined, options: { limit?: number; cursor?: string | null }): Page<Entry> {
    const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    const source = rowSource(this.#db, terms);
    const clause = where([...source.clauses, ...filterClauses(filter), ...cursorClause(source.key, options.cursor)]);
    const items = this.#entries(source, clause, limit + 1);
    const more = items.length > limit;
    if (more) items.pop();
    const last = items.at(-1);
    return { items, nextCursor: more && last ? encodeCursor(last.id) : null };
  }

  /** Writes the entry as pending, with its image, before any engine is called. Returns its id. */
  createPending(entry: NewEntry): number {
    const now = this.#now();
    return transaction(this.#db, () => {
      const { lastInsertRowid } = this.#db
        .prepare(
          `INSERT INTO entries (created_at, updated_at, source_kind, source, file_name, engine, model, mode, prompt, status,
             image_tokens, width, height, sent_width, sent_height, owner_pid, document_id, page)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(now, now, entry.source.kind, JSON.stringify(entry.source), fileNameOf(entry.source), entry.engine, entry.model,
          entry.mode, entry.prompt, entry.imageTokens, entry.width, entry.height, entry.sentWidth, entry.sentHeight, process.pid,
          entry.document?.id ?? null, entry.document?.page ?? null);
      const id = Number(lastInsertRowid);
      const thumbnail = entry.image.thumbnail;
      this.#run('INSERT INTO images (entry_id, mime, image, thumbnail, bytes) VALUES (?, ?, ?, ?, ?)',
        id, entry.image.mime, entry.image.data, thumbnail, entry.image.data.length + (thumbnail?.length ?? 0));
      return id;
    });
  }

  /**
   * A file that could not even be read (damaged, not an image, too large): a failed entry with its name and reason
   * and no image, so the failure stays in the history, where the Failed filter finds it.
   */
  recordUnreadable(source: Source, engine: EngineName, model: string, failure: Failure): number {
    const now = this.#now();
    return transaction(this.#db, () =>
      Number(
        this.#db
          .prepare(
            `INSERT INTO entries (created_at, updated_at, source_kind, source, file_name, engine, model, status, error_code, error_message, retryable)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'failed', ?, ?, ?)`,
          )
          .run(now, now, source.kind, JSON.stringify(source), fileNameOf(source), engine, model, failure.code, failure.message, failure.retryable ? 1 : 0)
          .lastInsertRowid,
      ),
    );
  }

  /** The entry read: its text and all that came with it. Codes a result does not carry (a retry) are kept. */
  complete(id: number, result: RecognizeResult): void {
    // Usage that cannot be right (negative, not finite, absurd) is neither kept nor billed: the ledger is kept apart from
    // the history, so what reaches it stays (bad-input review 2, M4). The engine said so when it refused it first.
    const usage = checkedUsage(result.usage, () => {});
    const cost = result.cost !== null && Number.isFinite(result.cost) && result.cost >= 0 && (usage || !result.usage) ? result.cost : null;
    this.#run(
      `UPDATE entries SET status = 'done', text = ?, engine = ?, model = ?, input_tokens = ?, output_tokens = ?,
         image_tokens = COALESCE(?, image_tokens), cost = ?, duration_ms = ?, request_id = ?, confidence = ?, words = ?, region = ?, codes = COALESCE(?, codes), codes_text = COALESCE(?, codes_text), error_code = NULL,
         error_message = NULL, retryable = 0, fallback = NULL, owner_pid = NULL, updated_at = ?
       WHERE id = ?`,
      result.text, result.engine, result.model, usage?.prompt_tokens ?? null, usage?.completion_tokens ?? null,
      usage?.prompt_tokens_details?.image_tokens ?? null, cost, result.durationMs, result.requestId, result.confidence ?? null,
      result.words ? JSON.stringify(result.words) : null, result.region ?? null, result.codes ? JSON.stringify(result.codes) : null,
      result.codes ? codesText(result.codes) : null, this.#now(), id,
    );
    if (result.region && usage) this.#bill(result.region, usage.prompt_tokens, usage.completion_tokens, cost ?? 0);
  }

  /** Adds a request to its region's month in the ledger (usage_totals). */
  #bill(region: string, input: number, output: number, cost: number): void {
    const date = new Date(this.#now());
    const month = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
    this.#run(
      `INSERT INTO usage_totals (month, region, requests, input_tokens, output_tokens, cost) VALUES (?, ?, 1, ?, ?, ?)
       ON CONFLICT (month, region) DO UPDATE SET requests = requests + 1, input_tokens = input_tokens + excluded.input_tokens,
         output_tokens = output_tokens + excluded.output_tokens, cost = cost + excluded.cost`,
      month, region, input, output, cost,
    );
  }

  /** A PDF document whose pages become entries (NewEntry.document); its id. */
  createDocument(fileName: string, pages: number): number {
    const { lastInsertRowid } = this.#db.prepare('INSERT INTO documents (created_at, file_name, pages) VALUES (?, ?, ?)').run(this.#now(), fileName, pages);
    return Number(lastInsertRowid);
  }

  /** What each region billed per month, the newest month first. */
  usageTotals(): UsageTotal[] {
    const rows = this.#db
      .prepare('SELECT month, region, requests, input_tokens, output_tokens, cost FROM usage_totals ORDER BY month DESC, region')
      .all() as Array<{ month: string; region: string; requests: number; input_tokens: number; output_tokens: number; cost: number }>;
    return rows.map((row) => ({ month: row.month, region: row.region, requests: row.requests, inputTokens: row.input_tokens, outputTokens: row.output_tokens, cost: row.cost }));
  }

  /** The entry was just read offline in place of Qwen (after complete()), and why: Qwen's error code, or 'asked'. */
  noteFallback(id: number, from: string): void {
    this.#run('UPDATE entries SET fallback = ? WHERE id = ?', from, id);
  }

  fail(id: number, failure: Failure): void {
    this.#run(
      `UPDATE entries SET status = ?, text = ?, error_code = ?, error_message = ?, retryable = ?, owner_pid = NULL, updated_at = ?
       WHERE id = ?`,
      failure.code === 'cancelled' ? 'cancelled' : 'failed', failure.partialText ?? '', failure.code, failure.message,
      failure.retryable ? 1 : 0, this.#now(), id,
    );
  }

  /** Sets a failed or cancelled entry back to pending for another try from its stored image. */
  beginRetry(id: number, engine: EngineName, model: string): StoredImage & { image: Uint8Array } {
    const entry = this.get(id);
    if (!entry) throw new ReadoutError('history-not-found', `There is no history entry ${id}.`);
    if (entry.status === 'pending') throw new ReadoutError('history-busy', `Entry ${id} is still being read.`);
    const stored = this.image(id);
    if (!stored?.image) throw new ReadoutError('history-no-image', `Entry ${id} has no stored image to read again (images are not kept, or were pruned).`);
    this.#run(
      `UPDATE entries SET status = 'pending', engine = ?, model = ?, error_code = NULL, error_message = NULL, retryable = 0,
         attempts = attempts + 1, owner_pid = ?, updated_at = ? WHERE id = ?`,
      engine, model, process.pid, this.#now(), id,
    );
    return { ...stored, image: stored.image };
  }

  /** Pending entries whose process is gone were cut off mid-recognition: mark them for retry. */
  recoverInterrupted(alive: (pid: number) => boolean = isAlive): number {
    // An entry a batch job will fill (batch/ledger.ts) waits on the service, not on a process: it is not cut off.
    const orphans = (this.#db.prepare("SELECT id, owner_pid FROM entries WHERE status = 'pending' AND id NOT IN (SELECT entry_id FROM batch_requests WHERE state = 'pending' AND entry_id IS NOT NULL)").all() as Array<{ id: number; owner_pid: number | null }>)
      .filter((row) => row.owner_pid === null || (row.owner_pid !== process.pid && !alive(row.owner_pid)));
    if (orphans.length === 0) return 0;
    return transaction(this.#db, () => {
      for (const { id } of orphans) {
        this.fail(id, { code: 'interrupted', message: 'Readout stopped before this finished; retry it.', retryable: true });
      }
      return orphans.length;
    });
  }

  get(id: number): Entry | null {
    const entry = this.#entries(rowSource(this.#db, []), where([{ sql: 'e.id = ?', params: [id] }]), 1)[0];
    return entry ? { ...entry, translation: this.translation(id) } : null;
  }

  /** The entry's translation, or null where none was made. */
  translation(entryId: number): Translation | null {
    const row = this.#db.prepare(`SELECT ${TRANSLATION_COLUMNS} FROM translations WHERE entry_id = ?`).get(entryId) as TranslationRow | undefined;
    return row ? toTranslation(row) : null;
  }

  /**
   * Keeps the entry's translation, replacing any before it (a redo, to the same or another language); a done one with
   * a region and usage is billed like a reading. False when the entry is gone (deleted while it was translated).
   */
  saveTranslation(entryId: number, translation: Translation): boolean {
    return transaction(this.#db, () => {
      const exists = this.#db.prepare('SELECT 1 AS one FROM entries WHERE id = ?').get(entryId);
      if (!exists) return false;
      this.#run(
        `INSERT INTO translations (entry_id, ${TRANSLATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (entry_id) DO UPDATE SET target = excluded.target, source = excluded.source, model = excluded.model,
           status = excluded.status, text = excluded.text, lines = excluded.lines, input_tokens = excluded.input_tokens,
           output_tokens = excluded.output_tokens, cost = excluded.cost, region = excluded.region, error_code = excluded.error_code,
           error_message = excluded.error_message, created_at = excluded.created_at`,
        entryId, ...translationValues(translation),
      );
      const { usage, region } = translation;
      if (translation.status === 'done' && region && usage.inputTokens !== null && usage.outputTokens !== null) {
        this.#bill(region, usage.inputTokens, usage.outputTokens, translation.cost ?? 0);
      }
      return true;
    });
  }

  image(id: number): StoredImage | null {
    const row = this.#db.prepare('SELECT mime, image, thumbnail FROM images WHERE entry_id = ?').get(id) as
      | { mime: string; image: Uint8Array | null; thumbnail: Uint8Array | null }
      | undefined;
    return row ? { mime: row.mime, image: row.image, thumbnail: row.thumbnail } : null;
  }

  list(options: { filter?: HistoryFilter; limit?: number; cursor?: string | null } = {}): Page<Entry> {
    return this.#page([], options.filter, options);
  }

  search(query: string, options: { filter?: HistoryFilter; limit?: number; cursor?: string | null } = {}): Page<SearchHit> {
    const terms = searchTerms(query);
    const page = this.#page(terms, options.filter, options);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((entry) => ({ entry, snippet: this.#snippet(entry, terms) })),
    };
  }

  /**
   * How many entries a search finds, counted on the same match as its pages and stopped past `cap`, so a term common
   * to the whole history costs no more than `cap` rows (review M5: "124 matches" above the list).
   */
  countMatches(query: string, options: { filter?: HistoryFilter; cap?: number } = {}): { count: number; more: boolean } {
    const cap = Math.max(1, Math.floor(options.cap ?? MATCH_COUNT_CAP));
    const source = rowSource(this.#db, searchTerms(query));
    const clause = where([...source.clauses, ...filterClauses(options.filter)]);
    const { n } = this.#db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${source.from} ${clause.sql} LIMIT ?)`).get(...clause.params, cap + 1) as { n: number };
    return { count: Math.min(n, cap), more: n > cap };
  }

  edit(id: number, editedText: string | null): void {
    this.#run('UPDATE entries SET edited_text = ?, updated_at = ? WHERE id = ?', editedText, this.#now(), id);
  }

  setPinned(id: number, pinned: boolean): void {
    this.#run('UPDATE entries SET pinned = ?, updated_at = ? WHERE id = ?', pinned ? 1 : 0, this.#now(), id);
  }

  setTags(id: number, tags: string[]): void {
    const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
    this.#run('UPDATE entries SET tags = ?, updated_at = ? WHERE id = ?', JSON.stringify(clean), this.#now(), id);
  }

  delete(ids: number[]): number {
    if (ids.length === 0) return 0;
    return transaction(this.#db, () => ids.reduce((sum, id) => sum + this.#run('DELETE FROM entries WHERE id = ?', id), 0));
  }

  /** Deletes unpinned entries older than `days` days (pinned ones too when asked), then reclaims the space. */
  deleteOlderThan(days: number, options: { includePinned?: boolean } = {}): number {
    const cutoff = this.#now() - days * 86_400_000;
    const removed = this.#run(`DELETE FROM entries WHERE created_at < ?${options.includePinned ? '' : ' AND pinned = 0'}`, cutoff);
    if (removed > 0) this.vacuum();
    return removed;
  }

  /**
   * Keeps stored images under `capBytes` by dropping the oldest unpinned entries' images (their text stays).
   * Pending entries keep theirs: they are still needed. Returns how many entries lost their image.
   */
  pruneImages(capBytes: number): number {
    let total = (this.#db.prepare('SELECT COALESCE(SUM(bytes), 0) AS total FROM images').get() as { total: number }).total;
    if (total <= capBytes) return 0;
    const candidates = this.#db
      .prepare(
        `SELECT i.entry_id AS id, i.bytes FROM images i JOIN entries e ON e.id = i.entry_id
         WHERE e.pinned = 0 AND e.status != 'pending' ORDER BY e.created_at ASC, e.id ASC`,
      )
      .iterate() as IterableIterator<{ id: number; bytes: number }>;
    const doomed: number[] = [];
    for (const { id, bytes } of candidates) {
      if (total <= capBytes) break;
      doomed.push(id);
      total -= bytes;
    }
    transaction(this.#db, () => doomed.forEach((id) => this.#run('DELETE FROM images WHERE entry_id = ?', id)));
    if (doomed.length > 0) this.vacuum();
    return doomed.length;
  }

  /** Forgets an entry's images (the "keep images" setting off); its text stays. */
  dropImage(id: number): void {
    this.#run('DELETE FROM images WHERE entry_id = ?', id);
  }

  vacuum(): void {
    this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE); VACUUM;');
  }

  storage(): StorageReport {
    const { entries } = this.#db.prepare('SELECT COUNT(*) AS entries FROM entries').get() as { entries: number };
    const { images } = this.#db.prepare('SELECT COALESCE(SUM(bytes), 0) AS images FROM images').get() as { images: number };
    const size = (path: string): number => {
      try {
        return statSync(path).size;
      } catch {
        return 0;
      }
    };
    return { entries, databaseBytes: size(this.#path) + size(`${this.#path}-wal`), imageBytes: images };
  }

  /** A PDF document's pages, in page order (a page read twice is there twice, the later reading after). */
  documentPages(documentId: number): Entry[] {
    const rows = this.#db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries e WHERE e.document_id = ? ORDER BY e.page, e.id`).all(documentId) as unknown as EntryRow[];
    return rows.map((row) => this.#withTranslation(toEntry(row)));
  }

  /** The words a search found, from the entry's text, or from its translation where only that holds them. */
  #snippet(entry: Entry, terms: string[]): SearchHit['snippet'] {
    const own = makeSnippet(shownText(entry), terms);
    if (own.some((part) => part.match)) return own;
    const translated = this.translation(entry.id)?.text;
    const other = translated ? makeSnippet(translated, terms) : null;
    return other?.some((part) => part.match) ? other : own;
  }

  /** An entry with its translation: for exports, which carry it (lists and pages leave it out). */
  #withTranslation(entry: Entry): Entry {
    return { ...entry, translation: this.translation(entry.id) };
  }

  /** Every matching entry, newest first, a page at a time: for exports of any size. */
  *iterate(options: { query?: string; filter?: HistoryFilter } = {}): Generator<Entry> {
    const terms = searchTerms(options.query ?? '');
    let cursor: string | null = null;
    do {
      const page = this.#page(terms, options.filter, { cursor, limit: MAX_PAGE_SIZE });
      for (const entry of page.items) yield this.#withTranslation(entry);
      cursor = page.nextCursor;
    } while (cursor);
  }
}

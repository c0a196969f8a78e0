/**
 * The folder watcher's ledger kept in the history database (the watched_files table, schema.ts): what each watched
 * file was when it was read, whether its reading finished, and the entries it made. It is a connection of its own to
 * the history file (WAL lets it sit beside the store's), so the store's class is left as it is; every write is one
 * statement or one transaction. It also answers, from the entries themselves, whether a claimed reading finished
 * after all: the process can die between completing an entry and marking its file done.
 */
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase, transaction } from './database.ts';

export interface WatchedFile {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string | null;
  state: 'reading' | 'done';
  claimedAt: number;
  entryIds: number[];
  output: { path: string; size: number; mtimeMs: number } | null;
}

type Identity = Pick<WatchedFile, 'size' | 'mtimeMs' | 'sha256'>;

interface Row {
  path: string;
  size: number;
  mtime_ms: number;
  sha256: string | null;
  state: 'reading' | 'done';
  claimed_at: number;
  entry_ids: string;
  output_path: string | null;
  output_size: number | null;
  output_mtime_ms: number | null;
}

const entryIdsOf = (json: string): number[] => {
  try {
    const ids: unknown = JSON.parse(json);
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isSafeInteger(id)) : [];
  } catch {
    return [];
  }
};

const toWatchedFile = (row: Row): WatchedFile => ({
  path: row.path,
  size: row.size,
  mtimeMs: row.mtime_ms,
  sha256: row.sha256,
  state: row.state,
  claimedAt: row.claimed_at,
  entryIds: entryIdsOf(row.entry_ids),
  output: row.output_path !== null ? { path: row.output_path, size: row.output_size ?? 0, mtimeMs: row.output_mtime_ms ?? 0 } : null,
});

export class WatchedFiles {
  readonly #db: DatabaseSync;
  readonly #now: () => number;

  constructor(historyPath: string, options: { now?: () => number } = {}) {
    this.#db = openDatabase(historyPath).db;
    this.#now = options.now ?? Date.now;
  }

  get(path: string): WatchedFile | null {
    const row = this.#db.prepare('SELECT * FROM watched_files WHERE path = ?').get(path) as Row | undefined;
    return row ? toWatchedFile(row) : null;
  }

  claim(path: string, identity: Identity): void {
    this.#db
      .prepare(
        `INSERT INTO watched_files (path, size, mtime_ms, sha256, state, claimed_at, entry_ids) VALUES (?, ?, ?, ?, 'reading', ?, '[]')
         ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256,
           state = 'reading', claimed_at = excluded.claimed_at, done_at = NULL, entry_ids = '[]'`,
      )
      .run(path, identity.size, identity.mtimeMs, identity.sha256, this.#now());
  }

  done(path: string, identity: Identity, entryIds: number[], output: WatchedFile['output']): void {
    const now = this.#now();
    this.#db
      .prepare(
        `INSERT INTO watched_files (path, size, mtime_ms, sha256, state, claimed_at, done_at, entry_ids, output_path, output_size, output_mtime_ms)
           VALUES (?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256,
           state = 'done', done_at = excluded.done_at, entry_ids = excluded.entry_ids,
           output_path = COALESCE(excluded.output_path, output_path), output_size = COALESCE(excluded.output_size, output_size),
           output_mtime_ms = COALESCE(excluded.output_mtime_ms, output_mtime_ms)`,
      )
      .run(path, identity.size, identity.mtimeMs, identity.sha256, now, now, JSON.stringify(entryIds), output?.path ?? null, output?.size ?? null, output?.mtimeMs ?? null);
  }

  touch(path: string, identity: Identity): void {
    this.#db.prepare('UPDATE watched_files SET size = ?, mtime_ms = ?, sha256 = COALESCE(?, sha256) WHERE path = ?').run(identity.size, identity.mtimeMs, identity.sha256, path);
  }

  /** The 'done' rows of these bytes, newest first (schema.ts indexes watched_files by sha256: one lookup, however many files were read). */
  sameBytes(sha256: string, size: number): WatchedFile[] {
    const rows = this.#db
      .prepare("SELECT * FROM watched_files WHERE sha256 = ? AND size = ? AND state = 'done' ORDER BY done_at DESC")
      .all(sha256, size) as unknown as Row[];
    return rows.map(toWatchedFile);
  }

  /** The row of `from` moves to `to` with its new identity; its entries and its text file stay as they are. */
  move(from: string, to: string, identity: Identity): boolean {
    // OR REPLACE: a row claimed for `to` meanwhile (another watcher of an overlapping folder) gives way to the reading it repeats.
    // No row changed: another path took this reading first (two new files of the same bytes at once).
    return this.#db.prepare('UPDATE OR REPLACE watched_files SET path = ?, size = ?, mtime_ms = ?, sha256 = COALESCE(?, sha256) WHERE path = ?').run(to, identity.size, identity.mtimeMs, identity.sha256, from).changes > 0;
  }

  /**
   * The entries a claimed reading of the file finished, marking its row done; null when it did not finish: no entry
   * since the claim, one still pending, or one cut off ('interrupted': the store's recoverInterrupted marks a dead
   * process's pending entries so), or a PDF with pages missing. A file that failed before any entry was made (not an
   * image after all) has none: it is read again, and fails again, once. The cut-off entries are removed, and a cut-off
   * PDF's pages with their document, as the reading that follows replaces them (their image is the file's, read again).
   */
  finishedReading(row: WatchedFile): number[] | null {
    return transaction(this.#db, () => {
      const entries = this.#db
        .prepare(
          `SELECT e.id, e.status, e.error_code, e.page, e.document_id, d.pages FROM entries e LEFT JOIN documents d ON d.id = e.document_id
           WHERE e.source_kind = 'file' AND json_extract(e.source, '$.path') = ? AND e.created_at >= ? ORDER BY e.id`,
        )
        .all(row.path, row.claimedAt) as Array<{ id: number; status: string; error_code: string | null; page: number | null; document_id: number | null; pages: number | null }>;
      const document = entries.find((e) => e.document_id !== null);
      const unfinished =
        entries.length === 0 ||
        entries.some((e) => e.status === 'pending' || e.error_code === 'interrupted' || e.status === 'cancelled') ||
        (document !== undefined && new Set(entries.map((e) => e.page)).size < (document.pages ?? 0));
      if (unfinished) {
        // The reading that was cut off is read again now, whole; its interrupted entries (the store's recoverInterrupted
        // marks a dead process's pending ones so) would otherwise stay as failures beside the reading that replaces them,
        // and a PDF's pages read before the cut (with their document) as a second copy of those pages.
        const documents = new Set(entries.flatMap((e) => (e.document_id === null ? [] : [e.document_id])));
        for (const e of entries) if (e.error_code === 'interrupted' || e.document_id !== null) this.#db.prepare('DELETE FROM entries WHERE id = ?').run(e.id);
        for (const id of documents) this.#db.prepare('DELETE FROM documents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM entries WHERE document_id = ?)').run(id, id);
        return null;
      }
      const ids = entries.map((e) => e.id);
      this.#db.prepare("UPDATE watched_files SET state = 'done', done_at = ?, entry_ids = ? WHERE path = ?").run(this.#now(), JSON.stringify(ids), row.path);
      return ids;
    });
  }

  close(): void {
    this.#db.close();
  }
}

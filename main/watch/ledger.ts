/**
 * What a watcher remembers, so that each file is read exactly once across restarts: per file, its identity when it
 * was read (size, modification time, and the SHA-256 of the bytes that were read), whether that reading finished, and
 * the history entries it made. A file is claimed ('reading') before it is read and marked 'done' once its reading is
 * recorded. Two keepers: the history database (history/watched-files.ts) and, with --no-history, a small state file
 * in the data folder (state-file-ledger.ts).
 */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  /** Hex SHA-256 of the bytes read; null where they were not read (a row only claimed from its stat). */
  sha256: string | null;
}

/** A text file Readout wrote beside an input, as it was written: a later one is overwritten only if still so. */
export interface WrittenOutput {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface LedgerRow extends FileIdentity {
  /** Absolute path of the input. */
  path: string;
  state: 'reading' | 'done';
  /** When the reading was claimed (ms since the epoch): a history entry made since belongs to it. */
  claimedAt: number;
  /** The history entries the reading made (one per image, one per page of a PDF); [] without a history. */
  entryIds: number[];
  output: WrittenOutput | null;
}

export interface WatchLedger {
  get(path: string): LedgerRow | null;
  /** The file is about to be read: remembered as 'reading', with the identity of the bytes in hand. */
  claim(path: string, identity: FileIdentity): void;
  /** Its reading is recorded: 'done', with the entries it made and the text written beside it, if any. */
  done(path: string, identity: FileIdentity, entryIds: number[], output: WrittenOutput | null): void;
  /**
   * A 'reading' row left by a watcher that stopped mid-way: the entries that reading completed, when the history holds
   * it finished (the process died between completing the entry and marking the row), else null: it never finished,
   * so reading it again is its first reading, not a second.
   */
  finishedReading(row: LedgerRow): number[] | null;
  /** A file whose bytes are unchanged but whose stat moved (touched, copied over itself): its new identity, still done. */
  touch(path: string, identity: FileIdentity): void;
  /**
   * The 'done' rows read from these very bytes (the same SHA-256 and size), newest first: where a file new by its
   * path may have been moved or renamed from (the watcher keeps only those whose path no longer exists).
   */
  sameBytes(sha256: string, size: number): LedgerRow[];
  /**
   * The file read at `from` is now at `to` (moved or renamed): its row follows it, its entries and text file kept,
   * with its identity there. False when `from` has no row any more (another file just took it): nothing moved.
   */
  move(from: string, to: string, identity: FileIdentity): boolean;
  close(): void;
}

/** What to do with a file whose stat is `seen`, given what the ledger holds for it. */
export type Decision =
  /** Never read, or a new version: read it. */
  | 'read'
  /** Read already and unchanged: leave it. */
  | 'skip'
  /** A reading was claimed and never marked done: ask the history whether it finished (WatchLedger.finishedReading). */
  | 'resume'
  /** Its size or time changed: read its bytes, and compare their hash with the one read before. */
  | 'compare';

export function decide(row: LedgerRow | null, seen: { size: number; mtimeMs: number }): Decision {
  if (!row) return 'read';
  const same = row.size === seen.size && row.mtimeMs === seen.mtimeMs;
  if (row.state === 'reading') return same ? 'resume' : 'read';
  if (same) return 'skip';
  return row.sha256 !== null && row.size === seen.size ? 'compare' : 'read';
}

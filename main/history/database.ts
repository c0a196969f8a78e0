/** The history database: WAL, foreign keys, and every pending migration in one transaction. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { ReadoutError } from '../errors.ts';
import { markDamaged } from './damage.ts';
import { MIGRATIONS } from './schema.ts';

export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * SQLite's and the file system's failures in words, with the file named (bad-input review M6): a damaged file, a
 * read-only one, a data folder that is a file. Anything already a ReadoutError passes through.
 */
export function historyError(error: unknown, path: string): ReadoutError {
  if (error instanceof ReadoutError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (/malformed|not a database|disk image|database corrupt/i.test(text)) {
    markDamaged(path, text);
    return new ReadoutError('history-damaged', `The history at ${path} is damaged (${text}). Save what can still be read with \`readout history export\`, then move the file away; Readout starts a new one.`, { cause: error });
  }
  if (/readonly|read-only/i.test(text) || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ReadoutError('history-read-only', `The history at ${path} cannot be written (read-only or no permission).`, { cause: error });
  }
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    return new ReadoutError('history-unreadable', `The data folder for ${path} is a file, not a folder: pass a folder with --data-dir.`, { cause: error });
  }
  return new ReadoutError('history-unreadable', `Cannot use the history at ${path}: ${text}`, { cause: error });
}

function migrate(db: DatabaseSync, path: string, migrations: readonly string[]): void {
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version > migrations.length) {
    db.close();
    throw new ReadoutError('history-too-new', `The history at ${path} was written by a newer Readout (schema ${version}); update Readout to open it.`);
  }
  if (version < migrations.length) {
    transaction(db, () => {
      for (let v = version; v < migrations.length; v++) db.exec(migrations[v]!);
      db.exec(`PRAGMA user_version = ${migrations.length}`);
    });
  }
}

/**
 * Opens (creating if needed) the history database. With `readOnly`, a history that cannot be written (a read-only
 * file or folder) is still opened for reading (bad-input review L4): SQLite's read-only mode, else, where even that
 * needs to create the WAL index, as an immutable file.
 */
export function openDatabase(path: string, migrations: readonly string[] = MIGRATIONS, options: { readOnly?: boolean } = {}): { db: DatabaseSync; readOnly: boolean } {
  let db: DatabaseSync | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path, { timeout: 5000 });
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
    migrate(db, path, migrations);
    return { db, readOnly: false };
  } catch (error) {
    if (db?.isOpen) db.close();
    const described = historyError(error, path);
    if (!options.readOnly || described.code !== 'history-read-only' || !existsSync(path)) throw described;
  }
  return { db: openForReading(path, migrations), readOnly: true };
}

function openForReading(path: string, migrations: readonly string[]): DatabaseSync {
  const immutable = pathToFileURL(path);
  immutable.searchParams.set('immutable', '1');
  for (const open of [() => new DatabaseSync(path, { readOnly: true, timeout: 5000 }), () => new DatabaseSync(immutable, { readOnly: true })]) {
    let db: DatabaseSync | undefined;
    try {
      db = open();
      const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      if (version !== migrations.length) {
        db.close();
        throw new ReadoutError('history-read-only', `The history at ${path} needs an upgrade, but it cannot be written (read-only or no permission).`);
      }
      return db;
    } catch (error) {
      if (db?.isOpen) db.close();
      if (error instanceof ReadoutError) throw error;
    }
  }
  throw new ReadoutError('history-read-only', `The history at ${path} can be neither written nor read.`);
}

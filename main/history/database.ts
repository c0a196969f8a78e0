/** Opens (creating if needed) the history database: WAL, foreign keys, and every pending migration in one transaction. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ReadoutError } from '../errors.ts';
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

export function openDatabase(path: string, migrations: readonly string[] = MIGRATIONS): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { timeout: 5000 });
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  } catch (error) {
    throw new ReadoutError('history-unreadable', `Cannot open the history at ${path}: ${(error as Error).message}`, { cause: error });
  }
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
  return db;
}

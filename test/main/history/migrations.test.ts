import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../main/history/schema.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { fixture } from '../../support/paths.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
const userVersion = (path: string): number => {
  const db = new DatabaseSync(path);
  const { user_version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  db.close();
  return user_version;
};

describe('history migrations', () => {
  it('opens a database written by schema version 1 and brings it up to date', () => {
    const path = join(tempDir(), 'history.sqlite');
    copyFileSync(fixture('history/v1.sqlite'), path);
    expect(userVersion(path)).toBe(1);
    const store = new HistoryStore(path);
    expect(store.list().items.map((e) => [e.id, e.text, e.attempts])).toEqual([
      [2, 'Hello from version one', 1],
      [1, '发票号码 12345\nTotal 42.00', 1],
    ]);
    expect(store.search('发票').items.map((h) => h.entry.id)).toEqual([1]);
    expect(store.search('version one').items.map((h) => h.entry.id)).toEqual([2]);
    expect(store.image(1)?.image).toEqual(new Uint8Array([1, 2, 3, 4]));
    store.close();
    expect(userVersion(path)).toBe(SCHEMA_VERSION);
  });

  it('refuses a database from a newer Readout instead of damaging it', () => {
    const path = join(tempDir(), 'history.sqlite');
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new HistoryStore(path)).toThrow(/newer Readout/);
  });

  it('says clearly when the file is not a database', () => {
    const path = join(tempDir(), 'history.sqlite');
    copyFileSync(fixture('formats/quadrants.png'), path);
    expect(() => new HistoryStore(path)).toThrow(/The history at .*history\.sqlite is damaged \(file is not a database\)/);
  });
});

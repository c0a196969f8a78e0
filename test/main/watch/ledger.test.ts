import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { HistoryStore } from '../../../main/history/store.ts';
import { SCHEMA_VERSION } from '../../../main/history/schema.ts';
import { WatchedFiles } from '../../../main/history/watched-files.ts';
import { decide, type LedgerRow, type WatchLedger } from '../../../main/watch/ledger.ts';
import { StateFileLedger, stateFileFor } from '../../../main/watch/state-file-ledger.ts';
import { newEntry, result } from '../../support/entries.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const shot = '/photos/shot.png';
const identity = { size: 100, mtimeMs: 1000, sha256: HASH_A };

describe('the decision', () => {
  const row = (over: Partial<LedgerRow>): LedgerRow => ({ path: shot, ...identity, state: 'done', claimedAt: 0, entryIds: [], output: null, ...over });

  it('reads a file never seen, leaves one read and unchanged, resumes an unfinished claim', () => {
    expect(decide(null, identity)).toBe('read');
    expect(decide(row({}), identity)).toBe('skip');
    expect(decide(row({ state: 'reading' }), identity)).toBe('resume');
  });

  it('a changed file is a new version: compared by hash when only its time moved, read when its size changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom<'reading' | 'done'>('reading', 'done'), (size, mtimeMs, state) => {
        const seen = { size, mtimeMs };
        const got = decide(row({ state }), seen);
        const unchanged = size === identity.size && mtimeMs === identity.mtimeMs;
        if (unchanged) expect(got).toBe(state === 'done' ? 'skip' : 'resume');
        else if (state === 'reading' || size !== identity.size) expect(got).toBe('read');
        else expect(got).toBe('compare');
      }),
    );
  });
});

/** The same contract, kept by either keeper. */
function contract(name: string, open: (dir: string) => { ledger: WatchLedger; reopen: () => WatchLedger }): void {
  describe(name, () => {
    it('claims, marks done with the entries and the text written, and remembers across a reopen', () => {
      const { ledger, reopen } = open(tempDir());
      expect(ledger.get(shot)).toBeNull();
      ledger.claim(shot, identity);
      expect(ledger.get(shot)).toMatchObject({ state: 'reading', ...identity, entryIds: [] });
      ledger.done(shot, identity, [7], { path: `${shot}.txt`, size: 5, mtimeMs: 2000 });
      ledger.close();
      const again = reopen();
      expect(again.get(shot)).toMatchObject({ state: 'done', ...identity, entryIds: [7], output: { path: `${shot}.txt`, size: 5, mtimeMs: 2000 } });
      // A file touched but not changed keeps its reading, with its new time.
      again.touch(shot, { ...identity, mtimeMs: 3000 });
      expect(again.get(shot)).toMatchObject({ state: 'done', mtimeMs: 3000, entryIds: [7] });
      // A new version claimed keeps the text file Readout wrote, so it is replaced, not set aside.
      again.claim(shot, { size: 120, mtimeMs: 4000, sha256: HASH_B });
      expect(again.get(shot)).toMatchObject({ state: 'reading', size: 120, sha256: HASH_B, output: { path: `${shot}.txt` } });
      again.close();
    });
  });
}

/** Moves and renames (watcher.ts movedFrom): rows found by their bytes, and a row that follows its file. */
function moves(name: string, open: (dir: string) => { ledger: WatchLedger; reopen: () => WatchLedger }): void {
  describe(name, () => {
    it('finds the done rows of the same bytes (not a claim, not other bytes or size), and moves one with its reading', () => {
      const { ledger, reopen } = open(tempDir());
      const moved = '/photos/done/shot.png';
      ledger.claim(shot, identity);
      // Claimed only: its reading may not have finished, so it is no original.
      expect(ledger.sameBytes(HASH_A, identity.size)).toEqual([]);
      ledger.done(shot, identity, [7, 8], { path: `${shot}.txt`, size: 5, mtimeMs: 2000 });
      ledger.done('/photos/other.png', { ...identity, sha256: HASH_B }, [9], null);
      expect(ledger.sameBytes(HASH_A, identity.size).map((r) => r.path)).toEqual([shot]);
      expect(ledger.sameBytes(HASH_A, identity.size + 1)).toEqual([]);
      expect(ledger.move(shot, moved, { ...identity, mtimeMs: 5000 })).toBe(true);
      // Taken already (two new paths of the same bytes at once): the second finds nothing to move.
      expect(ledger.move(shot, '/photos/copy.png', identity)).toBe(false);
      expect(ledger.get('/photos/copy.png')).toBeNull();
      ledger.close();
      const again = reopen();
      expect(again.get(shot)).toBeNull();
      // Its entries and the text file written beside it are kept: the user's file is not moved with it.
      expect(again.get(moved)).toMatchObject({ path: moved, state: 'done', ...identity, mtimeMs: 5000, entryIds: [7, 8], output: { path: `${shot}.txt` } });
      expect(again.sameBytes(HASH_A, identity.size).map((r) => r.path)).toEqual([moved]);
      expect(again.get('/photos/other.png')).toMatchObject({ entryIds: [9] });
      again.close();
    });
  });
}

moves('moves in the state-file ledger', (dir) => {
  const file = stateFileFor(dir, '/photos');
  return { ledger: new StateFileLedger(file, '/photos'), reopen: () => new StateFileLedger(file, '/photos') };
});

moves('moves in the history ledger', (dir) => {
  const path = join(dir, 'history.sqlite');
  return { ledger: new WatchedFiles(path), reopen: () => new WatchedFiles(path) };
});

describe('the history ledger by bytes', () => {
  it('looks a hash up through its index, at the schema version the migrations reach', () => {
    const path = join(tempDir(), 'history.sqlite');
    new WatchedFiles(path).close();
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(SCHEMA_VERSION);
      const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM watched_files WHERE sha256 = ? AND size = ? AND state = 'done' ORDER BY done_at DESC").all(HASH_A, 1) as Array<{ detail: string }>;
      expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING INDEX watched_files_sha256/);
    } finally {
      db.close();
    }
  });
});

contract('the state-file ledger (--no-history)', (dir) => {
  const file = stateFileFor(dir, '/photos');
  return { ledger: new StateFileLedger(file, '/photos'), reopen: () => new StateFileLedger(file, '/photos') };
});

contract('the history ledger', (dir) => {
  const path = join(dir, 'history.sqlite');
  return { ledger: new WatchedFiles(path), reopen: () => new WatchedFiles(path) };
});

describe('the state file', () => {
  it('is named by the folder, written whole, and says what to do when it is damaged', () => {
    const dir = tempDir();
    expect(stateFileFor(dir, '/a')).not.toBe(stateFileFor(dir, '/b'));
    expect(stateFileFor(dir, '/a')).toMatch(/watch-[0-9a-f]{16}\.json$/);
    const file = stateFileFor(dir, '/photos');
    new StateFileLedger(file, '/photos').claim(shot, identity);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, folder: '/photos', files: [{ path: shot, state: 'reading' }] });
    // Without a history a claimed reading cannot be known to have finished: it is read again.
    const ledger = new StateFileLedger(file, '/photos');
    expect(ledger.finishedReading(ledger.get(shot)!)).toBeNull();
    writeFileSync(file, '{"version":1,"files":[{"path":3}]}');
    expect(() => new StateFileLedger(file, '/photos')).toThrow(/watch-[0-9a-f]+\.json: the watch state is damaged; move it away/);
  });
});

describe('a claimed reading after a restart (history ledger)', () => {
  const setup = () => {
    const path = join(tempDir(), 'history.sqlite');
    let clock = 1_000_000;
    const now = () => clock++;
    return { store: new HistoryStore(path, { now }), ledger: new WatchedFiles(path, { now }) };
  };
  const source = { kind: 'file' as const, path: shot, name: 'shot.png' };

  it('finished: the entry completed before the process died, so the row is marked done and the file not read again', () => {
    const { store, ledger } = setup();
    ledger.claim(shot, identity);
    const id = store.createPending(newEntry({ source }));
    store.complete(id, result('hello'));
    expect(ledger.finishedReading(ledger.get(shot)!)).toEqual([id]);
    expect(ledger.get(shot)).toMatchObject({ state: 'done', entryIds: [id] });
  });

  it('not finished: no entry, a pending one, or one the restart marked interrupted (which is removed)', () => {
    const { store, ledger } = setup();
    ledger.claim(shot, identity);
    expect(ledger.finishedReading(ledger.get(shot)!)).toBeNull();
    const id = store.createPending(newEntry({ source }));
    expect(ledger.finishedReading(ledger.get(shot)!)).toBeNull();
    store.fail(id, { code: 'interrupted', message: 'Readout stopped before this finished; retry it.', retryable: true });
    expect(ledger.finishedReading(ledger.get(shot)!)).toBeNull();
    expect(ledger.get(shot)!.state).toBe('reading');
    // The cut-off entry goes: the reading that follows replaces it.
    expect(store.get(id)).toBeNull();
  });

  it('an entry of the same file from before the claim does not count, nor one of another file', () => {
    const { store, ledger } = setup();
    const old = store.createPending(newEntry({ source }));
    store.complete(old, result('old'));
    const other = store.createPending(newEntry({ source: { kind: 'file', path: '/photos/other.png', name: 'other.png' } }));
    ledger.claim(shot, identity);
    store.complete(other, result('other'));
    expect(ledger.finishedReading(ledger.get(shot)!)).toBeNull();
  });

  it('a PDF finished only when every page is', () => {
    const { store, ledger } = setup();
    const pdf = '/photos/scan.pdf';
    ledger.claim(pdf, identity);
    const doc = store.createDocument('scan.pdf', 2);
    const page1 = store.createPending(newEntry({ source: { kind: 'file', path: pdf, name: 'scan.pdf' }, document: { id: doc, page: 1 } }));
    store.complete(page1, result('one'));
    const page2 = store.createPending(newEntry({ source: { kind: 'file', path: pdf, name: 'scan.pdf' }, document: { id: doc, page: 2 } }));
    store.complete(page2, result('two'));
    expect(ledger.finishedReading(ledger.get(pdf)!)).toEqual([page1, page2]);
  });

  it('a PDF cut off between pages: the pages read before the cut go with their document, as the whole file is read again', () => {
    const { store, ledger } = setup();
    const pdf = '/photos/scan.pdf';
    ledger.claim(pdf, identity);
    const doc = store.createDocument('scan.pdf', 3);
    const page1 = store.createPending(newEntry({ source: { kind: 'file', path: pdf, name: 'scan.pdf' }, document: { id: doc, page: 1 } }));
    store.complete(page1, result('one'));
    const page2 = store.createPending(newEntry({ source: { kind: 'file', path: pdf, name: 'scan.pdf' }, document: { id: doc, page: 2 } }));
    store.fail(page2, { code: 'interrupted', message: 'Readout stopped before this finished; retry it.', retryable: true });
    expect(ledger.finishedReading(ledger.get(pdf)!)).toBeNull();
    expect(store.get(page1)).toBeNull();
    expect(store.get(page2)).toBeNull();
    expect(store.list({ limit: 10 }).items).toEqual([]);
  });
});

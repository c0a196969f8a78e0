/**
 * watchFolder and FolderWatcher on real folders with a reader of the test's own (no engine): what is read, when, how
 * often, and what is written beside it. Waits are for events, never for a time.
 */
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileReport } from '../../../main/reading/report.ts';
import type { Source } from '../../../main/history/types.ts';
import { FolderWatcher, type FolderWatcherEvent } from '../../../main/watch/folder-watcher.ts';
import type { LedgerRow, WatchLedger } from '../../../main/watch/ledger.ts';
import { StateFileLedger } from '../../../main/watch/state-file-ledger.ts';
import { watchFolder, type ReadPort, type WatchEvent } from '../../../main/watch/watcher.ts';
import { eventually } from '../../support/cli-child.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
/** A "PNG" by its signature (enough for the watcher's sniffing) whose tail is the text the fake reader reports. */
const png = (text: string): Buffer => Buffer.concat([PNG, Buffer.from(text)]);

function report(file: string, text: string, ok = true): FileReport {
  return {
    file, ok, text: ok ? text : null, engine: 'local', model: 'fake', sourceFormat: 'png', width: 1, height: 1, sentWidth: 1, sentHeight: 1,
    sentBytes: 1, imageTokens: null, usage: null, cost: null, requestId: null, durationMs: 0, entryId: null,
    error: ok ? null : { code: 'image-corrupt', message: `${file}: broken` }, confidence: null, words: null, codes: [], warnings: [], translation: null, page: null, pages: null,
  };
}

/** Reads "text" as the bytes after the PNG signature; `gate` holds a reading until the test lets it go. */
class FakeReader implements ReadPort {
  reads: Array<{ file: string; text: string; source: Source }> = [];
  gate: Promise<void> | null = null;
  async read(bytes: Uint8Array, file: string, source: Source, hooks?: { onReport?: (r: FileReport) => void }): Promise<FileReport[]> {
    const text = Buffer.from(bytes).subarray(PNG.length).toString();
    this.reads.push({ file, text, source });
    await this.gate;
    const made = report(file, text);
    hooks?.onReport?.(made);
    return [made];
  }
}

function start(folder: string, options: { reader?: FakeReader; ledger?: WatchLedger; besideText?: boolean; recursive?: boolean; once?: boolean; listen?: boolean } = {}) {
  const reader = options.reader ?? new FakeReader();
  const ledger = options.ledger ?? new StateFileLedger(join(folder, '..', 'state.json'), folder);
  const events: WatchEvent[] = [];
  const stop = new AbortController();
  const done = watchFolder({ folder, recursive: options.recursive ?? false, reader, ledger, besideText: options.besideText ?? false, settleMs: 40, rescanMs: 150, once: options.once, listen: options.listen, onEvent: (e) => events.push(e), signal: stop.signal });
  const of = (type: WatchEvent['type']) => events.filter((e) => e.type === type);
  return { reader, ledger, events, of, stop: () => (stop.abort(), done), done };
}

function folderIn(dir: string): string {
  const folder = join(dir, 'in');
  mkdirSync(folder);
  return folder;
}

describe('watchFolder', () => {
  it('reads a file only once it has stopped growing, and the whole of it', async () => {
    const folder = folderIn(tempDir());
    const w = start(folder);
    await eventually(() => w.of('ready').length === 1, 'ready');
    const path = join(folder, 'slow.png');
    writeFileSync(path, PNG);
    // A piece every 10 ms: four times within a settle interval.
    for (const piece of ['one ', 'two ', 'three ', 'four ', 'five']) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await appendFile(path, piece);
    }
    await eventually(() => w.reader.reads.length > 0, 'the read');
    await w.stop();
    expect(w.reader.reads.map((r) => r.text)).toEqual(['one two three four five']);
    expect(w.reader.reads[0]!.source).toEqual({ kind: 'file', path, name: 'slow.png' });
  });

  it('reads what is there, then what lands; says a non-image once however often it changes; ignores partial and hidden files', async () => {
    const folder = folderIn(tempDir());
    writeFileSync(join(folder, 'old.png'), png('old'));
    writeFileSync(join(folder, 'notes.txt'), 'a');
    const w = start(folder);
    await eventually(() => w.reader.reads.length === 1, 'old.png');
    writeFileSync(join(folder, 'new.png'), png('new'));
    writeFileSync(join(folder, 'notes.txt'), 'ab');
    writeFileSync(join(folder, 'movie.png.crdownload'), png('partial'));
    writeFileSync(join(folder, '.hidden.png'), png('hidden'));
    writeFileSync(join(folder, 'fake.png'), 'this is text, not a picture');
    await eventually(() => w.reader.reads.length === 2 && w.of('skipped').length === 2, 'new.png and the skips');
    // Two walks later nothing more has happened.
    const walks = w.of('read').length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    await w.stop();
    expect(w.of('read').length).toBe(walks);
    expect(w.reader.reads.map((r) => r.text)).toEqual(['old', 'new']);
    expect(w.of('skipped')).toEqual([
      { type: 'skipped', file: join(folder, 'notes.txt'), reason: 'not an image or PDF' },
      { type: 'skipped', file: join(folder, 'fake.png'), reason: 'not an image or PDF (it holds text)' },
    ]);
  });

  it('finds new files by its walk alone where fs.watch hears nothing (a network share, lost events), subfolders too', async () => {
    const folder = folderIn(tempDir());
    const w = start(folder, { listen: false, recursive: true });
    await eventually(() => w.of('ready').length === 1, 'ready');
    mkdirSync(join(folder, 'sub'));
    writeFileSync(join(folder, 'sub', 'late.png'), png('late'));
    writeFileSync(join(folder, 'later.png'), png('later'));
    await eventually(() => w.reader.reads.length === 2, 'both read');
    await w.stop();
    expect(w.reader.reads.map((r) => r.text).sort()).toEqual(['late', 'later']);
  });

  it('reads a changed file again once, as a new version; a file touched but unchanged is not read again', async () => {
    const dir = tempDir();
    const folder = folderIn(dir);
    const path = join(folder, 'doc.png');
    writeFileSync(path, png('first'));
    const reader = new FakeReader();
    const state = join(dir, 'state.json');
    await start(folder, { reader, once: true, ledger: new StateFileLedger(state, folder) }).done;
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    await start(folder, { reader, once: true, ledger: new StateFileLedger(state, folder) }).done;
    expect(reader.reads.map((r) => r.text)).toEqual(['first']);
    writeFileSync(path, png('second'));
    await start(folder, { reader, once: true, ledger: new StateFileLedger(state, folder) }).done;
    await start(folder, { reader, once: true, ledger: new StateFileLedger(state, folder) }).done;
    expect(reader.reads.map((r) => r.text)).toEqual(['first', 'second']);
  });

  it('a claim left by a killed watcher: read again unless the history says that reading finished', async () => {
    const dir = tempDir();
    const folder = folderIn(dir);
    writeFileSync(join(folder, 'a.png'), png('a'));
    writeFileSync(join(folder, 'b.png'), png('b'));
    const inner = new StateFileLedger(join(dir, 'state.json'), folder);
    // A killed run claimed both; the history holds a's reading finished, b's not.
    const { statSync } = await import('node:fs');
    for (const name of ['a.png', 'b.png']) {
      const info = statSync(join(folder, name));
      inner.claim(join(folder, name), { size: info.size, mtimeMs: info.mtimeMs, sha256: null });
    }
    const finished: string[] = [];
    const ledger: WatchLedger = {
      get: (p) => inner.get(p),
      claim: (p, i) => inner.claim(p, i),
      done: (p, i, e, o) => inner.done(p, i, e, o),
      touch: (p, i) => inner.touch(p, i),
      sameBytes: (h, n) => inner.sameBytes(h, n),
      move: (f, t, i) => inner.move(f, t, i),
      close: () => inner.close(),
      finishedReading: (row: LedgerRow) => (basename(row.path) === 'a.png' ? (finished.push(row.path), [1]) : null),
    };
    const w = start(folder, { ledger, once: true });
    await w.done;
    expect(w.reader.reads.map((r) => r.text)).toEqual(['b']);
    expect(finished).toEqual([join(folder, 'a.png')]);
    expect(inner.get(join(folder, 'b.png'))!.state).toBe('done');
  });

  it('on abort finishes the file in hand and records it, and starts no other', async () => {
    const dir = tempDir();
    const folder = folderIn(dir);
    writeFileSync(join(folder, 'a.png'), png('a'));
    writeFileSync(join(folder, 'b.png'), png('b'));
    const reader = new FakeReader();
    let release!: () => void;
    reader.gate = new Promise((resolve) => (release = resolve));
    const w = start(folder, { reader });
    await eventually(() => reader.reads.length === 1, 'the first reading');
    let resolved = false;
    const stopped = w.stop().then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(resolved).toBe(false);
    release();
    await stopped;
    const inHand = join(folder, 'a.png');
    expect(reader.reads.map((r) => r.text)).toEqual(['a']);
    expect(w.ledger.get(inHand)?.state).toBe('done');
    expect(w.ledger.get(join(folder, 'b.png'))).toBeNull();
  });

  it('writes the text beside each input, keeps a file of the user, replaces its own, and never reads them', async () => {
    const dir = tempDir();
    const folder = folderIn(dir);
    writeFileSync(join(folder, 'mine.png'), png('mine'));
    writeFileSync(join(folder, 'mine.png.txt'), 'the user wrote this');
    writeFileSync(join(folder, 'scan.png'), png('scan one'));
    const state = join(dir, 'state.json');
    const reader = new FakeReader();
    const first = start(folder, { reader, besideText: true, once: true, ledger: new StateFileLedger(state, folder) });
    await first.done;
    expect(readFileSync(join(folder, 'mine.png.txt'), 'utf8')).toBe('the user wrote this');
    expect(readFileSync(join(folder, 'mine.png.readout.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(folder, 'scan.png.txt'), 'utf8')).toBe('scan one\n');
    expect(first.of('read').map((e) => e.type === 'read' && e.output)).toEqual([join(folder, 'mine.png.readout.txt'), join(folder, 'scan.png.txt')]);
    writeFileSync(join(folder, 'scan.png'), png('scan two'));
    const second = start(folder, { reader, besideText: true, once: true, ledger: new StateFileLedger(state, folder) });
    await second.done;
    expect(readFileSync(join(folder, 'scan.png.txt'), 'utf8')).toBe('scan two\n');
    expect(reader.reads.map((r) => r.text)).toEqual(['mine', 'scan one', 'scan two']);
    expect([...first.of('skipped'), ...second.of('skipped')]).toEqual([]);
  });

  it('--recursive walks subfolders, never through a link to a folder, and a link to a file outside is skipped', async () => {
    const dir = tempDir();
    const folder = folderIn(dir);
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.png'), png('secret'));
    mkdirSync(join(folder, 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(folder, 'sub', 'deeper', 'deep.png'), png('deep'));
    symlinkSync(outside, join(folder, 'linked-folder'));
    symlinkSync(join(outside, 'secret.png'), join(folder, 'link.png'));
    const flat = start(folder, { once: true });
    await flat.done;
    expect(flat.reader.reads).toEqual([]);
    const deep = start(folder, { once: true, recursive: true });
    await deep.done;
    expect(deep.reader.reads.map((r) => r.text)).toEqual(['deep']);
    expect(deep.of('skipped')).toEqual([{ type: 'skipped', file: join(folder, 'link.png'), reason: 'a link to a file outside the watched folder' }]);
  });
});

describe('a file moved, renamed or copied (known by its bytes)', () => {
  const texts = (w: ReturnType<typeof start>) => w.reader.reads.map((r) => r.text);

  it('a renamed file is not read again: its row follows it, said once as moved', async () => {
    const dir = tempDir();
    const folder = folderIn(dir);
    writeFileSync(join(folder, 'a.png'), png('a'));
    const w = start(folder, { besideText: true });
    await eventually(() => w.of('read').length === 1, 'the first read');
    renameSync(join(folder, 'a.png'), join(folder, 'b.png'));
    await eventually(() => w.of('moved').length === 1, 'the move');
    await w.stop();
    expect(texts(w)).toEqual(['a']);
    expect(w.of('moved')).toEqual([{ type: 'moved', from: join(folder, 'a.png'), file: join(folder, 'b.png') }]);
    expect(w.ledger.get(join(folder, 'a.png'))).toBeNull();
    // Its reading (entries, text file) is kept; the user's text file is not moved.
    expect(w.ledger.get(join(folder, 'b.png'))).toMatchObject({ state: 'done', output: { path: join(folder, 'a.png.txt') } });
    expect(readFileSync(join(folder, 'a.png.txt'), 'utf8')).toBe('a\n');
  });

  it('--recursive: a file sorted into a subfolder after its reading is not read again; restarted, it is still known', async () => {
    const dir = tempDir();
    const folder = folderIn(dir);
    writeFileSync(join(folder, 'a.png'), png('a'));
    const w = start(folder, { recursive: true });
    await eventually(() => w.of('read').length === 1, 'the first read');
    mkdirSync(join(folder, 'done'));
    renameSync(join(folder, 'a.png'), join(folder, 'done', 'a.png'));
    await eventually(() => w.of('moved').length === 1, 'the move');
    await w.stop();
    expect(texts(w)).toEqual(['a']);
    expect(w.of('moved')[0]).toMatchObject({ from: join(folder, 'a.png'), file: join(folder, 'done', 'a.png') });
    const again = start(folder, { recursive: true, once: true, reader: new FakeReader() });
    await again.done;
    expect(again.reader.reads).toEqual([]);
    expect(again.of('moved')).toEqual([]);
  });

  it('a copy (its original still there) is read; a file that only shares a size is read', async () => {
    const dir = tempDir();
    const folder = folderIn(dir);
    writeFileSync(join(folder, 'a.png'), png('a'));
    const w = start(folder, { recursive: true });
    await eventually(() => w.of('read').length === 1, 'the first read');
    mkdirSync(join(folder, 'copies'));
    copyFileSync(join(folder, 'a.png'), join(folder, 'copies', 'a.png'));
    await eventually(() => w.of('read').length === 2, 'the copy read');
    // Moved away for good, then a different file of the same size lands: new bytes, read.
    rmSync(join(folder, 'a.png'));
    writeFileSync(join(folder, 'c.png'), png('c'));
    await eventually(() => w.of('read').length === 3, 'the new file read');
    await w.stop();
    expect(texts(w)).toEqual(['a', 'a', 'c']);
    expect(w.of('moved')).toEqual([]);
  });
});

describe('FolderWatcher (the app)', () => {
  it('waits for a missing folder, watches it when it comes, says when it goes, and stops cleanly', async () => {
    const dir = tempDir();
    const folder = join(dir, 'later');
    const reader = new FakeReader();
    const watcher = new FolderWatcher(reader, new StateFileLedger(join(dir, 'state.json'), folder));
    const heard: FolderWatcherEvent[] = [];
    watcher.on((event) => heard.push(event));
    await watcher.start(folder, { recursive: false, besideText: false, settleMs: 30, rescanMs: 100, retryMs: 50 });
    await eventually(() => watcher.status?.state === 'failed', 'failed');
    expect(watcher.status!.error).toEqual({ code: 'watch-folder-missing', message: `${folder}: cannot watch it (no such folder)` });
    mkdirSync(folder);
    await eventually(() => watcher.status?.state === 'watching', 'watching');
    writeFileSync(join(folder, 'x.png'), png('x'));
    writeFileSync(join(folder, 'y.doc'), 'y');
    await eventually(() => watcher.status?.read === 1 && watcher.status.skipped === 1, 'x read, y skipped');
    expect(watcher.status).toMatchObject({ read: 1, skipped: 1, failed: 0, lastFile: join(folder, 'x.png'), error: null });
    rmSync(folder, { recursive: true });
    await eventually(() => watcher.status?.state === 'failed', 'gone');
    expect(watcher.status!.error?.code).toBe('watch-folder-missing');
    await watcher.stop();
    expect(watcher.status!.state).toBe('stopped');
    expect(heard.some((e) => e.type === 'status' && e.status.state === 'watching')).toBe(true);
  });
});

/**
 * Watching a folder: every image and PDF already in it, then each new one as it lands, read exactly once after it has
 * stopped growing (settle.ts), in the order the files settle, one at a time or `concurrency` at a time.
 *
 * New files are heard through fs.watch (recursive on macOS and Windows, and on Linux since Node 19.1/20: "Added
 * recursive support for Linux, AIX and IBMi", https://nodejs.org/api/fs.html#fswatchfilename-options-listener), and
 * the folder is also walked again every `rescanMs`: the same page says fs.watch "is not 100% consistent across
 * platforms, and is unavailable in some situations" (network drives, some virtual file systems, an inotify limit), and
 * events are lost under load, so the walk is the safety net that makes "nothing is skipped" true.
 *
 * What was read is remembered by a ledger (ledger.ts) before and after each reading, so a watcher killed at any
 * point and started again neither reads a file twice nor skips one. On abort (Ctrl+C) no new reading starts; the files
 * in hand finish and are recorded, then the promise resolves.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { errorMessage, ReadoutError } from '../errors.ts';
import type { Source } from '../history/types.ts';
import { readInputFile } from '../read-input.ts';
import { describeError, type FileReport } from '../reading/report.ts';
import { besideText, writeBesideText } from './beside-text.ts';
import { classifyName, contentKind } from './file-kinds.ts';
import type { ReadPort } from '../reading/file-reader.ts';
import { decide, type FileIdentity, type LedgerRow, type WatchLedger, type WrittenOutput } from './ledger.ts';
import { examine, isInside, walk } from './scan.ts';
import { DEFAULT_CHECKS, DEFAULT_SETTLE_MS, isSettled, observe, type Observation } from './settle.ts';

/** How a watcher reads a file: FileReader for the command, the app's AppReader (app/app-reader.ts) for the app. */
export type { ReadPort } from '../reading/file-reader.ts';

export type WatchEvent =
  /** The folder as it was at the start has been listed (its files are then read as they settle). */
  | { type: 'ready'; folder: string; files: number }
  /** One report as it is made: an image's, or a page of a PDF. */
  | { type: 'report'; file: string; report: FileReport }
  /** A file read (each report says whether it was read well, and why not), with the text written beside it, if any. */
  | { type: 'read'; file: string; reports: FileReport[]; output: string | null }
  /**
   * A file new by its path whose bytes were read before under a path that is gone: the same file moved or renamed.
   * Its ledger row follows it (entries and text file kept) and it is not read again.
   */
  | { type: 'moved'; from: string; file: string }
  /** A file that is not read, said once per file. */
  | { type: 'skipped'; file: string; reason: string }
  /** A file that could not even be opened (no report was made), or whose ledger could not be written. */
  | { type: 'failed'; file: string; error: { code: string; message: string } }
  /** Something to say that is no file's failure (events lost, a reading not recorded, a text not written). */
  | { type: 'warning'; message: string };

export interface WatchOptions {
  /** The folder as the user named it: files are named in events by their path under it, joined to this. */
  folder: string;
  recursive: boolean;
  reader: ReadPort;
  ledger: WatchLedger;
  /** Write each input's text beside it (beside-text.ts). */
  besideText: boolean;
  /** The settle interval (settle.ts): observations this far apart. */
  settleMs?: number;
  /** How many agreeing observations make a file settled. */
  checks?: number;
  /** How often the folder is walked again, whatever fs.watch says. */
  rescanMs?: number;
  /** How many files are read at once. */
  concurrency?: number;
  /** Read what is there, then resolve: no watching. */
  once?: boolean;
  /**
   * Hear changes through fs.watch (the default); false: the periodic walk alone finds new files, as it must wherever
   * fs.watch hears nothing (a network share): what the tests use to prove the walk misses nothing.
   */
  listen?: boolean;
  /** Paths passed over in silence (the data folder, when it lies inside the watched one). */
  ignore?: (path: string) => boolean;
  onEvent: (event: WatchEvent) => void;
  signal?: AbortSignal;
}

export const DEFAULT_RESCAN_MS = 5000;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Whether nothing at all is at `path` now (a link to nothing is something: lstat, not stat). */
const gone = async (path: string): Promise<boolean> => {
  try {
    await lstat(path);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
};

/**
 * Where a file that the ledger does not know by its path was moved or renamed from: a row read ('done') from the same
 * bytes whose path no longer exists. A copy (its original still there) is not a move: it is read, as a file the user
 * put there again (a scanner folder's user who copies a page back in wants it read; one who sorts read files into
 * a subfolder, or renames them, does not). A file deleted and later dropped in again, byte for byte, counts as moved:
 * its reading is in the history already. Only a path that is gone for certain counts (not one we may not stat). A
 * file both moved and copied is two new paths of the same bytes: whichever is found first takes the reading, the
 * other is read (nothing tells them apart: a copy may keep the time, and a move by copy-then-delete may lose it).
 */
async function movedFrom(ledger: WatchLedger, path: string, identity: FileIdentity): Promise<LedgerRow | null> {
  if (identity.sha256 === null) return null;
  for (const row of ledger.sameBytes(identity.sha256, identity.size)) {
    if (row.path !== path && (await gone(row.path))) return row;
  }
  return null;
}

/** A folder that cannot be watched: gone ('watch-folder-missing') or not a readable folder ('watch-folder-unreadable'). */
export const isFolderError = (error: unknown): error is ReadoutError =>
  error instanceof ReadoutError && (error.code === 'watch-folder-missing' || error.code === 'watch-folder-unreadable');

/** The folder's real path, or an error that says what is wrong with it in words (the command exits 2 on it). */
export async function watchableFolder(folder: string): Promise<string> {
  let info;
  try {
    info = await stat(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ReadoutError('watch-folder-missing', `${folder}: cannot watch it (no such folder)`, { cause: error });
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : errorMessage(error);
    throw new ReadoutError('watch-folder-unreadable', `${folder}: cannot watch it (${why})`, { cause: error });
  }
  if (!info.isDirectory()) throw new ReadoutError('watch-folder-unreadable', `${folder}: cannot watch it (it is a file, not a folder)`);
  const root = await realpath(folder);
  try {
    // Listing it is what watching needs; a folder without read permission fails here, not later in silence.
    await readdir(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReadoutError('watch-folder-unreadable', `${folder}: cannot watch it (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : errorMessage(error)})`, { cause: error });
  }
  return root;
}

export async function watchFolder(options: WatchOptions): Promise<void> {
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const checks = options.checks ?? DEFAULT_CHECKS;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const { ledger, onEvent, signal } = options;
  const root = await watchableFolder(options.folder);
  const ignored = options.ignore ?? (() => false);

  /** A file's name in events: its path under the folder, joined to the folder as the user named it. */
  const nameOf = (path: string): string => join(options.folder, relative(root, path));
  /** Files waiting to settle: their latest observations, and when the last was taken. */
  const settling = new Map<string, { observations: Observation[]; at: number }>();
  const queue: string[] = [];
  const inHand = new Set<string>();
  const examining = new Set<string>();
  /** What this run has dealt with, as it was then: a file seen again unchanged is passed over without the ledger. */
  const handled = new Map<string, { size: number; mtimeMs: number }>();
  /** Files said once as skipped: never said again. */
  const said = new Set<string>();
  let stopping = false;
  let wake: (() => void) | null = null;
  /** Something happened (a file heard of, a reading done) since the loop last looked. */
  let poked = false;
  const poke = (): void => {
    poked = true;
    wake?.();
    wake = null;
  };

  const skip = (path: string, reason: string): void => {
    if (said.has(path)) return;
    said.add(path);
    onEvent({ type: 'skipped', file: nameOf(path), reason });
  };

  /** A path heard of (by the walk or by fs.watch): settling from now on if it may need reading. */
  const discover = async (path: string): Promise<void> => {
    if (stopping || ignored(path) || settling.has(path) || inHand.has(path) || examining.has(path) || queue.includes(path)) return;
    const name = classifyName(path);
    if (name.kind === 'ignore') return;
    if (name.kind === 'skip') return skip(path, name.reason);
    examining.add(path);
    try {
      await consider(path);
    } catch (error) {
      // The ledger could not be asked (a history locked past its timeout): said; the next walk asks again.
      onEvent({ type: 'warning', message: `${nameOf(path)}: ${errorMessage(error)}` });
    } finally {
      examining.delete(path);
    }
    poke();
  };

  /** Whether a file that may be read needs to be: not when this run or the ledger has it read, as it is now. */
  const consider = async (path: string): Promise<void> => {
    const found = await examine(root, path);
    if (!found || found.kind === 'other') return;
    if (found.kind === 'outside') return skip(path, 'a link to a file outside the watched folder');
    const before = handled.get(path);
    if (before && before.size === found.file.size && before.mtimeMs === found.file.mtimeMs) return;
    // Read before and unchanged since: no need even to wait for it to settle.
    const row = ledger.get(path);
    if (row && decide(row, found.file) === 'skip') {
      handled.set(path, { size: found.file.size, mtimeMs: found.file.mtimeMs });
      return;
    }
    if (!stopping && !settling.has(path)) settling.set(path, { observations: [], at: 0 });
  };

  const rescan = async (): Promise<number> => {
    // The folder moved or deleted under the watcher: said as such (the app waits for it to come back).
    try {
      if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
    } catch (error) {
      throw new ReadoutError('watch-folder-missing', `${options.folder}: the folder is gone (moved or deleted)`, { cause: error });
    }
    let count = 0;
    for await (const path of walk(root, options.recursive, ignored)) {
      if (stopping) break;
      count++;
      await discover(path);
    }
    return count;
  };

  /** One settled file: its bytes, checked against the ledger, read, recorded, its text written beside it. */
  const readOne = async (path: string): Promise<void> => {
    const file = nameOf(path);
    let before: Observation | null;
    let bytes: Uint8Array;
    try {
      before = await observe(path);
      if (!before) return;
      bytes = await readInputFile(path);
    } catch (error) {
      const info = await observe(path);
      if (info) handled.set(path, info);
      onEvent({ type: 'failed', file, error: describeError(file, error) });
      return;
    }
    // It changed while it was being read: it has not settled after all.
    const after = await observe(path);
    if (!after || after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes.length !== before.size) {
      if (after && !stopping) settling.set(path, { observations: [], at: 0 });
      return;
    }
    const seen = { size: before.size, mtimeMs: before.mtimeMs };
    handled.set(path, seen);
    const content = contentKind(bytes);
    if (content.kind === null) return skip(path, content.reason);
    const identity: FileIdentity = { ...seen, sha256: sha256(bytes) };
    const row = ledger.get(path);
    const from = row === null ? await movedFrom(ledger, path, identity) : null;
    // move() is false when another new file of the same bytes took that reading meanwhile (concurrent readings): this one is then read.
    if (from && ledger.move(from.path, path, identity)) {
      onEvent({ type: 'moved', from: isInside(root, from.path) ? nameOf(from.path) : from.path, file });
      return;
    }
    switch (decide(row, seen)) {
      case 'skip':
        return;
      case 'compare':
        if (row!.sha256 === identity.sha256) return ledger.touch(path, identity);
        break;
      case 'resume':
        if (ledger.finishedReading(row!) !== null) return;
        break;
      case 'read':
        break;
    }
    ledger.claim(path, identity);
    const source: Source = { kind: 'file', path, name: basename(path) };
    const reports = await options.reader.read(bytes, file, source, {
      onReport: (report) => onEvent({ type: 'report', file, report }),
      onWarning: (message) => onEvent({ type: 'warning', message }),
    });
    let output: WrittenOutput | null = null;
    const text = options.besideText ? besideText(reports) : null;
    if (text !== null) {
      try {
        output = writeBesideText(path, text, row?.output ?? null);
      } catch (error) {
        onEvent({ type: 'warning', message: `${file}: the text was read but could not be written beside it (${errorMessage(error)})` });
      }
    }
    ledger.done(path, identity, reports.flatMap((r) => (r.entryId === null ? [] : [r.entryId])), output);
    onEvent({ type: 'read', file, reports, output: output ? nameOf(output.path) : null });
  };

  const work = async (path: string): Promise<void> => {
    inHand.add(path);
    try {
      await readOne(path);
    } catch (error) {
      // The ledger or the disk failed under the reading: said, and the watcher goes on with the next file.
      onEvent({ type: 'failed', file: nameOf(path), error: describeError(nameOf(path), error) });
    } finally {
      inHand.delete(path);
      poke();
    }
  };

  /**
   * Observes each settling file whose last observation is settleMs old (so observations stay settleMs apart however
   * often the loop wakes); the settled ones join the queue, in the order they were heard of.
   */
  const observeAll = async (): Promise<void> => {
    for (const [path, waiting] of settling) {
      if (stopping) return;
      if (waiting.at !== 0 && Date.now() - waiting.at < settleMs) continue;
      const seen = await observe(path);
      if (!seen) {
        settling.delete(path);
        continue;
      }
      waiting.at = Date.now();
      const { observations } = waiting;
      observations.push(seen);
      if (observations.length > checks) observations.shift();
      if (isSettled(observations, checks)) {
        settling.delete(path);
        queue.push(path);
      }
    }
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });

  const onAbort = (): void => {
    stopping = true;
    poke();
  };
  if (signal?.aborted) return;
  signal?.addEventListener('abort', onAbort, { once: true });

  let watcher: FSWatcher | null = null;
  if (!options.once && options.listen !== false) {
    try {
      watcher = watch(root, { recursive: options.recursive, persistent: true }, (_event, name) => {
        // No name (some platforms, an overflow): the next walk finds what changed.
        if (name) void discover(join(root, name.toString()));
        else nextScan = 0;
      });
      watcher.on('error', (error) => onEvent({ type: 'warning', message: `${options.folder}: no longer hearing changes (${errorMessage(error)}); the folder is still walked every ${Math.round((options.rescanMs ?? DEFAULT_RESCAN_MS) / 1000)} s` }));
    } catch (error) {
      onEvent({ type: 'warning', message: `${options.folder}: cannot hear changes (${errorMessage(error)}); the folder is walked every ${Math.round((options.rescanMs ?? DEFAULT_RESCAN_MS) / 1000)} s instead` });
    }
  }

  const rescanMs = options.rescanMs ?? DEFAULT_RESCAN_MS;
  let nextScan = Date.now() + rescanMs;
  const running = new Set<Promise<void>>();
  try {
    const files = await rescan();
    if (!stopping) onEvent({ type: 'ready', folder: options.folder, files });
    while (!stopping) {
      await observeAll();
      while (!stopping && running.size < concurrency && queue.length > 0) {
        const job = work(queue.shift()!);
        running.add(job);
        void job.finally(() => running.delete(job));
      }
      if (options.once && settling.size === 0 && queue.length === 0 && running.size === 0 && examining.size === 0) break;
      if (!options.once && Date.now() >= nextScan) {
        nextScan = Date.now() + rescanMs;
        await rescan();
        continue;
      }
      // Settling files are looked at every settleMs; with none, the loop waits for a file to be heard of (or a rescan).
      const wait = settling.size > 0 || options.once ? settleMs : Math.max(0, nextScan - Date.now());
      if (!poked) await Promise.race([sleep(wait), new Promise<void>((resolve) => (wake = resolve))]);
      poked = false;
    }
  } finally {
    // The files in hand finish and are recorded, whatever ended the loop; nothing new starts.
    stopping = true;
    await Promise.all(running);
    signal?.removeEventListener('abort', onAbort);
    watcher?.close();
  }
}

/**
 * The app's watched folders (issue 25, Settings › watchFolders): one main/watch watcher per entry, started, stopped
 * and restarted as the entries are added, removed or changed. Each file that lands is read exactly once, across
 * restarts of the app too: the watcher's ledger is the history's watched_files table (history/watched-files.ts).
 *
 * Files are read through the app's reader (app-reader.ts: the app's engine and settings, recorded into the history,
 * 'history:changed' to the window) rather than the jobs queue: the watcher's ledger needs each reading's entries to
 * mark the file done, and a file landing in a folder is not a user action, so it must not take the clipboard or
 * notify for every file as a queued job does.
 *
 * A folder that is missing (or goes away while watched) is 'failed' with 'watch-folder-missing', and looked for again
 * every RETRY_MS (one stat: cheap); once it is back, watching starts again where the ledger left off.
 */
import { stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WatchFolder, WatchStatus } from '../../preload/api.ts';
import { errorCode, errorMessage, ReadoutError } from '../errors.ts';
import { WatchedFiles } from '../history/watched-files.ts';
import type { Settings } from '../settings/schema.ts';
import type { WatchLedger } from '../watch/ledger.ts';
import { isInside } from '../watch/scan.ts';
import { watchableFolder, watchFolder, type ReadPort, type WatchEvent } from '../watch/watcher.ts';
import { toErrorView } from './views.ts';

/** How often a missing folder is looked for. */
export const RETRY_MS = 5000;

export interface FolderWatchPorts {
  settings: { get(): Settings; onChange(listener: (settings: Settings) => void): () => void };
  reader: ReadPort;
  /** The history's file: the ledger is a second connection to it. */
  historyFile: string;
  /** Counts or a state changed: integrations.ts pushes the status. */
  changed(): void;
  /** Tests shorten the watcher's intervals. */
  settleMs?: number;
  rescanMs?: number;
  retryMs?: number;
  log?: (line: string) => void;
}

interface Watch {
  folder: WatchFolder;
  status: WatchStatus;
  stop: AbortController;
  /** Resolves once the watcher has finished the file in hand and let its ledger go. */
  done: Promise<void>;
}

const sameFolder = (a: WatchFolder, b: WatchFolder): boolean => a.path === b.path && a.recursive === b.recursive && a.textBeside === b.textBeside;

/** Waits `ms`, or less when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export class AppFolderWatch {
  readonly #ports: FolderWatchPorts;
  readonly #watches = new Map<string, Watch>();
  /** Watchers told to stop that may still be finishing a file: a new one for the same folder starts after. */
  readonly #leaving = new Map<string, Promise<void>>();
  #unsubscribe: (() => void) | null = null;

  constructor(ports: FolderWatchPorts) {
    this.#ports = ports;
  }

  /** Follows the settings from now on (the app's start). */
  start(): void {
    this.#unsubscribe ??= this.#ports.settings.onChange((settings) => this.#follow(settings));
    this.#follow(this.#ports.settings.get());
  }

  status(): WatchStatus[] {
    return [...this.#watches.values()].map((watch) => ({ ...watch.status, error: watch.status.error ? { ...watch.status.error } : null }));
  }

  #follow(settings: Settings): void {
    const wanted = new Map(settings.watchFolders.map((folder) => [folder.path, folder]));
    let changed = false;
    for (const [path, watch] of this.#watches) {
      const next = wanted.get(path);
      if (next && sameFolder(next, watch.folder)) continue;
      watch.stop.abort();
      this.#watches.delete(path);
      const gone = watch.done.finally(() => {
        if (this.#leaving.get(path) === gone) this.#leaving.delete(path);
      });
      this.#leaving.set(path, gone);
      changed = true;
    }
    for (const folder of settings.watchFolders) {
      if (this.#watches.has(folder.path)) continue;
      // A folder removed and added again at once waits for its old watcher to let go before the new one starts.
      this.#watches.set(folder.path, this.#begin(folder));
      changed = true;
    }
    if (changed) this.#ports.changed();
  }

  #begin(folder: WatchFolder): Watch {
    const stop = new AbortController();
    const watch: Watch = {
      folder,
      stop,
      status: { path: folder.path, state: 'starting', read: 0, skipped: 0, failed: 0, lastFile: null, error: null },
      done: Promise.resolve(),
    };
    const before = this.#leaving.get(folder.path) ?? Promise.resolve();
    watch.done = before.then(() => this.#keepWatching(watch)).catch((error: unknown) => this.#log(`${folder.path}: ${errorMessage(error)}`));
    return watch;
  }

  #log(line: string): void {
    (this.#ports.log ?? ((text: string) => console.warn(`Watching: ${text}`)))(line);
  }

  #set(watch: Watch, patch: Partial<WatchStatus>): void {
    watch.status = { ...watch.status, ...patch };
    // A watcher replaced or stopped speaks no more.
    if (this.#watches.get(watch.folder.path) === watch) this.#ports.changed();
  }

  /** Watches until stopped; a missing folder waits for it to come back, then watches again. */
  async #keepWatching(watch: Watch): Promise<void> {
    const { signal } = watch.stop;
    while (!signal.aborted) {
      const problem = await this.#watchOnce(watch);
      if (signal.aborted) break;
      this.#set(watch, { state: 'failed', error: toErrorView(problem) });
      // Looked for again every RETRY_MS (a stat), whether it was missing or unreadable: the user may fix either.
      await this.#waitForFolder(watch.folder.path, signal);
    }
    this.#set(watch, { state: 'stopped', error: null });
  }

  async #waitForFolder(path: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await pause(this.#ports.retryMs ?? RETRY_MS, signal);
      if (signal.aborted) return;
      try {
        if ((await stat(path)).isDirectory()) return;
      } catch {
        // Still not there.
      }
    }
  }

  /** One watcher's life: resolves with why it stopped when it was not asked to (the folder went away). */
  async #watchOnce(watch: Watch): Promise<ReadoutError> {
    const { folder, stop } = watch;
    try {
      await watchableFolder(folder.path);
    } catch (error) {
      return this.#folderProblem(folder.path, error);
    }
    let ledger: WatchLedger;
    try {
      ledger = new WatchedFiles(this.#ports.historyFile);
    } catch (error) {
      return new ReadoutError('history-unwritable', `${folder.path}: the history cannot keep what was read (${errorMessage(error)})`);
    }
    const dataDir = (() => {
      try {
        return realpathSync(dirname(this.#ports.historyFile));
      } catch {
        return dirname(this.#ports.historyFile);
      }
    })();
    try {
      await watchFolder({
        folder: folder.path,
        recursive: folder.recursive,
        reader: this.#ports.reader,
        ledger,
        besideText: folder.textBeside,
        ...(this.#ports.settleMs !== undefined ? { settleMs: this.#ports.settleMs } : {}),
        ...(this.#ports.rescanMs !== undefined ? { rescanMs: this.#ports.rescanMs } : {}),
        // The history itself, when the data folder lies inside the watched one.
        ignore: (path) => isInside(dataDir, path),
        onEvent: (event) => this.#heard(watch, event),
        signal: stop.signal,
      });
      return new ReadoutError('watch-folder-missing', `${folder.path}: watching stopped`);
    } catch (error) {
      return this.#folderProblem(folder.path, error);
    } finally {
      ledger.close();
    }
  }

  #folderProblem(path: string, error: unknown): ReadoutError {
    if (error instanceof ReadoutError) return error;
    const message = errorMessage(error);
    if (/no such folder|ENOENT|is gone/.test(message)) return new ReadoutError('watch-folder-missing', `${path}: the folder is not there; watching starts again when it is back`);
    if (errorCode(error) === 'internal' && /permission denied|EACCES|EPERM/.test(message)) {
      return new ReadoutError('watch-folder-unreadable', `${path}: Readout may not read this folder (permission denied)`);
    }
    return new ReadoutError('watch-folder-unreadable', `${path}: ${message}`);
  }

  #heard(watch: Watch, event: WatchEvent): void {
    const count = watch.status;
    switch (event.type) {
      case 'ready':
        return this.#set(watch, { state: 'watching', error: null });
      case 'read': {
        const ok = event.reports.length > 0 && event.reports.every((report) => report.ok);
        return this.#set(watch, ok ? { read: count.read + 1, lastFile: event.file } : { failed: count.failed + 1, lastFile: event.file });
      }
      case 'skipped':
        return this.#set(watch, { skipped: count.skipped + 1 });
      case 'failed':
        return this.#set(watch, { failed: count.failed + 1, lastFile: event.file });
      case 'warning':
        return this.#log(event.message);
      case 'report':
        return;
    }
  }

  /** Stops every watcher after the file in hand (quit), and waits for them. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    const watches = [...this.#watches.values()];
    this.#watches.clear();
    for (const watch of watches) watch.stop.abort();
    await Promise.all([...watches.map((watch) => watch.done), ...this.#leaving.values()]);
  }

  /** Resolves when every current watcher has stopped (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.#watches.values()].map((watch) => watch.done));
  }
}

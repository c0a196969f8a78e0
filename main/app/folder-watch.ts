/**
 * The app's watched folders (issue 25, Settings › watchFolders): one main/watch FolderWatcher per entry, started,
 * stopped and restarted as the entries are added, removed or changed. Each file that lands is read exactly once, across
 * restarts of the app too: the watcher's ledger is the history's watched_files table (history/watched-files.ts).
 *
 * Files are read through the app's reader (app-reader.ts: the app's engine and settings, recorded into the history,
 * 'history:changed' to the window) rather than the jobs queue: the watcher's ledger needs each reading's entries to
 * mark the file done, and a file landing in a folder is not a user action, so it must not take the clipboard or
 * notify for every file as a queued job does.
 *
 * A folder that is missing (or goes away while watched) is 'failed' with 'watch-folder-missing', and FolderWatcher
 * tries it again every RETRY_MS (one stat: cheap); once it is back, watching starts again where the ledger left off.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { WatchFolder, WatchStatus } from '../../preload/api.ts';
import { errorMessage } from '../errors.ts';
import { WatchedFiles } from '../history/watched-files.ts';
import type { Settings } from '../settings/schema.ts';
import { FolderWatcher, type FolderWatcherStatus } from '../watch/folder-watcher.ts';
import { isInside } from '../watch/scan.ts';
import type { ReadPort } from '../watch/watcher.ts';

/** How often a missing folder is looked for. */
export const RETRY_MS = 5000;

export interface FolderWatchPorts {
  settings: { get(): Settings; onChange(listener: (settings: Settings) => void): () => void };
  reader: ReadPort;
  /** The history's file: each watcher's ledger is a connection of its own to it (history/watched-files.ts). Asked only once a folder is watched. */
  historyFile(): string;
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
  watcher: FolderWatcher;
  /** Resolves once the watcher has finished the file in hand and its ledger is let go. */
  done: Promise<void>;
  stop(): Promise<void>;
}

const sameFolder = (a: WatchFolder, b: WatchFolder): boolean => a.path === b.path && a.recursive === b.recursive && a.textBeside === b.textBeside;

/** FolderWatcher's status in the window's words (preload/api.ts WatchStatus). */
const toView = (path: string, status: FolderWatcherStatus | null): WatchStatus => ({
  path,
  state: status?.state ?? 'starting',
  read: status?.read ?? 0,
  skipped: status?.skipped ?? 0,
  failed: status?.failed ?? 0,
  lastFile: status?.lastFile ?? null,
  error: status?.error ? { code: status.error.code, message: status.error.message, retryable: status.error.code === 'watch-folder-missing' } : null,
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
    return [...this.#watches.values()].map((watch) => toView(watch.folder.path, watch.watcher.status));
  }

  #follow(settings: Settings): void {
    const wanted = new Map(settings.watchFolders.map((folder) => [folder.path, folder]));
    let changed = false;
    for (const [path, watch] of this.#watches) {
      const next = wanted.get(path);
      if (next && sameFolder(next, watch.folder)) continue;
      this.#watches.delete(path);
      const gone = watch.stop().finally(() => {
        if (this.#leaving.get(path) === gone) this.#leaving.delete(path);
      });
      this.#leaving.set(path, gone);
      changed = true;
    }
    for (const folder of settings.watchFolders) {
      if (this.#watches.has(folder.path)) continue;
      this.#watches.set(folder.path, this.#begin(folder));
      changed = true;
    }
    if (changed) this.#ports.changed();
  }

  /** The history's folder, never read when it lies inside a watched one. */
  #dataDir(): string {
    try {
      return realpathSync(dirname(this.#ports.historyFile()));
    } catch {
      return dirname(this.#ports.historyFile());
    }
  }

  #begin(folder: WatchFolder): Watch {
    const log = this.#ports.log ?? ((line: string) => console.warn(`Watching ${folder.path}: ${line}`));
    let ledger: WatchedFiles | null = null;
    // Opened by the first file, so a history that cannot be opened fails that file (said in the status), not the app.
    const open = (): WatchedFiles => (ledger ??= new WatchedFiles(this.#ports.historyFile()));
    const watcher = new FolderWatcher(this.#ports.reader, {
      get: (path) => open().get(path),
      claim: (path, identity) => open().claim(path, identity),
      done: (path, identity, entryIds, output) => open().done(path, identity, entryIds, output),
      finishedReading: (row) => open().finishedReading(row),
      touch: (path, identity) => open().touch(path, identity),
      sameBytes: (sha256, size) => open().sameBytes(sha256, size),
      move: (from, to, identity) => open().move(from, to, identity),
      close: () => {
        ledger?.close();
        ledger = null;
      },
    });
    const unsubscribe = watcher.on((event) => {
      if (event.type === 'warning') log(event.message);
      // Only the watcher now in the settings speaks to the window.
      if (event.type === 'status' && this.#watches.get(folder.path)?.watcher === watcher) this.#ports.changed();
    });
    const dataDir = this.#dataDir();
    const history = join(dataDir, basename(this.#ports.historyFile()));
    // The data folder (history, language packs, the control socket) when it lies inside the watched one; when the
    // watched folder is inside the data folder, only the history's own files.
    const ignore = (path: string): boolean => path.startsWith(history) || (isInside(dataDir, path) && !isInside(dataDir, folder.path));
    const before = this.#leaving.get(folder.path) ?? Promise.resolve();
    const done = before
      .then(() =>
        watcher.start(folder.path, {
          recursive: folder.recursive,
          besideText: folder.textBeside,
          retryMs: this.#ports.retryMs ?? RETRY_MS,
          ...(this.#ports.settleMs !== undefined ? { settleMs: this.#ports.settleMs } : {}),
          ...(this.#ports.rescanMs !== undefined ? { rescanMs: this.#ports.rescanMs } : {}),
          ignore,
        }),
      )
      .catch((error: unknown) => log(errorMessage(error)));
    return {
      folder,
      watcher,
      done,
      stop: async () => {
        await done;
        await watcher.stop();
        unsubscribe();
        ledger?.close();
        ledger = null;
      },
    };
  }

  /** Stops every watcher after the file in hand (quit), and waits for them. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    const watches = [...this.#watches.values()];
    this.#watches.clear();
    await Promise.all([...watches.map((watch) => watch.stop()), ...this.#leaving.values()]);
  }
}

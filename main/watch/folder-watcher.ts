/**
 * A watched folder for the app ("Watch a folder" in Settings): watchFolder with a state, counts and listeners, started
 * and stopped as the settings say. It reads through the app's own ReadPort and keeps its own ledger (the app's history:
 * history/watched-files.ts); nothing here knows of flags, stdout or exit codes. A folder that is missing or cannot be
 * read is 'failed' with the reason, and is tried again every `retryMs`, so watching starts again when it comes back
 * (a removable drive, a network share that reconnects).
 */
import { errorCode, errorMessage } from '../errors.ts';
import type { WatchLedger } from './ledger.ts';
import { isFolderError, watchFolder, type ReadPort, type WatchEvent, type WatchOptions } from './watcher.ts';

export type FolderWatcherState = 'starting' | 'watching' | 'stopped' | 'failed';

export interface FolderWatcherStatus {
  folder: string;
  state: FolderWatcherState;
  /** Counts since start(): files read, skipped, and failed. */
  read: number;
  skipped: number;
  failed: number;
  /** The last file read (its path), for the window's line under the folder. */
  lastFile: string | null;
  error: { code: string; message: string } | null;
}

export type FolderWatcherEvent = WatchEvent | { type: 'status'; status: FolderWatcherStatus };

export interface FolderWatchSettings {
  recursive: boolean;
  besideText: boolean;
  settleMs?: number;
  rescanMs?: number;
  concurrency?: number;
  /** How long a folder that is missing or unreadable waits before it is tried again (default 5 s). */
  retryMs?: number;
  ignore?: WatchOptions['ignore'];
}

export const DEFAULT_RETRY_MS = 5000;

export class FolderWatcher {
  readonly #reader: ReadPort;
  readonly #ledger: WatchLedger;
  readonly #listeners = new Set<(event: FolderWatcherEvent) => void>();
  #status: FolderWatcherStatus | null = null;
  #stop: AbortController | null = null;
  #running: Promise<void> | null = null;

  constructor(reader: ReadPort, ledger: WatchLedger) {
    this.#reader = reader;
    this.#ledger = ledger;
  }

  get status(): FolderWatcherStatus | null {
    return this.#status && { ...this.#status };
  }

  /** Hears every event of the folder (files read, skipped, failed) and each change of its status; returns the unsubscribe. */
  on(listener: (event: FolderWatcherEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts watching `folder` (a watcher already running is stopped first: one folder per FolderWatcher). */
  async start(folder: string, settings: FolderWatchSettings): Promise<void> {
    await this.stop();
    const stop = new AbortController();
    this.#stop = stop;
    this.#status = { folder, state: 'starting', read: 0, skipped: 0, failed: 0, lastFile: null, error: null };
    this.#changed();
    this.#running = this.#run(folder, settings, stop.signal);
  }

  /** Stops after the files in hand are read and recorded. */
  async stop(): Promise<void> {
    this.#stop?.abort();
    await this.#running;
    this.#stop = null;
    this.#running = null;
    if (this.#status && this.#status.state !== 'stopped') this.#set({ state: 'stopped', error: null });
  }

  async #run(folder: string, settings: FolderWatchSettings, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await watchFolder({
          folder,
          recursive: settings.recursive,
          reader: this.#reader,
          ledger: this.#ledger,
          besideText: settings.besideText,
          settleMs: settings.settleMs,
          rescanMs: settings.rescanMs,
          concurrency: settings.concurrency,
          ignore: settings.ignore,
          signal,
          onEvent: (event) => this.#heard(event),
        });
        return;
      } catch (error) {
        // Anything else is a fault of the watcher itself: said, and tried again as a missing folder is.
        const code = isFolderError(error) ? error.code : errorCode(error);
        this.#set({ state: 'failed', error: { code, message: errorMessage(error) } });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, settings.retryMs ?? DEFAULT_RETRY_MS);
        function done(): void {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  #heard(event: WatchEvent): void {
    const status = this.#status;
    if (status) {
      if (event.type === 'ready') this.#set({ state: 'watching', error: null }, false);
      else if (event.type === 'read') {
        const ok = event.reports.some((r) => r.ok);
        this.#set(ok ? { read: status.read + 1, lastFile: event.file } : { failed: status.failed + 1, lastFile: event.file }, false);
      } else if (event.type === 'skipped') this.#set({ skipped: status.skipped + 1 }, false);
      else if (event.type === 'failed') this.#set({ failed: status.failed + 1 }, false);
    }
    for (const listener of this.#listeners) listener(event);
    if (event.type !== 'report' && event.type !== 'warning') this.#changed();
  }

  #set(change: Partial<FolderWatcherStatus>, announce = true): void {
    if (!this.#status) return;
    this.#status = { ...this.#status, ...change };
    if (announce) this.#changed();
  }

  #changed(): void {
    const status = this.status;
    if (!status) return;
    for (const listener of this.#listeners) listener({ type: 'status', status });
  }
}

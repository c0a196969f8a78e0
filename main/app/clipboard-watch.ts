/**
 * Clipboard watching (issue 25, Settings › clipboardWatch, off by default): every NEW image copied to the clipboard is
 * read once, as a paste is (Jobs.recognizeImage with source 'clipboard', so it lands in the window and the history
 * like any paste).
 *
 * Electron's clipboard has no change event: its module offers has(), read(), readText(), write(), writeText() and
 * clear(), nothing to listen to (electron/electron docs/api/clipboard.md, "## Methods"; node_modules/electron's
 * electron.d.ts `interface Clipboard`). So the clipboard is polled, every POLL_MS, through a port; a platform that can
 * say cheaply whether anything changed (a change count, as macOS's NSPasteboard has) spares the read.
 *
 * "New" is by the SHA-256 of the PNG bytes: the image already there when watching starts is not read (the user turned
 * watching on, not asked to read what was copied an hour ago), the same image seen again (copied again right after,
 * or still there on the next tick) is not read twice, and an image Readout put there itself (ownImage) is not read.
 */
import { createHash } from 'node:crypto';
import { MAX_DROPPED_BYTES, type DroppedImage } from '../../preload/api.ts';
import type { Settings } from '../settings/schema.ts';
import type { FailedAction } from './failure-notice.ts';

/** Often enough that a copy is read before the user has switched windows; rarely enough to cost nothing. */
export const POLL_MS = 750;

/** The clipboard, as the watcher sees it (shell/clipboard-image.ts is Electron's). */
export interface ClipboardImagePort {
  /** The image on the clipboard as PNG bytes, or null when it holds none. */
  readImage(): Promise<Uint8Array | null> | Uint8Array | null;
  /** A number that changes whenever the clipboard's content does, where the platform has one (it spares the read). */
  changeCount?(): number;
}

/** A timer, so tests can tick by hand. */
export interface Ticker {
  every(ms: number, tick: () => void): () => void;
}

export const realTicker: Ticker = {
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    // Watching the clipboard never keeps the process alive by itself.
    timer.unref?.();
    return () => clearInterval(timer);
  },
};

export interface ClipboardWatchPorts {
  settings: { get(): Settings; onChange(listener: (settings: Settings) => void): () => void };
  clipboard: ClipboardImagePort | undefined;
  /** Reads a new image as a paste is read. */
  read(image: DroppedImage): void;
  /** An image that was not read, said where the user is looking (failure-notice.ts). */
  notifyFailed(failure: FailedAction): void;
  /** On and off: integrations.ts pushes the status. */
  changed(): void;
  ticker?: Ticker;
  pollMs?: number;
}

const hashOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class ClipboardWatch {
  readonly #ports: ClipboardWatchPorts;
  #stop: (() => void) | null = null;
  /** The image last seen on the clipboard (read, skipped, or there at the start); null before the first look. */
  #last: string | null = null;
  #lastCount: number | undefined;
  /** Images Readout wrote itself: never read back. */
  readonly #own = new Set<string>();
  /** The look under way: ticks never overlap (a slow read of a big image is not started twice). */
  #looking: Promise<void> | null = null;
  /** Counts each start, so a look begun before a stop does not act after it. */
  #generation = 0;
  #unsubscribe: (() => void) | null = null;

  constructor(ports: ClipboardWatchPorts) {
    this.#ports = ports;
  }

  /** Whether watching is on (and can be: a platform without a clipboard port never watches). */
  get on(): boolean {
    return this.#stop !== null;
  }

  /** Starts watching if the settings say so, and follows them from now on (the app's start). */
  start(): void {
    this.#unsubscribe ??= this.#ports.settings.onChange((settings) => this.#follow(settings));
    this.#follow(this.#ports.settings.get());
  }

  #follow(settings: Settings): void {
    const wanted = settings.clipboardWatch && this.#ports.clipboard !== undefined;
    if (wanted === this.on) return;
    if (wanted) this.#begin();
    else this.#end();
    this.#ports.changed();
  }

  #begin(): void {
    this.#generation++;
    this.#last = null;
    this.#lastCount = undefined;
    // The first look only notes what is there: that image was copied before watching began.
    const first = this.#look(true);
    this.#stop = (this.#ports.ticker ?? realTicker).every(this.#ports.pollMs ?? POLL_MS, () => void this.tick());
    void first;
  }

  #end(): void {
    this.#stop?.();
    this.#stop = null;
    this.#generation++;
  }

  /** One poll; resolves when its look is done (tests await it instead of a clock). */
  tick(): Promise<void> {
    if (!this.on) return Promise.resolve();
    return this.#look(false);
  }

  #look(baseline: boolean): Promise<void> {
    if (this.#looking) return this.#looking;
    const generation = this.#generation;
    this.#looking = this.#lookOnce(baseline, generation)
      .catch((error: unknown) => console.warn('Clipboard watching could not read the clipboard:', error instanceof Error ? error.message : String(error)))
      .finally(() => (this.#looking = null));
    return this.#looking;
  }

  async #lookOnce(baseline: boolean, generation: number): Promise<void> {
    const clipboard = this.#ports.clipboard;
    if (!clipboard) return;
    const count = clipboard.changeCount?.();
    if (count !== undefined && !baseline && count === this.#lastCount) return;
    const bytes = await clipboard.readImage();
    if (generation !== this.#generation) return;
    this.#lastCount = count;
    if (!bytes || bytes.length === 0) return;
    const hash = hashOf(bytes);
    if (hash === this.#last) return;
    this.#last = hash;
    if (baseline || this.#own.has(hash)) return;
    if (bytes.length > MAX_DROPPED_BYTES) {
      // As a paste of it would be refused (jobs.ts): said once, not read.
      this.#ports.notifyFailed({
        count: 1,
        failed: 1,
        entryId: null,
        name: 'clipboard',
        capture: false,
        offline: false,
        error: { code: 'image-too-large', message: 'The copied image is over 50 MB; save it and open it from disk instead.', retryable: false },
      });
      return;
    }
    this.#ports.read({ name: null, bytes, source: 'clipboard' });
  }

  /** An image Readout itself put on the clipboard: never read back. */
  ownImage(bytes: Uint8Array): void {
    this.#own.add(hashOf(bytes));
  }

  close(): void {
    this.#end();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}

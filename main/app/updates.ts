/**
 * Updates: when to look, when to install, what to tell the user. electron-updater does the fetching, verifying and
 * installing (GitHub Releases by default: electron-builder writes the feed into the package); this decides the rest.
 * - Looked for a little after start, then daily (the last look is remembered across starts), unless turned off.
 * - A newer version is downloaded in the background, and the user is told once that it installs on quit.
 * - It is installed only on quit, and never while a capture or a recognition runs.
 */
export interface UpdateFeed {
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdatePorts {
  /** electron-updater's updater, or null where this build has no feed (development, a build with no publish). */
  feed: UpdateFeed | null;
  /** The "check for updates" setting. */
  enabled(): boolean;
  /** A capture or a recognition is running. */
  busy(): boolean;
  /** Tells the user, once per version, that it is downloaded and installs on quit. */
  ready(version: string): void;
  lastCheck: { get(): number | null; set(at: number): void };
  log(message: string): void;
  now?(): number;
  setTimer?(run: () => void, ms: number): () => void;
}

export type UpdateState = 'off' | 'idle' | 'checking' | 'downloading' | 'ready' | 'failed';

export const FIRST_CHECK_DELAY_MS = 30_000;
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export class UpdateService {
  readonly #ports: UpdatePorts;
  #state: UpdateState = 'idle';
  #version: string | null = null;
  #cancelTimer: (() => void) | null = null;

  constructor(ports: UpdatePorts) {
    this.#ports = ports;
  }

  get state(): UpdateState {
    return this.#state;
  }

  /** The version waiting to be installed on quit, if any. */
  get readyVersion(): string | null {
    return this.#state === 'ready' ? this.#version : null;
  }

  #now(): number {
    return this.#ports.now?.() ?? Date.now();
  }

  #schedule(ms: number): void {
    this.#cancelTimer?.();
    const setTimer =
      this.#ports.setTimer ??
      ((run: () => void, delay: number) => {
        const timer = setTimeout(run, delay);
        timer.unref?.();
        return () => clearTimeout(timer);
      });
    this.#cancelTimer = setTimer(() => void this.check(), ms);
  }

  /** Starts (or, after the setting changed, restarts or stops) the schedule. */
  start(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    if (!this.#ports.feed || !this.#ports.enabled()) {
      if (this.#state !== 'ready') this.#state = 'off';
      return;
    }
    if (this.#state === 'off') this.#state = 'idle';
    const last = this.#ports.lastCheck.get();
    const due = last === null ? 0 : last + CHECK_INTERVAL_MS - this.#now();
    this.#schedule(Math.max(FIRST_CHECK_DELAY_MS, due));
  }

  stop(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
  }

  /** Looks for a newer version now, and downloads it. */
  async check(): Promise<UpdateState> {
    const feed = this.#ports.feed;
    if (!feed || !this.#ports.enabled() || this.#state === 'checking' || this.#state === 'downloading' || this.#state === 'ready') return this.#state;
    this.#state = 'checking';
    try {
      const result = await feed.checkForUpdates();
      this.#ports.lastCheck.set(this.#now());
      if (result?.isUpdateAvailable) {
        this.#state = 'downloading';
        await feed.downloadUpdate();
        this.#version = result.updateInfo.version;
        this.#state = 'ready';
        this.#ports.ready(result.updateInfo.version);
        return this.#state;
      }
      this.#state = 'idle';
    } catch (error) {
      // A failed look (offline, a release being uploaded) is tried again tomorrow; it is not the user's problem now.
      this.#state = 'failed';
      this.#ports.log(`The update check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.#schedule(CHECK_INTERVAL_MS);
    return this.#state;
  }

  /** At quit, once recognitions have settled: installs a downloaded update; true when it took the quit over. */
  installOnQuit(): boolean {
    if (this.#state !== 'ready' || this.#ports.busy()) return false;
    this.stop();
    // Silent (no installer window where the platform has one), and no restart: the user asked to quit.
    this.#ports.feed!.quitAndInstall(true, false);
    return true;
  }
}

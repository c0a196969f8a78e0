/**
 * Updates: when to look, when to install, what to tell the user. electron-updater does the fetching, verifying and
 * installing (GitHub Releases by default: electron-builder writes the feed into the package); this decides the rest.
 * - Looked for a little after start, then daily (the last look is remembered across starts), unless turned off.
 * - How it installs depends on the package (updateMode):
 *   - 'install-at-quit' (Windows NSIS, AppImage): downloaded in the background, the user told once, installed by
 *     quitAndInstall() at quit, never while a capture or a recognition runs.
 *   - 'installs-itself' (macOS): electron-updater hands the download to Squirrel.Mac, which stages it and applies it
 *     as the app quits. With autoInstallOnAppQuit off, MacUpdater only starts Squirrel's fetch inside
 *     quitAndInstall(), from a proxy in this very process, and QuitSequence's app.quit() ends the process before
 *     anything is staged (electron-updater MacUpdater.ts updateDownloaded/quitAndInstall; review N3). So on macOS
 *     the composition root keeps autoInstallOnAppQuit on, the download resolves once Squirrel has the file, and
 *     nothing is called at quit ("a successfully downloaded update will always be applied the next time the
 *     application starts", docs/api/auto-updater.md).
 *   - 'notify' (deb, rpm, pacman): electron-updater would install through pkexec or sudo, synchronously, at quit
 *     (LinuxUpdater.ts), holding the quit behind an administrator's password prompt (review N14). The system's
 *     package manager owns those installs: the user is told once that a version is out, and nothing is downloaded.
 */
export interface UpdateFeed {
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/** How a downloaded version reaches the disk (see above). */
export type UpdateMode = 'install-at-quit' | 'installs-itself' | 'notify';

/**
 * The mode for a package: electron-builder writes resources/package-type ("deb", "rpm", "pacman") into Linux
 * system packages, and electron-updater picks its Deb/Rpm/Pacman updater by it (electron-updater main.ts).
 */
export function updateMode(platform: NodeJS.Platform, packageType: string | null): UpdateMode {
  if (platform === 'darwin') return 'installs-itself';
  if (platform === 'linux' && packageType !== null && ['deb', 'rpm', 'pacman'].includes(packageType.trim())) return 'notify';
  return 'install-at-quit';
}

export interface UpdatePorts {
  /** electron-updater's updater, or null where this build has no feed (development, a build with no publish). */
  feed: UpdateFeed | null;
  /** How this package installs a new version; 'install-at-quit' when not given. */
  mode?: UpdateMode;
  /** A version is out that the system's package manager installs ('notify' mode): said once per version. */
  available?(version: string): void;
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

export type UpdateState = 'off' | 'idle' | 'checking' | 'downloading' | 'ready' | 'available' | 'failed';

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

  get #mode(): UpdateMode {
    return this.#ports.mode ?? 'install-at-quit';
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
      if (result?.isUpdateAvailable && this.#mode === 'notify') {
        if (this.#version !== result.updateInfo.version) this.#ports.available?.(result.updateInfo.version);
        this.#version = result.updateInfo.version;
        this.#state = 'available';
      } else if (result?.isUpdateAvailable) {
        this.#state = 'downloading';
        await feed.downloadUpdate();
        this.#version = result.updateInfo.version;
        this.#state = 'ready';
        this.#ports.ready(result.updateInfo.version);
        return this.#state;
      } else {
        this.#state = 'idle';
      }
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
    // macOS: Squirrel applies what it staged by itself; quitAndInstall() there would relaunch the app the user quit.
    if (this.#state !== 'ready' || this.#mode !== 'install-at-quit' || this.#ports.busy()) return false;
    this.stop();
    // Silent (no installer window where the platform has one), and no restart: the user asked to quit.
    this.#ports.feed!.quitAndInstall(true, false);
    return true;
  }
}

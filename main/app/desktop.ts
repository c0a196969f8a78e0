/**
 * The window's ways out to the desktop and back: what the app is now (app:info), the view the tray asked for, the
 * Capture button, the data folder, a code's web address in the browser (only once the user says yes in main:
 * review N11), and the Copy button. The OS does each through a port; this side decides when.
 */
import type { AppInfo } from '../../preload/api.ts';
import { safeWebUrl } from '../codes/url.ts';
import { ReadoutError } from '../errors.ts';
import { copy } from './clipboard.ts';
import type { Confirmations } from './confirm.ts';
import type { Engines } from './engines.ts';
import type { AppPorts } from './services.ts';

/** How long a view asked for by the tray waits for a page still loading. */
const VIEW_WAIT_MS = 10_000;

type DesktopPorts = Pick<AppPorts, 'version' | 'platform' | 'settings' | 'emit' | 'startCapture' | 'openDataFolder' | 'openUrl' | 'clipboard'>;

export class Desktop {
  readonly #ports: DesktopPorts;
  readonly #engines: Engines;
  readonly #confirmations: Confirmations;
  #pendingView: { view: 'history' | 'settings'; at: number } | null = null;

  constructor(ports: DesktopPorts, engines: Engines, confirmations: Confirmations) {
    this.#ports = ports;
    this.#engines = engines;
    this.#confirmations = confirmations;
  }

  info(): AppInfo {
    const platform = this.#ports.platform;
    return {
      version: this.#ports.version,
      engine: this.#engines.engine().name === 'qwen' ? 'qwen' : 'local',
      hasApiKey: this.#ports.settings.apiKeyStatus().set,
      platform: platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other',
    };
  }

  /**
   * Switches the window to a view (the tray's History and Settings). A page still loading misses the event, so the
   * wish is also kept for a few seconds, for the page to take once it listens (review m13).
   */
  navigate(view: 'history' | 'settings'): void {
    this.#pendingView = { view, at: Date.now() };
    this.#ports.emit('app:navigate', { view });
  }

  takeView(): 'history' | 'settings' | null {
    const pending = this.#pendingView;
    this.#pendingView = null;
    return pending && Date.now() - pending.at < VIEW_WAIT_MS ? pending.view : null;
  }

  /** The window's Capture button: the same capture as the hotkey. */
  startCapture(): void {
    this.#ports.startCapture();
  }

  openDataFolder(): void {
    this.#ports.openDataFolder();
  }

  /** A code's web address, opened once the user has seen it whole and said yes in main; whether it was opened. */
  async openUrl(url: string): Promise<boolean> {
    const safe = safeWebUrl(url);
    if (!safe) throw new ReadoutError('url-refused', 'Only http and https addresses are opened.');
    if (!(await this.#confirmations.ask('open-url', safe))) return false;
    this.#ports.openUrl(safe);
    return true;
  }

  copy(text: string): Promise<void> {
    return copy(this.#ports.clipboard, text);
  }
}

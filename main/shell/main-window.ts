/**
 * Adapter: the one main window. Made on demand (a start at login may have none), hidden to the tray or minimised on
 * close (never lost: review m5), and never touched once destroyed (review N2: every call checks isDestroyed()).
 */
import { join } from 'node:path';
import { app, BrowserWindow, nativeTheme } from 'electron';
import type { EventName, EventPayloads } from '../../preload/api.ts';
import { APP_ORIGIN } from '../app-protocol.ts';
import { secureWebPreferences, type AppOrigin } from '../security.ts';

export interface MainWindowOptions {
  origin: AppOrigin;
  preload: string;
  development: boolean;
  /** "Close to tray" is on. */
  closeToTray(): boolean;
  /** A tray icon can be seen, so a hidden window can be brought back. */
  trayVisible(): boolean;
  quitting(): boolean;
}

/** A window that may be gone: BrowserWindow methods throw "Object has been destroyed" then. */
export const alive = (window: BrowserWindow | null | undefined): window is BrowserWindow =>
  Boolean(window && !window.isDestroyed() && !window.webContents.isDestroyed());

export class MainWindow {
  readonly #options: MainWindowOptions;
  #window: BrowserWindow | null = null;

  constructor(options: MainWindowOptions) {
    this.#options = options;
  }

  /** Brings the window up, making it when there is none. */
  show(options: { show?: boolean } = {}): BrowserWindow {
    const current = this.#window;
    if (alive(current)) {
      if (current.isMinimized()) current.restore();
      current.show();
      current.focus();
      return current;
    }
    const window = new BrowserWindow({
      width: 1100,
      height: 720,
      minWidth: 640,
      minHeight: 420,
      show: false,
      title: 'Readout',
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#f7f7f8',
      webPreferences: {
        ...secureWebPreferences(this.#options.preload, { development: this.#options.development }),
        // Spelled out as well, so static checkers such as electronegativity see them on the window itself.
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
    if (options.show !== false) window.once('ready-to-show', () => alive(window) && window.show());
    window.on('close', (event) => {
      if (this.#options.quitting() || !this.#options.closeToTray()) return;
      event.preventDefault();
      // Hidden only where a tray icon leads back to it; elsewhere (GNOME without AppIndicator) minimised, so the app
      // never becomes invisible with no way back (review m5).
      if (this.#options.trayVisible()) window.hide();
      else window.minimize();
    });
    window.on('closed', () => {
      if (this.#window === window) this.#window = null;
      // Only reached when the window really closed ("close to tray" off): the hidden capture overlays would otherwise
      // keep the app alive with no way back to it but the tray.
      if (!this.#options.quitting() && process.platform !== 'darwin') app.quit();
    });
    const origin = this.#options.origin;
    void window.loadURL(origin.devServer ?? `${APP_ORIGIN}/index.html`);
    this.#window = window;
    return window;
  }

  /** A dialog's parent: the window when it is on screen, else none (a sheet on a hidden window never shows; M8). */
  parent(): BrowserWindow | null {
    return alive(this.#window) && this.#window.isVisible() ? this.#window : null;
  }
}

/** Sends a typed event to every page that is still there. */
export function emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
  for (const window of BrowserWindow.getAllWindows()) if (alive(window)) window.webContents.send(event, payload);
}

/** The preload script beside the built main bundle. */
export const preloadPath = (here: string): string => join(here, '../preload/index.cjs');

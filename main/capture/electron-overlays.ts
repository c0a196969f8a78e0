/**
 * Adapter: one frameless, transparent, always-on-top overlay window per display, created ahead of time and kept
 * hidden, so the frozen screen appears the moment a capture starts. Rebuilt when displays change.
 */
import { BrowserWindow, screen } from 'electron';
import { secureWebPreferences } from '../security.ts';
import { displayAt } from './geometry.ts';
import { displays } from './electron-capture.ts';

export class OverlayWindows {
  readonly #preload: string;
  readonly #onDisplaysChanged: () => void;
  readonly #development: boolean;
  readonly #windows = new Map<string, BrowserWindow>();
  readonly #byContents = new Map<number, string>();
  readonly #load: (window: BrowserWindow) => Promise<void>;

  constructor(options: { preload: string; development: boolean; load: (window: BrowserWindow) => Promise<void> }) {
    this.#preload = options.preload;
    this.#development = options.development;
    this.#load = options.load;
    this.#onDisplaysChanged = () => this.rebuild();
    screen.on('display-added', this.#onDisplaysChanged);
    screen.on('display-removed', this.#onDisplaysChanged);
    screen.on('display-metrics-changed', this.#onDisplaysChanged);
  }

  /** Which display an overlay's page belongs to, from the webContents that sent a bridge call. */
  displayFor(contentsId: number | undefined): string | null {
    return contentsId === undefined ? null : (this.#byContents.get(contentsId) ?? null);
  }

  rebuild(): void {
    for (const window of this.#windows.values()) window.destroy();
    this.#windows.clear();
    this.#byContents.clear();
    for (const display of displays()) {
      const window = new BrowserWindow({
        ...display.bounds,
        show: false,
        frame: false,
        transparent: true,
        resizable: false,
        movable: false,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        skipTaskbar: true,
        hasShadow: false,
        enableLargerThanScreen: true,
        alwaysOnTop: true,
        webPreferences: {
          ...secureWebPreferences(this.#preload, { development: this.#development }),
          // Spelled out as well, so static checkers such as electronegativity see them on the window itself.
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
        },
      });
      window.setAlwaysOnTop(true, 'screen-saver');
      window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
      this.#windows.set(display.id, window);
      this.#byContents.set(window.webContents.id, display.id);
      void this.#load(window);
    }
  }

  /** Shows every overlay; the one under the pointer takes the keyboard. */
  show(session: number): void {
    const under = displayAt(screen.getCursorScreenPoint(), displays());
    for (const [id, window] of this.#windows) {
      window.webContents.send('capture:show', { session });
      if (id === under?.id) window.show();
      else window.showInactive();
    }
    if (under) this.#windows.get(under.id)?.focus();
  }

  selection(dips: { x: number; y: number; width: number; height: number } | null): void {
    for (const window of this.#windows.values()) window.webContents.send('capture:selection', { dips });
  }

  hide(): void {
    for (const window of this.#windows.values()) window.hide();
  }

  destroy(): void {
    screen.off('display-added', this.#onDisplaysChanged);
    screen.off('display-removed', this.#onDisplaysChanged);
    screen.off('display-metrics-changed', this.#onDisplaysChanged);
    for (const window of this.#windows.values()) window.destroy();
  }
}

/**
 * Adapter: one frameless, transparent, always-on-top overlay window per display, created ahead of time and kept
 * hidden, so the frozen screen appears the moment a capture starts. Rebuilt when displays really change. Not used
 * under Wayland, where no app may place windows (capture goes through the Screenshot portal there).
 */
import { BrowserWindow, screen, type Display } from 'electron';
import { secureWebPreferences } from '../security.ts';
import { overlaysOutdated } from './display-changes.ts';
import { displayAt } from './geometry.ts';
import { displays } from './electron-capture.ts';

export class OverlayWindows {
  readonly #preload: string;
  readonly #onAdded = () => this.#changed('display-added');
  readonly #onRemoved = () => this.#changed('display-removed');
  readonly #onMetrics = (_event: unknown, _display: Display, changed: string[]) => this.#changed('display-metrics-changed', changed);
  readonly #development: boolean;
  readonly #windows = new Map<string, BrowserWindow>();
  readonly #byContents = new Map<number, string>();
  readonly #load: (window: BrowserWindow) => Promise<void>;
  /** Called before the windows go away: a selection on them must end (review M3). */
  readonly #onRebuild: () => void;

  constructor(options: { preload: string; development: boolean; load: (window: BrowserWindow) => Promise<void>; onRebuild: () => void }) {
    this.#preload = options.preload;
    this.#development = options.development;
    this.#load = options.load;
    this.#onRebuild = options.onRebuild;
    screen.on('display-added', this.#onAdded);
    screen.on('display-removed', this.#onRemoved);
    screen.on('display-metrics-changed', this.#onMetrics);
  }

  #changed(event: 'display-added' | 'display-removed' | 'display-metrics-changed', metrics: string[] = []): void {
    if (overlaysOutdated(event, metrics)) this.rebuild();
  }

  /** Which display an overlay's page belongs to, from the webContents that sent a bridge call. */
  displayFor(contentsId: number | undefined): string | null {
    return contentsId === undefined ? null : (this.#byContents.get(contentsId) ?? null);
  }

  rebuild(): void {
    this.#onRebuild();
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
        // macOS: the first click on another display's overlay starts the drag instead of only activating it (m4).
        acceptFirstMouse: true,
        // Frameless windows are rounded by default on Windows 11 and Linux (breaking-changes 43.0): the overlay
        // must cover its display to the corner pixel (m8).
        roundedCorners: false,
        webPreferences: {
          ...secureWebPreferences(this.#preload, { development: this.#development }),
          // Spelled out as well, so static checkers such as electronegativity see them on the window itself.
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
        },
      });
      window.setAlwaysOnTop(true, 'screen-saver');
      // Without skipTransformProcessType, macOS turns the whole app into a UI element on every call: no Dock icon,
      // no menu bar (native_window_mac.mm; review M2). Readout is a normal app with a Dock icon, so it skips that.
      window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
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
    screen.off('display-added', this.#onAdded);
    screen.off('display-removed', this.#onRemoved);
    screen.off('display-metrics-changed', this.#onMetrics);
    for (const window of this.#windows.values()) window.destroy();
  }
}

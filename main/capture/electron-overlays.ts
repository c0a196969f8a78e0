/**
 * Adapter: one frameless, transparent, always-on-top overlay window per display, created ahead of time and kept
 * hidden, so the frozen screen appears the moment a capture starts. Rebuilt when displays really change. Not used
 * under Wayland, where no app may place windows (capture goes through the Screenshot portal there). What happens to
 * the windows (closed, crashed, hung) is decided in overlay-set.ts; this file only makes them and reports events.
 */
import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type Display } from 'electron';
import { secureWebPreferences } from '../security.ts';
import { overlaysOutdated } from './display-changes.ts';
import { displays } from './electron-capture.ts';
import { displayAt, type DisplayInfo, type Rect } from './geometry.ts';
import { OverlaySet, type OverlayEvents, type OverlayWindow } from './overlay-set.ts';

export interface OverlayOptions {
  preload: string;
  development: boolean;
  load(window: BrowserWindow): Promise<void>;
  /** The capture running on the overlays. */
  capture: { readonly active: boolean; cancel(): void };
  /** A crash or hang ended a capture. */
  report(reason: 'crashed' | 'unresponsive'): void;
  quitting(): boolean;
}

export class OverlayWindows {
  readonly #set: OverlaySet<DisplayInfo>;
  readonly #onAdded = () => this.#changed('display-added');
  readonly #onRemoved = () => this.#changed('display-removed');
  readonly #onMetrics = (_event: unknown, _display: Display, changed: string[]) => this.#changed('display-metrics-changed', changed);

  constructor(options: OverlayOptions) {
    this.#set = new OverlaySet<DisplayInfo>({
      displays,
      create: (display, events) => createOverlay(display, events, options),
      displayUnderPointer: () => displayAt(screen.getCursorScreenPoint(), displays())?.id ?? null,
      capturing: () => options.capture.active,
      cancelCapture: () => options.capture.cancel(),
      report: options.report,
      quitting: options.quitting,
      defer: (run) => void setImmediate(run),
      log: (message) => console.warn(message),
    });
    screen.on('display-added', this.#onAdded);
    screen.on('display-removed', this.#onRemoved);
    screen.on('display-metrics-changed', this.#onMetrics);
  }

  #changed(event: 'display-added' | 'display-removed' | 'display-metrics-changed', metrics: string[] = []): void {
    if (overlaysOutdated(event, metrics)) this.rebuild();
  }

  displayFor(contentsId: number | undefined): string | null {
    return this.#set.displayFor(contentsId);
  }

  rebuild(): void {
    this.#set.rebuild();
  }

  show(session: number): void {
    this.#set.show(session);
  }

  selection(dips: Rect | null): void {
    this.#set.selection(dips);
  }

  hide(): void {
    this.#set.hide();
  }

  destroy(): void {
    screen.off('display-added', this.#onAdded);
    screen.off('display-removed', this.#onRemoved);
    screen.off('display-metrics-changed', this.#onMetrics);
    this.#set.dispose();
  }
}

function createOverlay(display: DisplayInfo, events: OverlayEvents, options: OverlayOptions): OverlayWindow {
  const mac = process.platform === 'darwin';
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
    // macOS: "The `panel` type enables the window to float on top of full-screened apps" (structures/
    // base-window-options.md, `type`). Without it, visibleOnFullScreen needs the process turned into a UI element
    // (native_window_mac.mm, SetVisibleOnAllWorkspaces), which would take the Dock icon and menu bar away (review N4).
    ...(mac ? ({ type: 'panel' } satisfies BrowserWindowConstructorOptions) : {}),
    // macOS: the first click on another display's overlay starts the drag instead of only activating it (m4).
    acceptFirstMouse: true,
    // Frameless windows are rounded by default on Windows 11 and Linux (breaking-changes 43.0): the overlay
    // must cover its display to the corner pixel (m8).
    roundedCorners: false,
    webPreferences: {
      ...secureWebPreferences(options.preload, { development: options.development }),
      // Spelled out as well, so static checkers such as electronegativity see them on the window itself.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  // Windows and Linux give every window the application menu, and its accelerators work even with no menu bar drawn
  // (lib/browser/api/base-window.ts sets it on each new window; shell/browser/ui/views/root_view.cc registers them):
  // Ctrl+W would close the overlay and Ctrl+O open a dialog under it (review N2). No menu on the overlays.
  if (!mac) window.removeMenu();
  window.setAlwaysOnTop(true, 'screen-saver');
  // Without skipTransformProcessType, macOS turns the whole app into a UI element on every call: no Dock icon,
  // no menu bar (native_window_mac.mm; review M2). The panel type above is what floats it over full-screen apps.
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
  // browser-window.md: 'close' can be cancelled with event.preventDefault(); destroy() skips it and emits 'closed'.
  window.on('close', (event) => {
    if (events.closing()) event.preventDefault();
  });
  window.on('closed', () => events.lost('closed'));
  // browser-window.md 'unresponsive': "Emitted when the web page becomes unresponsive". web-contents.md
  // 'render-process-gone': the renderer crashed or was killed; the window stays, blank, over the display.
  window.on('unresponsive', () => events.lost('unresponsive'));
  window.webContents.on('render-process-gone', (_event, details) => events.lost(details.reason === 'clean-exit' ? 'closed' : 'crashed'));
  void options.load(window);
  const contentsId = window.webContents.id;
  const gone = () => window.isDestroyed() || window.webContents.isDestroyed();
  return {
    contentsId,
    isDestroyed: gone,
    show: () => window.show(),
    showInactive: () => window.showInactive(),
    focus: () => window.focus(),
    hide: () => window.hide(),
    send: (channel, payload) => window.webContents.send(channel, payload),
    destroy: () => window.destroy(),
  };
}

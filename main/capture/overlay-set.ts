/**
 * The capture overlays' lifecycle, free of electron: one hidden window per display, shown for a capture, rebuilt when
 * displays change, and never able to leave a capture stuck (review N2). An overlay can go away under a capture in
 * ways the capture flow never hears of: the OS or the user closes it (Ctrl+W or Alt+F4 reach a frameless window on
 * Windows and most X11 window managers, Cmd+W on macOS, a window manager's own close), its renderer crashes, or it
 * hangs. Each of those ends the capture as Esc does (the other overlays hide, the hotkey works again, nothing reaches
 * the history), a crash or hang is said once, and the overlays are made anew. The adapter
 * (capture/electron-overlays.ts) turns Electron's window events into the calls below.
 */
import type { Rect } from './geometry.ts';

/** What the set needs of one overlay window (a BrowserWindow in the app, a stand-in in tests). */
export interface OverlayWindow {
  /** The id of the page's webContents, which names the sender of a bridge call. */
  readonly contentsId: number;
  /** True once the window or its page is gone: nothing may be called on it then ("Object has been destroyed"). */
  isDestroyed(): boolean;
  show(): void;
  showInactive(): void;
  focus(): void;
  hide(): void;
  send(channel: 'capture:show' | 'capture:selection', payload: unknown): void;
  destroy(): void;
}

/** How an overlay was lost: closed by the OS or the user, its renderer gone, or its page not answering. */
export type OverlayLoss = 'closed' | 'crashed' | 'unresponsive';

/** What the adapter reports of one window; made by the set for each window it asks for. */
export interface OverlayEvents {
  /** The OS or the user asks the window to close. True: the adapter keeps it open (event.preventDefault()). */
  closing(): boolean;
  /** The window is gone, or its page crashed or hung. */
  lost(reason: OverlayLoss): void;
}

export interface OverlaySetPorts<D extends { id: string }> {
  /** The displays now. */
  displays(): D[];
  /** A new hidden overlay for `display`, loading its page; the adapter calls `events` for what happens to it. */
  create(display: D, events: OverlayEvents): OverlayWindow;
  /** The id of the display under the pointer, if any. */
  displayUnderPointer(): string | null;
  /** A capture is on the overlays now. */
  capturing(): boolean;
  /** The capture on the overlays ends with nothing, as Esc ends it. */
  cancelCapture(): void;
  /** A crash or hang ended a capture: the user is told, once for that capture. */
  report(reason: Exclude<OverlayLoss, 'closed'>): void;
  /** The app is quitting: a close goes through. */
  quitting(): boolean;
  /** Runs `run` after the window event being handled (a window is not rebuilt from inside its own event). */
  defer(run: () => void): void;
  log(message: string): void;
}

export class OverlaySet<D extends { id: string }> {
  readonly #ports: OverlaySetPorts<D>;
  readonly #windows = new Map<string, OverlayWindow>();
  readonly #byContents = new Map<number, string>();
  /** Windows of an older generation are ours no longer: their events (a 'closed' from our own destroy) are ignored. */
  #generation = 0;
  #rebuildPending = false;
  #disposed = false;

  constructor(ports: OverlaySetPorts<D>) {
    this.#ports = ports;
  }

  /** Which display an overlay's page belongs to, from the webContents that sent a bridge call. */
  displayFor(contentsId: number | undefined): string | null {
    return contentsId === undefined ? null : (this.#byContents.get(contentsId) ?? null);
  }

  /** How many overlays are ready to show. */
  get size(): number {
    return this.#live().length;
  }

  /** Makes one overlay per display, ending any capture on the old ones first (review M3). */
  rebuild(): void {
    if (this.#disposed) return;
    this.#rebuildPending = false;
    this.#ports.cancelCapture();
    this.#clear();
    const generation = this.#generation;
    for (const display of this.#ports.displays()) {
      const window = this.#ports.create(display, this.#eventsFor(generation, display.id));
      this.#windows.set(display.id, window);
      this.#byContents.set(window.contentsId, display.id);
    }
  }

  /** Shows every overlay; the one under the pointer takes the keyboard. */
  show(session: number): void {
    const live = this.#live();
    if (live.length === 0 || live.length < this.#windows.size) {
      // An overlay went away and its rebuild has not run yet: a capture on what is left could not be ended with the
      // keyboard on a display without one. End it now and make the overlays anew for the next press.
      this.#ports.log('A capture overlay was gone when a capture started; the capture was cancelled and the overlays rebuilt.');
      this.#ports.cancelCapture();
      this.#scheduleRebuild();
      return;
    }
    const under = this.#ports.displayUnderPointer();
    for (const [id, window] of live) {
      window.send('capture:show', { session });
      if (id === under) window.show();
      else window.showInactive();
    }
    const focused = under === null ? undefined : this.#windows.get(under);
    if (focused && !focused.isDestroyed()) focused.focus();
  }

  selection(dips: Rect | null): void {
    for (const [, window] of this.#live()) window.send('capture:selection', { dips });
  }

  hide(): void {
    for (const [, window] of this.#live()) window.hide();
  }

  /** At quit: every overlay goes, and none is made again. */
  dispose(): void {
    this.#disposed = true;
    this.#clear();
  }

  #live(): Array<[string, OverlayWindow]> {
    return [...this.#windows].filter(([, window]) => !window.isDestroyed());
  }

  #clear(): void {
    this.#generation += 1;
    for (const window of this.#windows.values()) if (!window.isDestroyed()) window.destroy();
    this.#windows.clear();
    this.#byContents.clear();
  }

  #scheduleRebuild(): void {
    if (this.#rebuildPending || this.#disposed) return;
    this.#rebuildPending = true;
    this.#ports.defer(() => {
      if (this.#rebuildPending) this.rebuild();
    });
  }

  #eventsFor(generation: number, displayId: string): OverlayEvents {
    const current = () => generation === this.#generation && !this.#disposed;
    return {
      closing: () => {
        if (!current() || this.#ports.quitting()) return false;
        // Ctrl+W, Alt+F4, Cmd+W or the window manager: the same as Esc. The window stays, hidden, for the next press.
        if (this.#ports.capturing()) this.#ports.cancelCapture();
        return true;
      },
      lost: (reason) => {
        if (!current()) return;
        const capturing = this.#ports.capturing();
        this.#ports.log(`The capture overlay on display ${displayId} was lost (${reason})${capturing ? ' during a capture' : ''}.`);
        // From here on this generation is done: a crash followed by the window's 'closed', or a hang on two
        // displays at once, is one loss, said once.
        this.#generation += 1;
        if (capturing) this.#ports.cancelCapture();
        // A crashed or hung overlay is transparent, on top of everything, and swallows the mouse: it goes at once.
        const window = this.#windows.get(displayId);
        if (window && !window.isDestroyed()) window.destroy();
        if (capturing && reason !== 'closed') this.#ports.report(reason);
        this.#scheduleRebuild();
      },
    };
  }
}

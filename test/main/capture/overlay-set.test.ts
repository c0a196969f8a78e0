/**
 * Review N2: an overlay closed by the OS or the user, or whose page crashes or hangs, ends the capture cleanly; the
 * real CaptureService runs on top of the real OverlaySet, with stand-in windows for Electron's.
 */
import { describe, expect, it } from 'vitest';
import type { Bitmap } from '../../../main/capture/crop.ts';
import type { DisplayInfo } from '../../../main/capture/geometry.ts';
import { OverlaySet, type OverlayEvents, type OverlayWindow } from '../../../main/capture/overlay-set.ts';
import { CaptureService } from '../../../main/capture/service.ts';
import type { ReadoutError } from '../../../main/errors.ts';

/** A window that throws, as Electron's do, when anything is called on it once destroyed. */
class FakeWindow implements OverlayWindow {
  static next = 1;
  readonly contentsId = FakeWindow.next++;
  readonly calls: string[] = [];
  destroyed = false;
  visible = false;
  readonly display: string;
  readonly events: OverlayEvents;
  constructor(display: string, events: OverlayEvents) {
    this.display = display;
    this.events = events;
  }
  #live(call: string): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    this.calls.push(call);
  }
  isDestroyed = () => this.destroyed;
  show = () => (this.#live('show'), (this.visible = true));
  showInactive = () => (this.#live('showInactive'), (this.visible = true));
  focus = () => this.#live('focus');
  hide = () => (this.#live('hide'), (this.visible = false));
  send = (channel: string) => this.#live(channel);
  destroy = () => {
    this.#live('destroy');
    this.destroyed = true;
  };
  /** What Electron does when the OS closes the window: 'close' (cancellable), then 'closed' if not cancelled. */
  osClose(): void {
    if (this.events.closing()) return;
    this.destroyed = true;
    this.events.lost('closed');
  }
}

const grey = (width: number, height: number): Bitmap => ({ data: new Uint8Array(width * height * 4).fill(128), width, height, order: 'bgra' });
const display = (id: string, x: number): DisplayInfo => ({ id, bounds: { x, y: 0, width: 200, height: 100 }, scaleFactor: 1 });

function rig(displayIds = ['a', 'b']) {
  const displays = displayIds.map((id, i) => display(id, i * 200));
  const windows: FakeWindow[] = [];
  const recognized: string[] = [];
  const problems: ReadoutError[] = [];
  const reports: string[] = [];
  const deferred: Array<() => void> = [];
  let quitting = false;
  // eslint-disable-next-line prefer-const
  let capture: CaptureService;
  const overlays = new OverlaySet<DisplayInfo>({
    displays: () => displays,
    create: (d, events) => {
      const window = new FakeWindow(d.id, events);
      windows.push(window);
      return window;
    },
    displayUnderPointer: () => 'a',
    capturing: () => capture.active,
    cancelCapture: () => capture.cancel(),
    report: (reason) => reports.push(reason),
    quitting: () => quitting,
    defer: (run) => deferred.push(run),
    log: () => undefined,
  });
  capture = new CaptureService({
    captureDisplays: async () => displays.map((d) => ({ display: d, bitmap: grey(200, 100), preview: { mime: 'image/jpeg', data: new Uint8Array([1]) } })),
    showOverlays: (id) => overlays.show(id),
    hideOverlays: () => overlays.hide(),
    showSelection: (dips) => overlays.selection(dips),
    recognize: (_png, name) => void recognized.push(name),
    problem: (error) => void problems.push(error),
  });
  overlays.rebuild();
  const live = () => windows.filter((w) => !w.destroyed);
  const runDeferred = () => deferred.splice(0).forEach((run) => run());
  const selecting = async () => {
    while (!capture.active || !live().some((w) => w.visible)) await new Promise((resolve) => setImmediate(resolve));
  };
  return { overlays, capture, windows, live, recognized, problems, reports, runDeferred, selecting, quit: () => (quitting = true) };
}

describe('a capture whose overlay goes away (review N2)', () => {
  it('Ctrl+W, Alt+F4 or Cmd+W on an overlay ends the capture like Esc, and the window stays for the next press', async () => {
    const r = rig();
    const first = r.capture.start();
    await r.selecting();
    r.live()[0]!.osClose();
    await first;
    expect(r.capture.active).toBe(false);
    expect(r.live()).toHaveLength(2);
    expect(r.live().every((w) => !w.visible)).toBe(true);
    expect(r.reports).toEqual([]);
    // The hotkey works again, on the same windows.
    const second = r.capture.start();
    await r.selecting();
    r.capture.finish('a', { x: 10, y: 10, width: 50, height: 40 });
    await second;
    expect(r.recognized).toEqual(['50×40']);
  });

  it('a window closed anyway (destroyed by the OS) ends the capture, and the overlays are made anew', async () => {
    const r = rig();
    const first = r.capture.start();
    await r.selecting();
    const lost = r.live()[1]!;
    lost.destroyed = true;
    lost.events.lost('closed');
    await first;
    expect(r.capture.active).toBe(false);
    // The other overlay hid: nothing is left covering a display.
    expect(r.live().filter((w) => w.visible)).toEqual([]);
    r.runDeferred();
    expect(r.live().map((w) => w.display)).toEqual(['a', 'b']);
    const second = r.capture.start();
    await r.selecting();
    r.capture.finish('b', { x: 0, y: 0, width: 30, height: 30 });
    await second;
    expect(r.recognized).toEqual(['30×30']);
    expect(r.problems).toEqual([]);
  });

  it.each(['crashed', 'unresponsive'] as const)('a page that %s ends the capture, goes at once, and is said once', async (reason) => {
    const r = rig();
    const first = r.capture.start();
    await r.selecting();
    const [a, b] = r.live();
    a!.events.lost(reason);
    // The window's own 'closed' after we destroy it, and the other display's page hanging too: still one loss.
    a!.events.lost('closed');
    b!.events.lost(reason);
    await first;
    expect(a!.destroyed).toBe(true);
    expect(r.reports).toEqual([reason]);
    expect(r.capture.active).toBe(false);
    expect(r.recognized).toEqual([]);
    r.runDeferred();
    expect(r.live()).toHaveLength(2);
    const second = r.capture.start();
    await r.selecting();
    r.capture.cancel();
    await second;
    expect(r.reports).toEqual([reason]);
  });

  it('a crash while no capture runs is rebuilt quietly', () => {
    const r = rig();
    r.live()[0]!.events.lost('crashed');
    expect(r.reports).toEqual([]);
    r.runDeferred();
    expect(r.live()).toHaveLength(2);
  });

  it('a capture started before the rebuild ran is cancelled, not shown on what is left', async () => {
    const r = rig();
    const gone = r.live()[0]!;
    gone.destroyed = true;
    gone.events.lost('closed');
    await r.capture.start();
    expect(r.capture.active).toBe(false);
    expect(r.live().some((w) => w.visible)).toBe(false);
    r.runDeferred();
    const again = r.capture.start();
    await r.selecting();
    r.capture.cancel();
    await again;
  });

  it('calls nothing on a destroyed window (Electron throws "Object has been destroyed")', async () => {
    const r = rig(['a', 'b', 'c']);
    const first = r.capture.start();
    await r.selecting();
    r.live()[2]!.destroyed = true;
    // No event reached us yet: selection and hide still go to the live ones only.
    r.capture.select({ x: 0, y: 0, width: 10, height: 10 });
    r.capture.cancel();
    await first;
    expect(r.problems).toEqual([]);
  });

  it('lets a close through while quitting, and makes nothing after dispose', () => {
    const r = rig();
    r.quit();
    const window = r.live()[0]!;
    window.osClose();
    expect(window.destroyed).toBe(true);
    r.overlays.dispose();
    r.runDeferred();
    expect(r.live()).toEqual([]);
  });

  it('ignores the closed events of windows it destroyed itself in a rebuild', () => {
    const r = rig();
    const old = r.live();
    r.overlays.rebuild();
    for (const window of old) window.events.lost('closed');
    r.runDeferred();
    expect(r.live()).toHaveLength(2);
    expect(r.windows).toHaveLength(4);
  });

  it('names the display of a bridge call by its page, and forgets pages it destroyed', () => {
    const r = rig();
    const [a] = r.live();
    expect(r.overlays.displayFor(a!.contentsId)).toBe('a');
    r.overlays.rebuild();
    expect(r.overlays.displayFor(a!.contentsId)).toBeNull();
    expect(r.overlays.displayFor(undefined)).toBeNull();
  });
});

/**
 * The capture flow, free of electron: freeze every display, show the overlays, wait for a selection, crop it and
 * hand it to the same pipeline as a file. The adapters (capture/electron-*.ts) supply frames and windows.
 */
import type { CaptureFrameView } from '../../preload/api.ts';
import { errorMessage, ReadoutError } from '../errors.ts';
import type { Source } from '../history/types.ts';
import { cropToPng, isBlank } from './crop.ts';
import { composeAcross } from './compose.ts';
import { dipRectToPixels, displayForRect, type Rect } from './geometry.ts';
import { CaptureSession, type Frame } from './session.ts';

export interface CapturePorts {
  /** Every display frozen now, at its native resolution. */
  captureDisplays(): Promise<Frame[]>;
  /** Overlays show their frames (they ask for them with capture.frame()). */
  showOverlays(session: number): void;
  hideOverlays(): void;
  /** Every overlay draws its part of the rectangle being dragged (desktop DIPs), or none. */
  showSelection(dips: Rect | null): void;
  /** The crop goes down the pipeline as its own recognition. */
  recognize(png: Uint8Array, name: string, source: Source): void;
  /** Something the user must act on: no permission to record the screen, say. */
  problem(error: ReadoutError): void;
}

export class CaptureService {
  readonly #ports: CapturePorts;
  #session: CaptureSession | null = null;
  #sessionId = 0;
  /** The last region, for "capture the same region again"; displayId is null for one drawn across displays. */
  #last: { displayId: string | null; dips: Rect } | null = null;

  constructor(ports: CapturePorts) {
    this.#ports = ports;
  }

  get active(): boolean {
    return this.#session !== null;
  }

  async #frames(): Promise<Frame[]> {
    const frames = await this.#ports.captureDisplays();
    if (frames.length === 0) throw new ReadoutError('capture-failed', 'No screen could be captured.');
    if (frames.every((frame) => isBlank(frame.bitmap))) {
      throw new ReadoutError('capture-permission', 'The screen capture came back black: Readout is not allowed to record the screen.');
    }
    return frames;
  }

  /**
   * From the hotkey or the tray: freeze, select, recognise. A second press while selecting does nothing. Never
   * rejects: whatever goes wrong reaches problem(), so no failure can become Electron's main-process error dialog.
   */
  async start(): Promise<void> {
    if (this.#session) return;
    let session: CaptureSession;
    try {
      session = new CaptureSession(await this.#frames());
    } catch (error) {
      this.#report(error);
      return;
    }
    this.#session = session;
    try {
      this.#ports.showOverlays(++this.#sessionId);
      const selection = await session.done;
      this.#session = null;
      this.#ports.hideOverlays();
      if (!selection) return;
      if (selection.kind === 'desktop') {
        this.#last = { displayId: null, dips: selection.dips };
        await this.#recognizeAcross(selection.frames, selection.dips);
        return;
      }
      this.#last = { displayId: selection.frame.display.id, dips: selection.dips };
      await this.#recognize(selection.frame, selection.pixels, selection.dips);
    } catch (error) {
      this.#report(error);
    } finally {
      if (this.#session === session) {
        this.#session = null;
        this.#ports.hideOverlays();
      }
    }
  }

  /** Captures the last rectangle again, without an overlay. */
  async repeat(): Promise<void> {
    if (!this.#last) return this.start();
    try {
      const last = this.#last;
      const frames = await this.#frames();
      if (last.displayId === null) return await this.#recognizeAcross(frames, last.dips);
      const frame = frames.find((f) => f.display.id === last.displayId);
      const pixels = frame && dipRectToPixels(last.dips, frame.display, frame.bitmap);
      if (!frame || !pixels) throw new ReadoutError('capture-region-gone', 'The screen that region was on is no longer connected.');
      await this.#recognize(frame, pixels, last.dips);
    } catch (error) {
      this.#report(error);
    }
  }

  #report(error: unknown): void {
    this.#ports.problem(error instanceof ReadoutError ? error : new ReadoutError('capture-failed', errorMessage(error)));
  }

  async #recognize(frame: Frame, pixels: Rect, dips: Rect): Promise<void> {
    const png = await cropToPng(frame.bitmap, pixels);
    this.#ports.recognize(png, `${pixels.width}×${pixels.height}`, { kind: 'region', displayId: frame.display.id, rect: dips });
  }

  async #recognizeAcross(frames: readonly Frame[], dips: Rect): Promise<void> {
    const home = displayForRect(dips, frames.map((f) => f.display));
    if (!home) throw new ReadoutError('capture-region-gone', 'No connected screen shows that region any more.');
    const { png, width, height } = await composeAcross(frames, dips);
    this.#ports.recognize(png, `${width}×${height}`, { kind: 'region', displayId: home.id, rect: dips });
  }

  /** What the overlay on `displayId` shows. */
  frameFor(displayId: string): CaptureFrameView | null {
    const frame = this.#session?.frame(displayId);
    if (!frame) return null;
    return {
      session: this.#sessionId,
      width: frame.bitmap.width,
      height: frame.bitmap.height,
      bounds: frame.display.bounds,
      scaleFactor: frame.display.scaleFactor,
      mime: frame.preview.mime,
      preview: frame.preview.data,
    };
  }

  finish(displayId: string, rect: Rect): void {
    // The session clamps the rectangle to the frame and settles on nothing for one outside it or too small.
    if (this.#session?.frame(displayId)) this.#session.finish(displayId, rect);
  }

  select(dips: Rect | null): void {
    if (this.#session) this.#ports.showSelection(dips);
  }

  /** A rectangle dragged past the edge of the overlay it started on, in desktop DIPs. */
  finishAcross(dips: Rect): void {
    this.#session?.finishAcross(dips);
  }

  /** Esc on an overlay, or the overlays went away under it (displays changed): the selection ends with nothing. */
  cancel(): void {
    this.#session?.cancel();
  }
}

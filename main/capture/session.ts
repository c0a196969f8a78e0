/**
 * One capture from press to selection: the frozen frame of every display, which overlay shows which, and the
 * selection. Free of electron; the adapters fill it with frames and windows.
 */
import { ReadoutError } from '../errors.ts';
import type { Bitmap } from './crop.ts';
import { clampToImage, intersect, pixelsToDipRect, type DisplayInfo, type Rect } from './geometry.ts';

export interface Frame {
  display: DisplayInfo;
  bitmap: Bitmap;
  /** What the overlay shows: a quickly encoded picture of the bitmap. */
  preview: { mime: string; data: Uint8Array };
}

/** A rectangle on one display (in its pixels), or one drawn across several (in desktop DIPs only). */
export type Selection =
  | {
      kind: 'display';
      frame: Frame;
      /** In the frame's pixels. */
      pixels: Rect;
      /** The same rectangle in desktop DIPs, to find it again later. */
      dips: Rect;
    }
  | { kind: 'desktop'; frames: Frame[]; dips: Rect };

/** Smaller than this in either direction is a click, not a selection. */
export const MIN_SELECTION = 3;

export class CaptureSession {
  readonly #frames = new Map<string, Frame>();
  readonly #settle: { resolve: (selection: Selection | null) => void };
  readonly done: Promise<Selection | null>;

  constructor(frames: Frame[]) {
    for (const frame of frames) this.#frames.set(frame.display.id, frame);
    let resolve!: (selection: Selection | null) => void;
    this.done = new Promise((r) => (resolve = r));
    this.#settle = { resolve };
  }

  frame(displayId: string): Frame | null {
    return this.#frames.get(displayId) ?? null;
  }

  /** The overlay on `displayId` accepted `rect`, in that display's captured pixels. */
  finish(displayId: string, rect: Rect): Selection | null {
    const frame = this.#frames.get(displayId);
    if (!frame) throw new ReadoutError('capture-unknown-display', 'That screen is no longer part of the capture.');
    const pixels = clampToImage(rect, frame.bitmap);
    const selection: Selection | null =
      pixels && pixels.width >= MIN_SELECTION && pixels.height >= MIN_SELECTION
        ? { kind: 'display', frame, pixels, dips: pixelsToDipRect(pixels, frame.display, frame.bitmap) }
        : null;
    this.#settle.resolve(selection);
    return selection;
  }

  /** A rectangle dragged across display edges, in desktop DIPs. */
  finishAcross(dips: Rect): Selection | null {
    const frames = [...this.#frames.values()].filter((frame) => intersect(dips, frame.display.bounds));
    const selection: Selection | null = frames.length > 0 && dips.width >= 1 && dips.height >= 1 ? { kind: 'desktop', frames, dips } : null;
    this.#settle.resolve(selection);
    return selection;
  }

  cancel(): void {
    this.#settle.resolve(null);
  }
}

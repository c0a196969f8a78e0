/**
 * The picture's geometry, free of the DOM: the scale that fits it to its view, and the boxes a rubber band drawn
 * over it touches. Everything is in the original image's pixels, the space the engine's boxes are in.
 */
import type { WordView } from '../../preload/api.ts';

/** Fit never blows a small capture up: beyond its own pixels it only gets bigger, not clearer (review H2: 100% when it fits). */
export const MAX_FIT = 1;

/**
 * The scale that shows the whole image in a view of this size, both its width and its height (a tall page fits
 * to the height, not only the width), never above MAX_FIT; 1 when the view has no size yet.
 */
export function fitScale(view: { width: number; height: number }, image: { width: number; height: number }): number {
  if (!(view.width > 0 && view.height > 0 && image.width > 0 && image.height > 0)) return 1;
  return Math.min(MAX_FIT, view.width / image.width, view.height / image.height);
}

export interface Band {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The band as a rectangle whichever way it was drawn. */
export function normalBand(band: Band): { left: number; top: number; right: number; bottom: number } {
  return { left: Math.min(band.x0, band.x1), top: Math.min(band.y0, band.y1), right: Math.max(band.x0, band.x1), bottom: Math.max(band.y0, band.y1) };
}

/** The words whose box the band touches (their bounding rectangles overlap), in reading order. */
export function wordsInBand(words: readonly WordView[], band: Band): number[] {
  const { left, top, right, bottom } = normalBand(band);
  const found: number[] = [];
  words.forEach((word, index) => {
    const xs = word.box.map((point) => point[0] ?? 0);
    const ys = word.box.map((point) => point[1] ?? 0);
    if (Math.min(...xs) <= right && Math.max(...xs) >= left && Math.min(...ys) <= bottom && Math.max(...ys) >= top) found.push(index);
  });
  return found;
}

/** Portrait, square-ish or landscape: the result gives a wide image most of its width, a tall one its height. */
export function imageShape(width: number, height: number): 'landscape' | 'portrait' {
  return width >= height * 1.2 ? 'landscape' : 'portrait';
}

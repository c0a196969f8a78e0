/** Selection arithmetic in the frozen image's pixels, where the crop happens. */
import type { PixelRect } from '../../../preload/api.ts';

export interface Point {
  x: number;
  y: number;
}

/** A pointer position (CSS pixels in a full-window overlay) in image pixels: one image pixel per device pixel. */
export function toImagePoint(clientX: number, clientY: number, image: { width: number; height: number }, view: { width: number; height: number }): Point {
  const x = Math.round((clientX * image.width) / view.width);
  const y = Math.round((clientY * image.height) / view.height);
  return { x: Math.max(0, Math.min(image.width, x)), y: Math.max(0, Math.min(image.height, y)) };
}

export function between(a: Point, b: Point): PixelRect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** Moves a selection by whole pixels, keeping it on the image. */
export function nudge(rect: PixelRect, dx: number, dy: number, image: { width: number; height: number }): PixelRect {
  return {
    ...rect,
    x: Math.max(0, Math.min(image.width - rect.width, rect.x + dx)),
    y: Math.max(0, Math.min(image.height - rect.height, rect.y + dy)),
  };
}

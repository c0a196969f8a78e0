/**
 * A line's place cut to its ink. The detector's box carries a margin (DB's unclip grows every side by about the
 * same amount), which is small beside a long line but doubles the width of a lone "2" in a table cell; boxes drawn
 * for the user to click should sit on the glyphs. The background is the shade most common on the border of the
 * margin the recognizer was given (plain on screens); ink is what differs from it clearly. Where that finds nothing
 * sensible (a photo, a gradient), the detector's box stands.
 */
import type { Region, Rgb } from './image.ts';

/** How far a pixel's luminance must be from the background's to be ink (0 to 255). */
const CONTRAST = 48;
/** The margin left around the ink, as a share of its height on each side. */
const MARGIN = 0.1;

const luminance = (data: Uint8Array, index: number): number => (data[index]! * 299 + data[index + 1]! * 587 + data[index + 2]! * 114) / 1000;

/** The median luminance of a region's border: its background where the background is plain. */
function borderShade(image: Rgb, region: Region): number {
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(image.width - 1, Math.ceil(region.x + region.width) - 1);
  const y1 = Math.min(image.height - 1, Math.ceil(region.y + region.height) - 1);
  const shades: number[] = [];
  for (let x = x0; x <= x1; x++) shades.push(luminance(image.data, (y0 * image.width + x) * 3), luminance(image.data, (y1 * image.width + x) * 3));
  for (let y = y0; y <= y1; y++) shades.push(luminance(image.data, (y * image.width + x0) * 3), luminance(image.data, (y * image.width + x1) * 3));
  shades.sort((a, b) => a - b);
  return shades[Math.floor(shades.length / 2)] ?? 255;
}

/** `place` cut to the ink inside it (plus a small margin), judged against the border of `around`. */
export function tightenToInk(image: Rgb, place: Region, around: Region): Region {
  const background = borderShade(image, around);
  const x0 = Math.max(0, Math.floor(place.x));
  const y0 = Math.max(0, Math.floor(place.y));
  const x1 = Math.min(image.width, Math.ceil(place.x + place.width));
  const y1 = Math.min(image.height, Math.ceil(place.y + place.height));
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  let inked = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0, index = (y * image.width + x0) * 3; x < x1; x++, index += 3) {
      if (Math.abs(luminance(image.data, index) - background) < CONTRAST) continue;
      inked++;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  const total = (x1 - x0) * (y1 - y0);
  // No ink, or ink nearly everywhere (the "background" guess was wrong): keep what the detector said.
  if (inked === 0 || inked > 0.85 * total) return place;
  const height = bottom + 1 - top;
  const margin = Math.max(1, height * MARGIN);
  const x = Math.max(place.x, left - margin);
  const y = Math.max(place.y, top - margin);
  return { x, y, width: Math.min(place.x + place.width, right + 1 + margin) - x, height: Math.min(place.y + place.height, bottom + 1 + margin) - y };
}

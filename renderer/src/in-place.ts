/**
 * The in-place translation's geometry and colour, free of the DOM (issue 24): where a translated line goes (its
 * word box's rectangle, in the original image's pixels), what covers the original text there (the median of the
 * pixels around the box), which ink reads on that (black or white, whichever contrasts more), and the largest font
 * size at which the line fits its box (a binary search over a measure the caller supplies: a canvas in the window,
 * anything monotone in a test).
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** A box of four corners (any order, any tilt) as the upright rectangle that holds it; finite, never negative in size. */
export function boxRect(box: readonly (readonly number[])[]): Rect {
  const xs = box.map((point) => point[0]).filter((value): value is number => Number.isFinite(value));
  const ys = box.map((point) => point[1]).filter((value): value is number => Number.isFinite(value));
  if (xs.length === 0 || ys.length === 0) return { left: 0, top: 0, width: 0, height: 0 };
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}

/** The middle value (the lower of the two middles for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/**
 * The colour around a box: the median, channel by channel, of the pixels on its border ring (a band `ring` pixels
 * wide just outside the box, clipped to the image). A median, not a mean: a stroke of the text that touches the box's
 * edge does not tint the background. `data` is RGBA, row by row, as a canvas's getImageData gives it.
 */
export function borderColour(data: ArrayLike<number>, imageWidth: number, imageHeight: number, rect: Rect, ring = 2): Rgb {
  const x0 = Math.max(0, Math.floor(rect.left) - ring);
  const y0 = Math.max(0, Math.floor(rect.top) - ring);
  const x1 = Math.min(imageWidth - 1, Math.ceil(rect.left + rect.width) + ring - 1);
  const y1 = Math.min(imageHeight - 1, Math.ceil(rect.top + rect.height) + ring - 1);
  const rs: number[] = [];
  const gs: number[] = [];
  const bs: number[] = [];
  const take = (x: number, y: number): void => {
    const at = (y * imageWidth + x) * 4;
    rs.push(data[at] ?? 0);
    gs.push(data[at + 1] ?? 0);
    bs.push(data[at + 2] ?? 0);
  };
  if (x1 < x0 || y1 < y0) return { r: 255, g: 255, b: 255 };
  for (let y = y0; y <= y1; y++) {
    const edgeRow = y < y0 + ring || y > y1 - ring;
    if (edgeRow) for (let x = x0; x <= x1; x++) take(x, y);
    else {
      for (let x = x0; x < Math.min(x1 + 1, x0 + ring); x++) take(x, y);
      for (let x = Math.max(x0 + ring, x1 - ring + 1); x <= x1; x++) take(x, y);
    }
  }
  return { r: median(rs), g: median(gs), b: median(bs) };
}

/** WCAG's relative luminance of an sRGB colour (channels 0..255). */
export function luminance({ r, g, b }: Rgb): number {
  const linear = (channel: number): number => {
    const c = Math.min(255, Math.max(0, channel)) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG's contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export const BLACK: Rgb = { r: 0, g: 0, b: 0 };
export const WHITE: Rgb = { r: 255, g: 255, b: 255 };

/** The ink for text on this background: black or white, whichever contrasts more (at least 4.58:1 whatever the colour). */
export function inkFor(background: Rgb): Rgb {
  return contrastRatio(background, BLACK) >= contrastRatio(background, WHITE) ? BLACK : WHITE;
}

export const cssColour = ({ r, g, b }: Rgb): string => `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;

/** What a line of text measures at a font size; both grow with the size (the fit's search counts on it). */
export type Measure = (text: string, size: number) => { width: number; height: number };

/** Below this (in the original's pixels) a line would be unreadable even zoomed: it is drawn at this and clipped. */
export const MIN_FONT = 4;

/**
 * The largest font size, to a hundredth of a pixel, at which the text fits the box on one line (its measured width
 * within the box's width, its height within the box's height); MIN_FONT where even that overflows.
 */
export function fitFontSize(text: string, box: { width: number; height: number }, measure: Measure, precision = 0.01): number {
  const fits = (size: number): boolean => {
    const { width, height } = measure(text, size);
    return width <= box.width && height <= box.height;
  };
  let low = MIN_FONT;
  if (!fits(low)) return MIN_FONT;
  // The line's height grows at least as fast as the size in every real font, so the box's height (with a margin
  // for a measure that says otherwise) bounds the search.
  let high = Math.max(low, box.height * 2);
  if (fits(high)) return high;
  while (high - low > precision) {
    const middle = (low + high) / 2;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

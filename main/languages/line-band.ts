/**
 * A line's own band of ink across it. The region a line is read from carries a margin (ppocr/pipeline.ts pads it by
 * a fifth of its thickness on each side, beyond DB's own unclip), which on a dense screen reaches into the next
 * line: columns of vertical Japanese set 12 px apart came back with "| |" and "ij12:" read from slivers of the column
 * beside. Tesseract reads what it is given, so the band is cut at the first blank row (or column, for an upright
 * line) on each side of the line's middle, and a little background kept.
 */

/** How far from the background a grey value must be to be ink (0 to 255); as ink.ts judges it. */
const CONTRAST = 48;

export interface Band {
  start: number;
  end: number;
}

/** The median of the crop's border: its background where the background is plain. */
function borderShade(grey: Uint8Array, width: number, height: number): number {
  const shades: number[] = [];
  for (let x = 0; x < width; x++) shades.push(grey[x]!, grey[(height - 1) * width + x]!);
  for (let y = 0; y < height; y++) shades.push(grey[y * width]!, grey[y * width + width - 1]!);
  shades.sort((a, b) => a - b);
  return shades[Math.floor(shades.length / 2)] ?? 255;
}

/**
 * The rows (or, `upright`, the columns) of a grey crop that hold the line: the inked run around the most inked row
 * near the middle, widened by `margin` of its size on each side. The whole crop where that finds nothing sensible
 * (no ink, or too thin a run to be a line's).
 */
export function lineBand(grey: Uint8Array, width: number, height: number, upright: boolean, margin = 0.15): Band {
  const across = upright ? width : height;
  const along = upright ? height : width;
  const background = borderShade(grey, width, height);
  const ink = new Array<number>(across).fill(0);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (Math.abs(grey[y * width + x]! - background) >= CONTRAST) ink[upright ? x : y]!++;
    }
  }
  // The line's middle is the most inked row in the middle half: the margins are where neighbours reach in.
  let middle = -1;
  for (let i = Math.floor(across / 4); i < Math.ceil((3 * across) / 4); i++) if (middle === -1 || ink[i]! > ink[middle]!) middle = i;
  const whole = { start: 0, end: across };
  if (middle === -1 || ink[middle] === 0) return whole;
  // A row with a pixel or two of ink is still a gap (anti-aliasing, a stray dot of the neighbour's accent).
  const blank = (i: number): boolean => ink[i]! <= Math.max(1, along / 200);
  let start = middle;
  while (start > 0 && !blank(start - 1)) start--;
  let end = middle + 1;
  while (end < across && !blank(end)) end++;
  if (end - start < across / 4) return whole;
  const pad = Math.ceil((end - start) * margin);
  return { start: Math.max(0, start - pad), end: Math.min(across, end + pad) };
}

/**
 * Text detection's post-processing (DB, "Differentiable Binarization", as PaddleOCR's DBPostProcess does it):
 * the probability map thresholded, each connected region scored by its mean probability, and its box grown back
 * ("unclipped") by area x ratio / perimeter, since the model predicts shrunk text kernels. Boxes are axis-aligned:
 * screen text is horizontal, and a box standing upright is turned before recognition (pipeline.ts, isUpright).
 */
export interface DetectOptions {
  /** Pixels above this probability are text. */
  threshold: number;
  /** Regions whose mean probability is below this are dropped. */
  boxThreshold: number;
  /** How far each region is grown back. */
  unclipRatio: number;
  /** Regions smaller than this many pixels (in the map) are noise. */
  minArea: number;
}

export const DB_DEFAULTS: DetectOptions = { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minArea: 6 };

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

/** Text boxes in the map's own pixels. */
export function dbBoxes(prob: Float32Array, width: number, height: number, options: DetectOptions = DB_DEFAULTS): Box[] {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const boxes: Box[] = [];
  let next = 0;
  for (let start = 0; start < prob.length; start++) {
    if (labels[start] !== 0 || prob[start]! <= options.threshold) continue;
    next++;
    // Flood fill (4-connected) with an explicit stack: no recursion, no per-pixel objects.
    let top = 0;
    stack[top++] = start;
    labels[start] = next;
    let minX = width;
    let minY = height;
    let maxX = -1;
    let maxY = -1;
    let area = 0;
    let sum = 0;
    while (top > 0) {
      const at = stack[--top]!;
      const x = at % width;
      const y = (at - x) / width;
      area++;
      sum += prob[at]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const visit = (n: number): void => {
        if (labels[n] === 0 && prob[n]! > options.threshold) {
          labels[n] = next;
          stack[top++] = n;
        }
      };
      if (x > 0) visit(at - 1);
      if (x < width - 1) visit(at + 1);
      if (y > 0) visit(at - width);
      if (y < height - 1) visit(at + width);
    }
    if (area < options.minArea) continue;
    const score = sum / area;
    if (score < options.boxThreshold) continue;
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    if (Math.min(w, h) < 2) continue;
    const grow = (w * h * options.unclipRatio) / (2 * (w + h));
    const x0 = Math.max(0, minX - grow);
    const y0 = Math.max(0, minY - grow);
    const x1 = Math.min(width, maxX + 1 + grow);
    const y1 = Math.min(height, maxY + 1 + grow);
    boxes.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0, score });
  }
  return boxes;
}

/**
 * The size the detector sees: the image at `scale` (its long side at most `limit`, never enlarged), on a map whose
 * sides are the next multiples of 32, the rest of it margin (pipeline.ts fills it with the image's background). One scale for both sides: each side rounded to its nearest multiple of 32 on its
 * own squeezed a 39 px strip of text to 32 px, and the detector lost most of an 11 px line in it (issue 21).
 */
export function detectionSize(width: number, height: number, limit: number): { width: number; height: number; scale: number } {
  const scale = Math.min(1, limit / Math.max(width, height));
  const up = (v: number): number => Math.max(32, Math.ceil((v * scale) / 32) * 32);
  return { width: up(width), height: up(height), scale };
}

/** A piece of the detector's input: where it is read from (`x`, `y`, `width`, `height`) and the part of it kept. */
export interface Tile {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The part of the map this tile writes, in the whole map's pixels: its own share, half of each overlap. */
  keep: { x: number; y: number; width: number; height: number };
}

/**
 * Cuts a `width` x `height` map (multiples of 32) into as few tiles as keep each within `size` a side, neighbours
 * sharing at least `overlap` pixels, so the detector never sees a tensor larger than one tile. Each tile keeps the
 * middle of what it saw (the detector is unsure near an edge it cannot see past), and the kept parts cover the map
 * exactly once. `size` and `overlap` are multiples of 32, `overlap` under half of `size`.
 */
export function detectionTiles(width: number, height: number, size: number, overlap: number): Tile[] {
  const spans = (length: number): Array<{ start: number; length: number; keep: number }> => {
    const count = length <= size ? 1 : Math.ceil((length - overlap) / (size - overlap));
    // Tiles of one length, as short as covers the map with that overlap, on the 32-pixel grid the model needs.
    const tile = Math.min(length, Math.min(size, Math.ceil((length + (count - 1) * overlap) / count / 32) * 32));
    const starts = Array.from({ length: count }, (_, i) => (i === 0 ? 0 : Math.min(i * (tile - overlap), length - tile)));
    // Each boundary falls in the middle of the two tiles' shared part.
    const keeps = starts.map((start, i) => (i === 0 ? 0 : Math.floor((start + starts[i - 1]! + tile) / 2)));
    return starts.map((start, i) => ({ start, length: tile, keep: keeps[i]! }));
  };
  const cut = (length: number) => spans(length).map((span, i, all) => ({ ...span, keepEnd: all[i + 1]?.keep ?? length }));
  return cut(height).flatMap((row) =>
    cut(width).map((column) => ({
      x: column.start,
      y: row.start,
      width: column.length,
      height: row.length,
      keep: { x: column.keep, y: row.keep, width: column.keepEnd - column.keep, height: row.keepEnd - row.keep },
    })),
  );
}

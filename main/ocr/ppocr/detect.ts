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

/** The size the detector sees: the long side at most `limit`, both sides multiples of 32. */
export function detectionSize(width: number, height: number, limit: number): { width: number; height: number; scale: number } {
  const scale = Math.min(1, limit / Math.max(width, height));
  const round = (v: number): number => Math.max(32, Math.round((v * scale) / 32) * 32);
  return { width: round(width), height: round(height), scale };
}

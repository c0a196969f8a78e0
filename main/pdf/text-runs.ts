/**
 * Where a page's invisible text goes: each word at its box, else the text's lines down the page, in PDF points (y up
 * from the bottom). Every number is finite and within the page's reach before it is written: a history written by
 * hand or by another version can hold boxes at +-1e308, NaN or of the wrong shape (bad-input review 2, L2), and a PDF
 * has no form for those. A word whose box is not four finite points is left out; the text is still on the page's lines
 * in the entry, and the other words keep their places.
 */

export interface PageWord {
  text: string;
  box: unknown;
}

export interface TextRun {
  text: string;
  /** Left and baseline, in points from the page's lower left. */
  x: number;
  baseline: number;
  /** Font size, and the horizontal scale that makes the run span its box (each character is 1000 units, DW). */
  size: number;
  stretch: number;
}

export interface PageGeometry {
  /** Points per pixel of the words' boxes. */
  scale: number;
  width: number;
  height: number;
}

/** Within [low, high]; NaN (0 times an infinite scale) is low. */
const clamp = (value: number, low: number, high: number): number => (Number.isNaN(value) ? low : Math.min(high, Math.max(low, value)));

/** The box's four corners as numbers, or null where it is anything else. */
function corners(box: unknown): Array<[number, number]> | null {
  if (!Array.isArray(box) || box.length !== 4) return null;
  const points: Array<[number, number]> = [];
  for (const point of box as unknown[]) {
    if (!Array.isArray(point) || point.length < 2) return null;
    const [x, y] = point as unknown[];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
    points.push([x, y]);
  }
  return points;
}

/** The characters a run shows (code points). */
export const characterCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

/** One word's run, or null where its box or text gives none. */
export function wordRun(word: PageWord, page: PageGeometry): TextRun | null {
  if (typeof word.text !== 'string') return null;
  const count = characterCount(word.text);
  const points = corners(word.box);
  if (count === 0 || !points) return null;
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const [x, y] of points) {
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  }
  // Clamped onto the page (a box outside it is a broken box; its text is still found, at the edge).
  const x = clamp(left * page.scale, 0, page.width);
  const width = clamp((right - left) * page.scale, 0, page.width);
  const size = clamp((bottom - top) * page.scale, 1, page.height);
  const topPt = clamp(top * page.scale, 0, page.height);
  const natural = count * size;
  return { text: word.text, x, baseline: clamp(page.height - topPt - size * 0.8, -page.height, page.height), size, stretch: width > 0 ? clamp(width / natural, 0.001, 1000) : 1 };
}

/** The runs of a page: its words where it has them, else its text as lines down the page. */
export function* textRuns(text: string, words: readonly PageWord[] | null, page: PageGeometry): Generator<TextRun> {
  if (words?.length) {
    for (const word of words) {
      const run = wordRun(word, page);
      if (run) yield run;
    }
    return;
  }
  const lines = text.split('\n');
  const size = clamp((page.height - 40) / Math.max(1, lines.length), 0.5, 14);
  for (const [i, line] of lines.entries()) {
    if (characterCount(line) === 0) continue;
    const top = 20 + i * size;
    yield { text: line, x: 20, baseline: page.height - top - size * 0.8, size, stretch: clamp((page.width - 40) / (characterCount(line) * size), 0.001, 1) };
  }
}

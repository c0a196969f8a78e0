/**
 * Words on the image and the text beside it, kept in step: which words a selection takes, the text a run of them
 * makes, and where each word sits in the entry's text (so the two panels can highlight each other).
 */
import type { WordView } from '../../preload/api.ts';

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

interface Extent {
  top: number;
  bottom: number;
}

function extentOf(word: WordView): Extent {
  const ys = word.box.map((point) => point[1] ?? 0);
  return { top: Math.min(...ys), bottom: Math.max(...ys) };
}

/** Two boxes share a row when they overlap vertically by half the shorter one's height. */
function sameRow(a: Extent, b: Extent): boolean {
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
}

/**
 * The text of the chosen words, in reading order: words of one row joined by a space (none between two CJK
 * characters), rows by a line break.
 */
export function joinWords(words: readonly WordView[], chosen: Iterable<number>): string {
  const order = [...new Set(chosen)].filter((i) => i >= 0 && i < words.length).sort((a, b) => a - b);
  let text = '';
  let previous: Extent | null = null;
  for (const index of order) {
    const word = words[index]!;
    const extent = extentOf(word);
    if (previous) {
      if (!sameRow(previous, extent)) text += '\n';
      else if (!(CJK.test(text.at(-1) ?? '') && CJK.test(word.text[0] ?? ''))) text += ' ';
    }
    text += word.text;
    previous = extent;
  }
  return text;
}

/** The indices from one word to another, both included, in reading order: what a drag across them selects. */
export function runBetween(from: number, to: number): number[] {
  const [start, end] = from <= to ? [from, to] : [to, from];
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

/** Where each word is in the text: found in order, each after the last; null for a word the text no longer has. */
export function wordRanges(text: string, words: readonly WordView[]): Array<[number, number] | null> {
  let cursor = 0;
  return words.map((word) => {
    const at = word.text ? text.indexOf(word.text, cursor) : -1;
    if (at < 0) return null;
    cursor = at + word.text.length;
    return [at, cursor];
  });
}

/** The words whose text lies, at least partly, within [start, end) of the text. */
export function wordsInRange(ranges: ReadonlyArray<[number, number] | null>, start: number, end: number): number[] {
  const found: number[] = [];
  ranges.forEach((range, index) => {
    if (range && range[0] < end && range[1] > start) found.push(index);
  });
  return found;
}

/** The text cut into pieces, each marked when it belongs to a chosen word: for the text panel's highlight. */
export function markedPieces(text: string, ranges: ReadonlyArray<[number, number] | null>, chosen: ReadonlySet<number>): Array<{ text: string; marked: boolean }> {
  const spans = [...chosen]
    .map((index) => ranges[index])
    .filter((range): range is [number, number] => range !== null && range !== undefined)
    .sort((a, b) => a[0] - b[0]);
  const pieces: Array<{ text: string; marked: boolean }> = [];
  let cursor = 0;
  for (const [start, end] of spans) {
    if (start > cursor) pieces.push({ text: text.slice(cursor, start), marked: false });
    if (end > Math.max(start, cursor)) pieces.push({ text: text.slice(Math.max(start, cursor), end), marked: true });
    cursor = Math.max(cursor, end);
  }
  if (cursor < text.length) pieces.push({ text: text.slice(cursor), marked: false });
  return pieces;
}

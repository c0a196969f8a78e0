/**
 * Lines the offline engine doubts (issue 21): which of its lines scored below DOUBTFUL_BELOW and are still in the
 * text the window shows, and that text cut into pieces so the panel can underline those lines while it also
 * highlights the words chosen on the image.
 */
import { DOUBTFUL_BELOW, type EntryView, type WordView } from '../../preload/api.ts';
import { markedPieces } from './word-selection.ts';

type Ranges = ReadonlyArray<[number, number] | null>;

/** A stretch of the text: one doubtful line (its word's index), or text between them; pieces marked where chosen. */
export interface TextPart {
  doubt: number | null;
  pieces: Array<{ text: string; marked: boolean }>;
}

/**
 * Each doubtful line, by its word's index, with its confidence. Only a finished offline reading: its lines' confidence
 * is calibrated (Qwen-VL-OCR's words say none). A line the user edited away is not found in the text and not counted.
 */
export function doubtfulLines(entry: Pick<EntryView, 'engine' | 'status'>, words: readonly WordView[], ranges: Ranges): Map<number, number> {
  const doubts = new Map<number, number>();
  if (entry.engine !== 'local' || entry.status !== 'done') return doubts;
  words.forEach((word, index) => {
    if (word.confidence !== null && word.confidence < DOUBTFUL_BELOW && ranges[index]) doubts.set(index, word.confidence);
  });
  return doubts;
}

/** The text in parts, each doubtful line a part of its own, with the chosen words marked inside every part. */
export function textParts(text: string, ranges: Ranges, chosen: ReadonlySet<number>, doubts: ReadonlyMap<number, number>): TextPart[] {
  const slice = (start: number, end: number): TextPart['pieces'] => {
    // The chosen words' ranges moved into this stretch and cut to it: markedPieces works on the stretch alone.
    const local = ranges.map((range): [number, number] | null => {
      if (!range || range[1] <= start || range[0] >= end) return null;
      return [Math.max(range[0], start) - start, Math.min(range[1], end) - start];
    });
    return markedPieces(text.slice(start, end), local, chosen);
  };
  const spans = [...doubts.keys()]
    .map((index) => [index, ranges[index]] as const)
    .filter((span): span is readonly [number, [number, number]] => span[1] !== null && span[1] !== undefined)
    .sort((a, b) => a[1][0] - b[1][0]);
  const parts: TextPart[] = [];
  let cursor = 0;
  for (const [index, [start, end]] of spans) {
    // Lines never overlap in the text (each is found after the last); a range that did is left unmarked.
    if (start < cursor) continue;
    if (start > cursor) parts.push({ doubt: null, pieces: slice(cursor, start) });
    parts.push({ doubt: index, pieces: slice(start, end) });
    cursor = end;
  }
  if (cursor < text.length) parts.push({ doubt: null, pieces: slice(cursor, text.length) });
  return parts;
}

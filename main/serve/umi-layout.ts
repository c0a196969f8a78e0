/**
 * A reading as Umi-OCR's result data (docs/http/api_ocr.md, "data 格式"): a list of text blocks, each
 * {text, score, box, end}, with `box` its four corners clockwise from top left in the original image's pixels and
 * `end` what follows it (nothing, a space, a line break) as the layout decides; and as text, the blocks joined as
 * Umi's getDataText joins them (UmiOCR-data/py_src/ocr/output/tools.py: each text and its end, the last end left off).
 *
 * The text is Readout's own line mode (umi-options.ts PARSER_MODE through main/text/line-modes.ts), and the blocks
 * are read off it: each line's text found in order in the shaped text, and what lies between two lines becomes the
 * first's end (indentation at a line's start goes to that line's text, as Umi's single_code keeps it), so the dict
 * and the text format say the same thing. Where the shaped text no longer holds a line as it was read (a hyphen a
 * paragraph joined away), the blocks end in line breaks instead and the text format still gives the shaped text.
 */
import type { Word } from '../ocr/words.ts';
import { readingBlocks } from '../ocr/reading-order.ts';
import { shapePlainText, shapeText } from '../text/line-modes.ts';
import { PARSER_MODE, type IgnoreArea, type UmiOptions } from './umi-options.ts';

export interface UmiBlock {
  text: string;
  score: number;
  box: number[][];
  end: string;
}

/** What a reading gives the layout: the `readout --json` fields it uses. */
export interface ReadText {
  text: string;
  words: Word[] | null;
  confidence: number | null;
  width: number;
  height: number;
}

/** Whether a line lies wholly inside an area (Umi leaves out "the whole text block inside an ignore area"). */
export function inside(box: readonly number[][], [[x1, y1], [x2, y2]]: IgnoreArea): boolean {
  const [left, right] = [Math.min(x1, x2), Math.max(x1, x2)];
  const [top, bottom] = [Math.min(y1, y2), Math.max(y1, y2)];
  return box.every(([x = 0, y = 0]) => x >= left && x <= right && y >= top && y <= bottom);
}

const corners = (box: readonly number[][]): number[][] => box.map(([x = 0, y = 0]) => [Math.round(x), Math.round(y)]);

/** The blocks and the text of a reading, shaped as `options` ask. */
export function umiLayout(read: ReadText, options: Pick<UmiOptions, 'parser' | 'ignoreArea'>): { blocks: UmiBlock[]; text: string } {
  const mode = PARSER_MODE[options.parser];
  const placed = read.words && read.words.length > 0 ? read.words.filter((word) => word.text.trim() !== '' && !options.ignoreArea.some((area) => inside(word.box, area))) : null;
  const score = (word?: Word): number => word?.confidence ?? read.confidence ?? 1;

  if (placed === null) {
    // Text without places (Qwen): each line of the shaped text a block over the whole image; nothing to ignore by place.
    const text = mode ? shapePlainText(read.text, mode) : read.text;
    const whole = [[0, 0], [read.width, 0], [read.width, read.height], [0, read.height]];
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    return { blocks: lines.map((line) => ({ text: line, score: score(), box: whole, end: '\n' })), text: lines.join('\n') };
  }
  if (placed.length === 0) return { blocks: [], text: '' };
  if (mode === null) {
    const blocks = placed.map((word) => ({ text: word.text, score: score(word), box: corners(word.box), end: '\n' }));
    return { blocks, text: placed.map((word) => word.text).join('\n') };
  }
  const text = shapeText({ text: placed.map((word) => word.text).join('\n'), editedText: null, words: placed }, mode);
  const ordered = readingBlocks(placed).flat(2);
  return { blocks: alongText(ordered, text, score) ?? ordered.map((word) => ({ text: word.text, score: score(word), box: corners(word.box), end: '\n' })), text };
}

/** The lines found in order in `text`, each ending in what follows it there; null when one is not found. */
function alongText(lines: readonly Word[], text: string, score: (word: Word) => number): UmiBlock[] | null {
  const blocks: UmiBlock[] = [];
  let cursor = 0;
  let lead = '';
  for (const line of lines) {
    const at = text.indexOf(line.text, cursor);
    if (at < 0) return null;
    const between = text.slice(cursor, at);
    // Only spacing may lie between two lines: anything else means the text was shaped past them.
    if (/\S/u.test(between)) return null;
    if (blocks.length === 0) lead = between;
    else {
      // A line break and what follows it: the break ends the line before, the indentation starts this one.
      const lastBreak = between.lastIndexOf('\n');
      blocks.at(-1)!.end = lastBreak < 0 ? between : between.slice(0, lastBreak + 1);
      lead = lastBreak < 0 ? '' : between.slice(lastBreak + 1);
    }
    blocks.push({ text: lead + line.text, score: score(line), box: corners(line.box), end: '\n' });
    cursor = at + line.text.length;
  }
  return /\S/u.test(text.slice(cursor)) ? null : blocks;
}

/** Umi-OCR's getDataText: each block's text and its end, the last end left off. */
export const dataText = (blocks: readonly UmiBlock[]): string => blocks.map((block, i) => block.text + (i < blocks.length - 1 ? block.end : '')).join('');

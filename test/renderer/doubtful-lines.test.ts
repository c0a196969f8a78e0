/** Which of the offline engine's lines the window marks as doubtful, and the text cut so it can mark them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOUBTFUL_BELOW, type WordView } from '../../preload/api.ts';
import { doubtfulLines, textParts } from '../../renderer/src/doubtful-lines.ts';
import { wordRanges } from '../../renderer/src/word-selection.ts';

const line = (text: string, confidence: number | null): WordView => ({ text, box: [[0, 0], [1, 0], [1, 1], [0, 1]], confidence });
const offline = { engine: 'local', status: 'done' } as const;

describe('doubtfulLines', () => {
  const words = [line('Settings saved', 0.97), line('Dovvnload', 0.42), line('Total', DOUBTFUL_BELOW), line('Tota1', 0.31)];
  const text = 'Settings saved\nDovvnload\nTotal\tTota1';

  it('takes the offline lines scored below DOUBTFUL_BELOW, with their confidence', () => {
    expect([...doubtfulLines(offline, words, wordRanges(text, words))]).toEqual([[1, 0.42], [3, 0.31]]);
  });

  it('marks nothing for another engine, a reading not finished, or a line without a score', () => {
    expect(doubtfulLines({ engine: 'qwen', status: 'done' }, words, wordRanges(text, words)).size).toBe(0);
    expect(doubtfulLines({ engine: 'local', status: 'pending' }, words, wordRanges(text, words)).size).toBe(0);
    expect(doubtfulLines(offline, [line('x', null)], [[0, 1]]).size).toBe(0);
  });

  it('leaves out a line the user edited away', () => {
    const edited = 'Settings saved\nDownload\nTotal\tTota1';
    expect([...doubtfulLines(offline, words, wordRanges(edited, words)).keys()]).toEqual([3]);
  });
});

describe('textParts', () => {
  const words = [line('one', 0.9), line('two', 0.2), line('three', 0.9), line('four', 0.1)];
  const text = 'one two\nthree\tfour';
  const ranges = wordRanges(text, words);
  const doubts = doubtfulLines(offline, words, ranges);

  it('gives each doubtful line a part of its own, the text between in plain parts', () => {
    const parts = textParts(text, ranges, new Set(), doubts);
    expect(parts.map((part) => [part.doubt, part.pieces.map((p) => p.text).join('')])).toEqual([[null, 'one '], [1, 'two'], [null, '\nthree\t'], [3, 'four']]);
  });

  it('marks the chosen words inside and across the parts', () => {
    const parts = textParts(text, ranges, new Set([1, 2]), doubts);
    expect(parts.map((part) => part.pieces)).toEqual([
      [{ text: 'one ', marked: false }],
      [{ text: 'two', marked: true }],
      [{ text: '\n', marked: false }, { text: 'three', marked: true }, { text: '\t', marked: false }],
      [{ text: 'four', marked: false }],
    ]);
  });

  it('always gives back the whole text, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 12 }), fc.array(fc.nat(12)), (lines, chosen) => {
        const all = lines.map(([t, c]) => line(t, c));
        const shown = lines.map(([t]) => t).join('\n');
        const at = wordRanges(shown, all);
        const parts = textParts(shown, at, new Set(chosen), doubtfulLines(offline, all, at));
        expect(parts.flatMap((part) => part.pieces.map((p) => p.text)).join('')).toBe(shown);
      }),
    );
  });
});

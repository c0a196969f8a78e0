/** Which words a selection takes, the text they make, and where each sits in the entry's text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WordView } from '../../preload/api.ts';
import { joinWords, markedPieces, runBetween, wordRanges, wordsInRange } from '../../renderer/src/word-selection.ts';

const box = (x: number, y: number, w = 40, h = 10): number[][] => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
const word = (text: string, x: number, y: number): WordView => ({ text, box: box(x, y), confidence: null });

describe('joinWords', () => {
  it('joins a row with spaces, rows with line breaks, CJK without spaces, in reading order whatever the pick order', () => {
    const words = [word('Total', 0, 0), word('¥516.00', 50, 1), word('合计', 0, 20), word('金额', 45, 20), word('end', 0, 40)];
    expect(joinWords(words, [4, 0, 1, 2, 3])).toBe('Total ¥516.00\n合计金额\nend');
    expect(joinWords(words, [1])).toBe('¥516.00');
    expect(joinWords(words, [])).toBe('');
    expect(joinWords(words, [9, -1])).toBe('');
  });
});

describe('runBetween', () => {
  it('is every index from one end to the other, whichever way the drag went', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), (a, b) => {
        const run = runBetween(a, b);
        expect(run).toEqual(runBetween(b, a));
        expect(run[0]).toBe(Math.min(a, b));
        expect(run.at(-1)).toBe(Math.max(a, b));
        expect(run.length).toBe(Math.abs(a - b) + 1);
      }),
    );
  });
});

describe('wordRanges and markedPieces', () => {
  it('finds each word in the text in order, and the marked pieces put the text back together', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }), fc.array(fc.boolean(), { maxLength: 12 }), (texts, picks) => {
        const words = texts.map((text, i) => word(text, 0, i * 20));
        const text = texts.join('\n');
        const ranges = wordRanges(text, words);
        ranges.forEach((range, i) => {
          expect(range).not.toBeNull();
          expect(text.slice(range![0], range![1])).toBe(texts[i]);
        });
        const chosen = new Set(picks.flatMap((pick, i) => (pick && i < texts.length ? [i] : [])));
        const pieces = markedPieces(text, ranges, chosen);
        expect(pieces.map((piece) => piece.text).join('')).toBe(text);
        for (const index of chosen) expect(wordsInRange(ranges, ranges[index]![0], ranges[index]![1])).toContain(index);
      }),
    );
  });

  it('gives no place to a word an edit took out of the text', () => {
    const words = [word('alpha', 0, 0), word('beta', 0, 20), word('gamma', 0, 40)];
    expect(wordRanges('alpha\ngamma', words)).toEqual([[0, 5], null, [6, 11]]);
  });
});

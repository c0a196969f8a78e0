/**
 * No NaN or Infinity reaches a PDF (bad-input review 2, L2), as properties over any numbers a history can hold:
 * a word's run is left out or lies on the page, every number finite; a PDF number is decimal, never an exponent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { real } from '../../../main/pdf/pdf-writer.ts';
import { textRuns, wordRun } from '../../../main/pdf/text-runs.ts';

const anyNumber = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, 0, -0));
const anyBox = fc.oneof(
  fc.array(fc.tuple(anyNumber, anyNumber), { minLength: 4, maxLength: 4 }),
  fc.anything(),
);

describe('text runs', () => {
  it('are left out or lie on the page, every number finite, whatever the box', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), anyBox, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 14_400, noNaN: true }), (text, box, scale, height) => {
        const run = wordRun({ text, box }, { scale, width: 595, height });
        if (!run) return;
        for (const value of [run.x, run.baseline, run.size, run.stretch]) expect(Number.isFinite(value)).toBe(true);
        expect(run.x).toBeGreaterThanOrEqual(0);
        expect(run.x).toBeLessThanOrEqual(595);
        expect(run.size).toBeGreaterThanOrEqual(1);
        expect(() => [run.x, run.baseline, run.size, run.stretch].map(real)).not.toThrow();
      }),
    );
  });

  it('lay a page’s lines down it when it has no words, however many', () => {
    const runs = [...textRuns(Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n'), null, { scale: 1, width: 595, height: 842 })];
    expect(runs).toHaveLength(100_000);
    expect(runs.every((run) => [run.x, run.baseline, run.size, run.stretch].every(Number.isFinite))).toBe(true);
  });
});

describe('PDF numbers', () => {
  it('are decimal with at most three places, and read back within half a thousandth', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => {
        const written = real(value);
        expect(written).toMatch(/^-?\d+(\.\d{1,3})?$/);
        expect(Math.abs(Number(written) - value)).toBeLessThanOrEqual(0.0005 + Math.abs(value) * 1e-15);
      }),
    );
  });

  it('refuse what PDF has no form for', () => {
    for (const value of [Number.NaN, Infinity, -Infinity, 1e308]) expect(() => real(value)).toThrow(RangeError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphabetFrom, ctcDecode } from '../../../../main/ocr/ppocr/ctc.ts';

/** One-hot-ish probabilities: `p` on the class given for each step, the rest shared out. */
function steps(classes: number, path: number[], p = 0.9): Float32Array {
  const out = new Float32Array(path.length * classes).fill((1 - p) / (classes - 1));
  path.forEach((c, t) => (out[t * classes + c] = p));
  return out;
}

describe('ctcDecode', () => {
  const alphabet = alphabetFrom('a\nb\nc\n');

  it('folds repeats, drops blanks, and keeps a letter repeated across a blank', () => {
    // blank a a blank a b b space c  ->  "aab c"
    expect(ctcDecode(steps(5, [0, 1, 1, 0, 1, 2, 2, 4, 3]), 0, 9, 5, alphabet)).toEqual({ text: 'aab c', confidence: expect.closeTo(0.9, 5), least: expect.closeTo(0.9, 5) });
  });

  it('finds the least sure step among all of them, blanks too', () => {
    const probs = steps(5, [1, 0, 2, 0]);
    // The blank between a and b won with 0.4 only: where a letter may have been dropped.
    probs.set([0.4, 0.3, 0.1, 0.1, 0.1], 5);
    expect(ctcDecode(probs, 0, 4, 5, alphabet)).toEqual({ text: 'ab', confidence: expect.closeTo(0.9, 5), least: expect.closeTo(0.4, 5) });
  });

  it('reads one line of a batch at its offset', () => {
    const batch = new Float32Array([...steps(5, [1, 0, 2]), ...steps(5, [3, 3, 0])]);
    expect(ctcDecode(batch, 15, 3, 5, alphabet).text).toBe('c');
  });

  it('gives confidence 0 and no text for blanks only', () => {
    expect(ctcDecode(steps(5, [0, 0, 0]), 0, 3, 5, alphabet)).toEqual({ text: '', confidence: 0, least: expect.closeTo(0.9, 5) });
  });

  it('appends the space use_space_char trained the model with, and takes CRLF dictionaries', () => {
    expect(alphabetFrom('x\r\ny\r\n')).toEqual(['x', 'y', ' ']);
  });

  it('never yields more characters than steps, nor a confidence outside 0..1', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 }), (path) => {
        const { text, confidence } = ctcDecode(steps(5, path), 0, path.length, 5, alphabet);
        expect(text.length).toBeLessThanOrEqual(path.length);
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
      }),
    );
  });
});

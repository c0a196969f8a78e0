/** The picture's geometry (renderer/src/image-view.ts): the fit scale and the boxes a band takes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WordView } from '../../preload/api.ts';
import { MAX_FIT, fitScale, imageShape, wordsInBand } from '../../renderer/src/image-view.ts';

const size = fc.record({ width: fc.integer({ min: 1, max: 10_000 }), height: fc.integer({ min: 1, max: 10_000 }) });
const rectWord = (x: number, y: number, w: number, h: number): WordView => ({ text: `${x},${y}`, box: [[x, y], [x + w, y], [x + w, y + h], [x, y + h]], confidence: null });
const word = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 60 })).map(([x, y, w, h]) => rectWord(x, y, w, h));
const band = fc.record({ x0: fc.integer({ min: -50, max: 1300 }), y0: fc.integer({ min: -50, max: 1300 }), x1: fc.integer({ min: -50, max: 1300 }), y1: fc.integer({ min: -50, max: 1300 }) });

describe('fitScale', () => {
  it('shows the whole image in the view, as large as it can without passing its own pixels', () => {
    fc.assert(
      fc.property(size, size, (view, image) => {
        const scale = fitScale(view, image);
        expect(scale).toBeLessThanOrEqual(MAX_FIT);
        expect(image.width * scale).toBeLessThanOrEqual(view.width + 1e-9);
        expect(image.height * scale).toBeLessThanOrEqual(view.height + 1e-9);
        // One side touches the view's, or the image is at its own size.
        const touches = Math.abs(image.width * scale - view.width) < 1e-6 || Math.abs(image.height * scale - view.height) < 1e-6;
        expect(touches || scale === MAX_FIT).toBe(true);
      }),
    );
  });

  it('a tall page fits the height, a small capture stays at 100%, and a view with no size yet gives 1', () => {
    expect(fitScale({ width: 500, height: 600 }, { width: 600, height: 1000 })).toBeCloseTo(0.6);
    expect(fitScale({ width: 800, height: 600 }, { width: 420, height: 160 })).toBe(1);
    expect(fitScale({ width: 0, height: 600 }, { width: 420, height: 160 })).toBe(1);
  });
});

describe('wordsInBand', () => {
  it('takes exactly the boxes whose rectangle the band touches, in reading order, whichever way it was drawn', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), band, (words, drawn) => {
        const taken = wordsInBand(words, drawn);
        const reversed = wordsInBand(words, { x0: drawn.x1, y0: drawn.y1, x1: drawn.x0, y1: drawn.y0 });
        expect(reversed).toEqual(taken);
        expect([...taken].sort((a, b) => a - b)).toEqual(taken);
        const [left, right] = [Math.min(drawn.x0, drawn.x1), Math.max(drawn.x0, drawn.x1)];
        const [top, bottom] = [Math.min(drawn.y0, drawn.y1), Math.max(drawn.y0, drawn.y1)];
        words.forEach((w, index) => {
          const [[x0 = 0, y0 = 0] = [], , [x1 = 0, y1 = 0] = []] = w.box;
          const touches = x0 <= right && x1 >= left && y0 <= bottom && y1 >= top;
          expect(taken.includes(index)).toBe(touches);
        });
      }),
    );
  });

  it('a band that grows never lets a box go', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), band, fc.nat(100), (words, drawn, more) => {
        const inner = wordsInBand(words, drawn);
        const outer = wordsInBand(words, { x0: Math.min(drawn.x0, drawn.x1) - more, y0: Math.min(drawn.y0, drawn.y1) - more, x1: Math.max(drawn.x0, drawn.x1) + more, y1: Math.max(drawn.y0, drawn.y1) + more });
        for (const index of inner) expect(outer).toContain(index);
      }),
    );
  });
});

describe('imageShape', () => {
  it('calls a picture landscape when it is clearly wider than tall', () => {
    expect(imageShape(900, 400)).toBe('landscape');
    expect(imageShape(600, 1000)).toBe('portrait');
    expect(imageShape(100, 100)).toBe('portrait');
  });
});

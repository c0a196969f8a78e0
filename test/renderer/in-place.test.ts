/** The in-place translation's pure parts (renderer/src/in-place.ts): box rectangles, border colour, ink and font fit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLACK, MIN_FONT, WHITE, borderColour, boxRect, contrastRatio, fitFontSize, inkFor, median, type Measure } from '../../renderer/src/in-place.ts';

const channel = fc.integer({ min: 0, max: 255 });
const colour = fc.record({ r: channel, g: channel, b: channel });
const point = fc.tuple(fc.integer({ min: -100, max: 4000 }), fc.integer({ min: -100, max: 4000 }));

describe('boxRect', () => {
  it('holds every corner, and touches the outermost on each side', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 4, maxLength: 4 }), (box) => {
        const rect = boxRect(box);
        expect(rect.width).toBeGreaterThanOrEqual(0);
        expect(rect.height).toBeGreaterThanOrEqual(0);
        for (const [x, y] of box) {
          expect(x).toBeGreaterThanOrEqual(rect.left);
          expect(x).toBeLessThanOrEqual(rect.left + rect.width);
          expect(y).toBeGreaterThanOrEqual(rect.top);
          expect(y).toBeLessThanOrEqual(rect.top + rect.height);
        }
        expect(box.some(([x]) => x === rect.left)).toBe(true);
        expect(box.some(([, y]) => y === rect.top + rect.height)).toBe(true);
      }),
    );
  });

  it('an empty or broken box is an empty rectangle, not NaN', () => {
    expect(boxRect([])).toEqual({ left: 0, top: 0, width: 0, height: 0 });
    expect(boxRect([[Number.NaN, 3]])).toEqual({ left: 0, top: 0, width: 0, height: 0 });
  });
});

describe('median', () => {
  it('has as many values at or below it as at or above it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 50 }), (values) => {
        const m = median(values);
        expect(values).toContain(m);
        expect(values.filter((v) => v <= m).length * 2).toBeGreaterThanOrEqual(values.length);
        expect(values.filter((v) => v >= m).length * 2).toBeGreaterThanOrEqual(values.length);
      }),
    );
  });
});

/** An RGBA image of one colour, with other-coloured "ink" inside a rectangle and a few stray ink pixels on the ring. */
function page(width: number, height: number, paper: { r: number; g: number; b: number }, ink: { r: number; g: number; b: number }, inked: (x: number, y: number) => boolean): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const c = inked(x, y) ? ink : paper;
      data.set([c.r, c.g, c.b, 255], (y * width + x) * 4);
    }
  return data;
}

describe('borderColour', () => {
  it('is the paper around the box whatever the ink inside it, even with a stroke or two crossing the ring', () => {
    fc.assert(
      fc.property(colour, colour, fc.integer({ min: 4, max: 30 }), fc.integer({ min: 4, max: 20 }), fc.integer({ min: 0, max: 3 }), (paper, ink, w, h, strays) => {
        const rect = { left: 5, top: 5, width: w, height: h };
        const inside = (x: number, y: number): boolean => x >= 5 && x < 5 + w && y >= 5 && y < 5 + h;
        // A few stray pixels of ink on the ring's top row: fewer than half of its pixels.
        const stray = (x: number, y: number): boolean => y === 3 && x >= 3 && x < 3 + strays;
        const data = page(w + 10, h + 10, paper, ink, (x, y) => inside(x, y) || stray(x, y));
        expect(borderColour(data, w + 10, h + 10, rect)).toEqual(paper);
      }),
    );
  });

  it('a box at the image edge samples what of the ring there is', () => {
    const data = page(10, 10, { r: 200, g: 10, b: 30 }, BLACK, (x, y) => x < 6 && y < 4);
    expect(borderColour(data, 10, 10, { left: 0, top: 0, width: 6, height: 4 })).toEqual({ r: 200, g: 10, b: 30 });
  });
});

describe('inkFor', () => {
  it('black or white, reading at least 4.5:1 on any background, the better of the two', () => {
    fc.assert(
      fc.property(colour, (background) => {
        const ink = inkFor(background);
        expect([BLACK, WHITE]).toContainEqual(ink);
        expect(contrastRatio(background, ink)).toBeGreaterThanOrEqual(4.5);
        const other = ink === BLACK ? WHITE : BLACK;
        expect(contrastRatio(background, ink)).toBeGreaterThanOrEqual(contrastRatio(background, other));
      }),
    );
    expect(inkFor({ r: 255, g: 255, b: 255 })).toBe(BLACK);
    expect(inkFor({ r: 20, g: 24, b: 30 })).toBe(WHITE);
  });
});

/** A measure like a font's: each character an advance (wide for CJK), the line 1.2 times the size, plus a rounding wobble. */
const fontLike =
  (wobble: number): Measure =>
  (text, size) => {
    const advance = [...text].reduce((sum, ch) => sum + (/[\u3000-\u9fff\uac00-\ud7af]/.test(ch) ? 1 : 0.55), 0);
    return { width: advance * size + (size > 10 ? wobble : 0), height: size * 1.2 };
  };
const line = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('你好，世界', '翻訳されたテキスト', '안녕하세요', 'Hello, world', 'Total: 42.00 €'));

describe('fitFontSize', () => {
  it('fits the line inside its box, and a size a little larger would not (or it is the floor)', () => {
    fc.assert(
      fc.property(line, fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 3, noNaN: true }), (text, width, height, wobble) => {
        const measure = fontLike(wobble);
        const size = fitFontSize(text, { width, height }, measure);
        expect(Number.isFinite(size)).toBe(true);
        expect(size).toBeGreaterThanOrEqual(MIN_FONT);
        if (size === MIN_FONT) return;
        const at = measure(text, size);
        expect(at.width).toBeLessThanOrEqual(width);
        expect(at.height).toBeLessThanOrEqual(height);
        const larger = measure(text, size + 0.02);
        expect(larger.width > width || larger.height > height).toBe(true);
      }),
    );
  });

  it('a short line in a tall box is set by the height, a long one by the width; Chinese takes more room than Latin', () => {
    const measure = fontLike(0);
    expect(fitFontSize('Hi', { width: 1000, height: 24 }, measure)).toBeCloseTo(20, 1);
    expect(fitFontSize('a'.repeat(100), { width: 110, height: 24 }, measure)).toBe(MIN_FONT);
    expect(fitFontSize('a'.repeat(100), { width: 1100, height: 40 }, measure)).toBeCloseTo(20, 1);
    expect(fitFontSize('你好世界', { width: 80, height: 100 }, measure)).toBeCloseTo(20, 1);
    expect(fitFontSize('abcd', { width: 80, height: 100 }, measure)).toBeGreaterThan(fitFontSize('你好世界', { width: 80, height: 100 }, measure));
  });
});

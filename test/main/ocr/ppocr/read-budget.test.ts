/**
 * The recognizer's columns (ppocr/pipeline.ts, readableLines): whatever the boxes, what is read fits the columns,
 * read and unread add up to what was found, the order found is kept, and a set that fits is read whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readableLines } from '../../../../main/ocr/ppocr/pipeline.ts';

const box = fc.record({
  x: fc.integer({ min: 0, max: 4000 }),
  y: fc.integer({ min: 0, max: 4000 }),
  width: fc.integer({ min: 1, max: 4000 }),
  height: fc.integer({ min: 1, max: 400 }),
  score: fc.double({ min: 0.6, max: 1, noNaN: true }),
});

/** The columns as the recognizer pays them, turned lines aside (none here are upright past 1.5 and 2.5 glyphs). */
const columns = (b: { width: number; height: number }): number => Math.max(320, Math.ceil((48 * Math.max(b.width, b.height)) / Math.min(b.width, b.height)));

describe('readableLines', () => {
  it('reads within the columns, counts the rest, keeps the found order, reads all when all fit', () => {
    fc.assert(
      fc.property(fc.array(box, { maxLength: 60 }), fc.integer({ min: 0, max: 200_000 }), (boxes, budget) => {
        const wide = boxes.map((b) => ({ ...b, height: Math.min(b.height, b.width) }));
        const { read, unread } = readableLines(wide, budget);
        expect(read.length + unread).toBe(wide.length);
        expect(read).toEqual(wide.filter((b) => read.includes(b)));
        const total = wide.reduce((sum, b) => sum + columns(b), 0);
        if (total <= budget) expect(unread).toBe(0);
        else expect(read.reduce((sum, b) => sum + columns(b), 0)).toBeLessThanOrEqual(budget);
      }),
    );
  });

  it('reads the lines the detector is surest of first', () => {
    const line = (score: number) => ({ x: 0, y: 0, width: 240, height: 48, score });
    const [sure, unsure] = [line(0.95), line(0.7)];
    expect(readableLines([unsure, sure], 320)).toEqual({ read: [sure], unread: 1 });
  });
});

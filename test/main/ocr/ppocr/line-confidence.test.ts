/** A line's confidence (issue 21): calibrated so that a line read wrong scores low, on the small-UI corpus read small. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOUBTFUL_BELOW, lineConfidence } from '../../../../main/ocr/ppocr/line-confidence.ts';
import { launchChromium } from '../../../support/chromium.ts';
import { judgeLines, readRight, separation, type JudgedLine } from '../../../support/line-truth.ts';
import { renderSmallUi } from '../../../support/small-ui.ts';

describe('lineConfidence', () => {
  const probability = fc.double({ min: 0, max: 1, noNaN: true });
  it('is a probability, and nothing read is not sure at all', () => {
    fc.assert(fc.property(probability, probability, fc.integer({ min: 0, max: 400 }), (mean, least, characters) => {
      const value = lineConfidence({ mean, least, characters });
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      if (characters === 0) expect(value).toBe(0);
    }));
  });

  it('rises with the characters’ mean and the least sure step, and falls with the length (more to get wrong)', () => {
    fc.assert(fc.property(probability, probability, probability, fc.integer({ min: 1, max: 200 }), (a, b, least, characters) => {
      const [low, high] = a <= b ? [a, b] : [b, a];
      expect(lineConfidence({ mean: high, least, characters })).toBeGreaterThanOrEqual(lineConfidence({ mean: low, least, characters }) - 1e-12);
      expect(lineConfidence({ mean: least, least: high, characters })).toBeGreaterThanOrEqual(lineConfidence({ mean: least, least: low, characters }) - 1e-12);
      expect(lineConfidence({ mean: a, least: b, characters: characters + 1 })).toBeLessThanOrEqual(lineConfidence({ mean: a, least: b, characters }) + 1e-12);
    }));
  });

  it('falls where a long line yielded few characters: two marks from a Japanese line the Chinese model read', () => {
    const sure = { mean: 0.998, least: 0.97 };
    expect(lineConfidence({ ...sure, characters: 2, lengthInHeights: 30 })).toBeLessThan(DOUBTFUL_BELOW / 2);
    expect(lineConfidence({ ...sure, characters: 40, lengthInHeights: 30 })).toBe(lineConfidence({ ...sure, characters: 40 }));
  });
});

describe('a line read wrong scores low', () => {
  let judged: JudgedLine[] = [];
  beforeAll(async () => {
    const browser = await launchChromium();
    const images = await renderSmallUi(browser).finally(() => browser.close());
    // At their size and shrunk to 60% (6 to 8 px text): enough lines read wrong to tell.
    judged = await judgeLines(images, [1, 0.6]);
  }, 300_000);

  it('judges lines by the page: whole in a line or a cell, spaces too', () => {
    expect(readRight('Qty: 12', 'Order: A\nQty: 12')).toBe(true);
    expect(readRight('Paper A4', 'Item\tQty\nPaper A4\t12')).toBe(true);
    expect(readRight('Qty:12', 'Qty: 12')).toBe(false);
    expect(readRight('ty: 12', 'Qty: 12')).toBe(true);
  });

  it('says how likely a line is right: as many lines are right as it promises, and wrong ones score low', () => {
    const wrong = judged.filter((j) => !j.right);
    const right = judged.filter((j) => j.right);
    expect(wrong.length).toBeGreaterThanOrEqual(15);
    expect(right.length).toBeGreaterThanOrEqual(15);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    process.stdout.write(`lines ${judged.length}, wrong ${wrong.length}; mean confidence ${mean(judged.map((j) => j.line.confidence!)).toFixed(3)}, right ${(right.length / judged.length).toFixed(3)}; wrong ${mean(wrong.map((j) => j.line.confidence!)).toFixed(3)} (mean ${mean(wrong.map((j) => j.line.mean)).toFixed(3)}), right ${mean(right.map((j) => j.line.confidence!)).toFixed(3)} (mean ${mean(right.map((j) => j.line.mean)).toFixed(3)}); separation ${separation(judged, (l) => l.confidence!).toFixed(3)} (mean ${separation(judged, (l) => l.mean).toFixed(3)})\n`);
    // Calibrated: the share of lines read right is what the confidence says, within a tenth.
    expect(Math.abs(mean(judged.map((j) => j.line.confidence!)) - right.length / judged.length)).toBeLessThan(0.1);
    // A wrong line scores well under a right one, where the characters' mean put both near 1.
    expect(mean(right.map((j) => j.line.confidence!)) - mean(wrong.map((j) => j.line.confidence!))).toBeGreaterThan(0.3);
    expect(separation(judged, (line) => line.confidence!)).toBeGreaterThan(0.8);
  });

  it('marks most lines read wrong as doubtful, and few read right', () => {
    const doubtful = (j: JudgedLine) => j.line.confidence! < DOUBTFUL_BELOW;
    const wrong = judged.filter((j) => !j.right);
    const right = judged.filter((j) => j.right);
    expect(wrong.filter(doubtful).length / wrong.length).toBeGreaterThanOrEqual(0.5);
    expect(right.filter(doubtful).length / right.length).toBeLessThanOrEqual(0.15);
  });
});

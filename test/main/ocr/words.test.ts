import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalEngine } from '../../../main/ocr/local.ts';
import { parseWords, toOriginalPixels, type Word } from '../../../main/ocr/words.ts';
import { recognizeImage } from '../../../main/recognize.ts';
import { fixture } from '../../support/paths.ts';

const engine = new LocalEngine();
afterAll(() => engine.close());

function iou(a: number[][], b: number[][]): number {
  const box = (p: number[][]) => ({ x0: Math.min(...p.map((q) => q[0]!)), y0: Math.min(...p.map((q) => q[1]!)), x1: Math.max(...p.map((q) => q[0]!)), y1: Math.max(...p.map((q) => q[1]!)) });
  const [s, t] = [box(a), box(b)];
  const w = Math.max(0, Math.min(s.x1, t.x1) - Math.max(s.x0, t.x0));
  const h = Math.max(0, Math.min(s.y1, t.y1) - Math.max(s.y0, t.y0));
  const area = (r: typeof s) => (r.x1 - r.x0) * (r.y1 - r.y0);
  return (w * h) / (area(s) + area(t) - w * h);
}

async function wordsOf(png: Buffer): Promise<Word[]> {
  const outcome = await recognizeImage(png, 'x.png', { engine, prompt: '', source: { kind: 'file', path: '/tmp/x.png', name: 'x.png' } });
  if (!outcome.ok) throw outcome.error;
  return outcome.result.words!;
}

describe('words from the offline engine', () => {
  it("come in reading order, in the original image's pixels, even when the engine was sent a smaller copy", async () => {
    const png = await readFile(fixture('text/en-zh.png'));
    const small = await wordsOf(png);
    expect(small.map((w) => w.text)).toEqual(['Readout reads text 2026', '离线识别中文和英文']);
    // Twelve times larger than the engine takes (8.3 megapixels): it reads a copy, the boxes must land on the original.
    const { width, height } = await sharp(png).metadata();
    const big = await sharp(png).resize(width * 12, height * 12, { kernel: 'nearest' }).png().toBuffer();
    const large = await wordsOf(big);
    expect(large.map((w) => w.text)).toEqual(small.map((w) => w.text));
    large.forEach((word, i) => {
      expect(iou(word.box, small[i]!.box.map(([x, y]) => [x! * 12, y! * 12]))).toBeGreaterThan(0.8);
      for (const [x, y] of word.box) {
        expect(x).toBeLessThanOrEqual(width * 12);
        expect(y).toBeLessThanOrEqual(height * 12);
      }
    });
  });
});

describe('toOriginalPixels', () => {
  it('scales each corner by original / sent on its axis and keeps it inside the original', () => {
    const size = fc.record({ width: fc.integer({ min: 1, max: 8000 }), height: fc.integer({ min: 1, max: 8000 }) });
    fc.assert(
      fc.property(size, size, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 4, maxLength: 4 }), (sent, original, corners) => {
        const word: Word = { text: 'w', confidence: null, box: corners.map(([u, v]) => [u * sent.width, v * sent.height]) };
        const [mapped] = toOriginalPixels([word], sent, original);
        mapped!.box.forEach(([x, y], i) => {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(original.width);
          expect(Math.abs(x! - corners[i]![0] * original.width)).toBeLessThanOrEqual(0.051);
          expect(Math.abs(y! - corners[i]![1] * original.height)).toBeLessThanOrEqual(0.051);
        });
      }),
    );
  });
});

describe('parseWords', () => {
  it('reads back what was written and nothing of another shape', () => {
    const words: Word[] = [{ text: 'a', box: [[0, 0], [1, 0], [1, 1], [0, 1]], confidence: 0.5 }];
    expect(parseWords(JSON.stringify(words))).toEqual(words);
    for (const junk of ['{', '{}', '[{"text":"a","box":[[0,0]],"confidence":1}]', '[{"text":"a","box":[[0,0],[1,0],[1,1],[0,"x"]],"confidence":null}]', null]) {
      expect(parseWords(junk)).toBeNull();
    }
  });
});

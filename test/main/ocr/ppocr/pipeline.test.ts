import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelFiles } from '../../../../main/ocr/model-files.ts';
import { PpOcr, readingConfidence } from '../../../../main/ocr/ppocr/pipeline.ts';
import { launchChromium } from '../../../support/chromium.ts';
import { fixture } from '../../../support/paths.ts';

let ocr: PpOcr;
beforeAll(async () => {
  // The models the app reads with: folded by the build (npm test builds first), the shipped ones before a build.
  const models = modelFiles();
  ocr = await PpOcr.create({ InferenceSession, Tensor }, {
    detection: models.detectionPath,
    recognition: models.recognitionPath,
    dictionary: readFileSync(models.dictionaryPath, 'utf8'),
  });
});

async function read(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { ...(await ocr.read({ data, width: info.width, height: info.height })), width: info.width, height: info.height };
}

describe('PpOcr (the PP-OCRv4 models through our pipeline)', () => {
  it('reads English with its spaces and Chinese, each line with its box in the image', async () => {
    const { lines, width, height, confidence } = await read(readFileSync(fixture('text/en-zh.png')));
    expect(lines.map((l) => l.text)).toEqual(['Readout reads text 2026', '离线识别中文和英文']);
    expect(confidence).toBeGreaterThan(0.9);
    for (const line of lines) {
      expect(line.mean).toBeGreaterThan(0.8);
      for (const [x, y] of line.box) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(height);
      }
    }
    expect(lines[0]!.box[2]![1]).toBeLessThanOrEqual(lines[1]!.box[0]![1]! + 4);
  });

  it('reads a line that runs top to bottom by turning it', async () => {
    const png = readFileSync(fixture('text/en-zh.png'));
    const [first] = (await read(png)).lines;
    const [[x0, y0], , [x1, y1]] = first!.box as [number[], number[], number[]];
    // The box sits on the glyphs; the crop keeps the line's own margin around them, as a page would.
    const m = Math.ceil((y1! - y0!) * 0.3);
    const line = await sharp(png).extract({ left: Math.max(0, Math.floor(x0!) - m), top: Math.max(0, Math.floor(y0!) - m), width: Math.ceil(x1! - x0!) + 2 * m, height: Math.ceil(y1! - y0!) + 2 * m }).extend({ top: 20, bottom: 20, left: 20, right: 20, background: '#fff' }).png().toBuffer();
    const standing = await sharp(line).rotate(90).png().toBuffer();
    expect((await read(standing)).lines.map((l) => l.text)).toEqual(['Readout reads text 2026']);
  });

  it('warms up without an image and reads nothing from a blank one', async () => {
    await ocr.warmUp();
    const blank = await sharp({ create: { width: 300, height: 120, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(await read(blank)).toMatchObject({ lines: [], confidence: 1 });
  });

  it('is unsure of a script it does not know: Japanese is found but comes back nearly empty', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="80"><rect width="100%" height="100%" fill="#fff"/><text x="20" y="50" font-size="28" font-family="sans-serif">これはテストです。ひらがなとカタカナを読みます。</text></svg>`;
    const { confidence } = await read(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(confidence).toBeLessThan(0.5);
  });
});

describe('a frame larger than the detection limit', () => {
  // Three columns of 12 px text across a 3840 px wide frame, rendered in Chromium at 100% and at 2x scaling. Shrunk to
  // the 1600 px limit, 100% text is 5 px tall: the detector runs lines together.
  const PARAGRAPHS = Array.from({ length: 30 }, (_, i) => `Line ${i + 1}: revenue up in region ${String.fromCharCode(65 + (i % 26))}, 第${i + 1}行`);
  let frames: Record<'100%' | '2x', Buffer>;
  // Each read counts its own detector runs: a read a timed-out test left running (its promise goes on after the
  // test is failed) must not add its runs to the next test's count, as a module-wide counter did under load.
  const detectorRuns = new AsyncLocalStorage<{ count: number }>();
  let counted: PpOcr;

  beforeAll(async () => {
    const browser = await launchChromium();
    try {
      const render = async (scale: number): Promise<Buffer> => {
        const context = await browser.newContext({ viewport: { width: 3840 / scale, height: 540 / scale }, deviceScaleFactor: scale });
        const tab = await context.newPage();
        await tab.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:20px;font:12px sans-serif;columns:3;column-gap:80px">${PARAGRAPHS.map((p) => `<p style="margin:0 0 6px">${p}</p>`).join('')}</body>`);
        const png = await tab.screenshot();
        await context.close();
        return png;
      };
      frames = { '100%': await render(1), '2x': await render(2) };
    } finally {
      await browser.close();
    }
    const models = modelFiles();
    const counting = {
      Tensor,
      InferenceSession: {
        create: async (path: string, options: InferenceSession.SessionOptions) => {
          const session = await InferenceSession.create(path, options);
          if (path !== models.detectionPath) return session;
          const run = session.run.bind(session);
          return Object.assign(session, {
            run: (feeds: InferenceSession.FeedsType) => {
              const counter = detectorRuns.getStore();
              if (counter) counter.count++;
              return run(feeds);
            },
          });
        },
      },
    } as unknown as Pick<typeof import('onnxruntime-node'), 'InferenceSession' | 'Tensor'>;
    counted = await PpOcr.create(counting, { detection: models.detectionPath, recognition: models.recognitionPath, dictionary: readFileSync(models.dictionaryPath, 'utf8') });
  }, 180_000);

  async function readCounted(png: Buffer): Promise<{ texts: string[]; runs: number }> {
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const counter = { count: 0 };
    const { lines } = await detectorRuns.run(counter, () => counted.read({ data, width: info.width, height: info.height }));
    return { texts: lines.map((line) => line.text), runs: counter.count };
  }

  // Lines read right but for their spaces (the model drops the one between a comma and a CJK character).
  const bare = (text: string): string => text.replace(/\s+/g, '');
  const exactLines = (texts: string[]): number => PARAGRAPHS.filter((p) => texts.some((text) => bare(text) === bare(p))).length;

  // Generous limits: a full-size look takes 15-20 s on an idle 2-core machine, several times that beside other work.
  it('at 100% scaling, finds its lines too thin in the shrunk look, and looks again at full size in tiles', { timeout: 240_000 }, async () => {
    const { texts, runs } = await readCounted(frames['100%']);
    // One shrunk look, then 3840 x 544 at full size in five tiles of at most 1024.
    expect(runs).toBe(6);
    // 12 px sans-serif at 100% leaves some letters ambiguous ("I" and "l"): most lines, not all.
    expect(exactLines(texts)).toBeGreaterThanOrEqual(26);
  });

  it('at 2x, the shrunk look suffices: one run of the detector', { timeout: 120_000 }, async () => {
    const { texts, runs } = await readCounted(frames['2x']);
    expect(runs).toBe(1);
    expect(exactLines(texts)).toBeGreaterThanOrEqual(28);
  });
});

describe('readingConfidence', () => {
  const line = (text: string, mean: number, width: number, height = 20) => ({ text, mean, box: [[0, 0], [width, 0], [width, height], [0, height]] });
  it('is the characters\' mean confidence where lines yield what their length promises', () => {
    expect(readingConfidence([line('Readout reads text', 0.9, 200), line('离线识别', 1, 80)])).toBeCloseTo((16 * 0.9 + 4) / 20, 5);
  });
  it('falls with the yield: a long line read as two marks, or as nothing', () => {
    expect(readingConfidence([line('。。', 0.99, 600)])).toBeLessThan(0.2);
    expect(readingConfidence([line('', 0, 600)])).toBe(0);
    expect(readingConfidence([])).toBe(1);
  });
});

import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareImage } from '../../../main/image/prepare.ts';
import { LocalEngine, linesToText } from '../../../main/ocr/local.ts';
import { fixture } from '../../support/paths.ts';

const engine = new LocalEngine();
afterAll(() => engine.close());

async function read(bytes: Buffer) {
  const bounds = engine.pixelBounds();
  const prepared = await prepareImage(bytes, { file: 'x.png', bounds });
  const deltas: string[] = [];
  const result = await engine.recognize(prepared, { prompt: '', bounds }, (d) => deltas.push(d));
  return { result, deltas };
}

describe('LocalEngine (PP-OCRv4 through onnxruntime, in a worker)', () => {
  // thread: the app; inline: a command with a short command line; process: one with a long one (local-host.ts).
  for (const host of ['thread', 'inline', 'process'] as const) {
    it(`reads the same hosted as ${host}`, async () => {
      const hosted = new LocalEngine({ host });
      try {
        const bounds = hosted.pixelBounds();
        const prepared = await prepareImage(await readFile(fixture('text/en-zh.png')), { file: 'x.png', bounds });
        expect((await hosted.recognize(prepared, { prompt: '', bounds }, () => undefined)).text).toBe('Readout reads text 2026\n离线识别中文和英文');
      } finally {
        await hosted.close();
      }
    });
  }

  it('reads English and Chinese offline', async () => {
    const { result, deltas } = await read(await readFile(fixture('text/en-zh.png')));
    expect(result.text).toBe('Readout reads text 2026\n离线识别中文和英文');
    expect(deltas.join('')).toBe(result.text);
    expect(result).toMatchObject({ engine: 'local', model: 'PP-OCRv4', usage: null, cost: 0 });
  });

  it('loads ahead of the first image when warmed, and lets its memory go after the idle time chosen', async () => {
    const idle = new LocalEngine();
    try {
      await idle.warmUp();
      expect(idle.loaded).toBe(true);
      idle.releaseWhenIdle(200);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(idle.loaded).toBe(false);
      const bounds = idle.pixelBounds();
      const prepared = await prepareImage(await readFile(fixture('text/en-zh.png')), { file: 'x.png', bounds });
      expect((await idle.recognize(prepared, { prompt: '', bounds }, () => undefined)).text).toBe('Readout reads text 2026\n离线识别中文和英文');
      idle.releaseWhenIdle(null);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(idle.loaded).toBe(true);
    } finally {
      await idle.close();
    }
  });

  it('returns empty text for an image with none', async () => {
    const blank = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#fff' } }).png().toBuffer();
    const { result, deltas } = await read(blank);
    expect(result.text).toBe('');
    expect(deltas).toEqual([]);
  });

  it('honours an abort signal', async () => {
    const bounds = engine.pixelBounds();
    const prepared = await prepareImage(await readFile(fixture('text/en-zh.png')), { file: 'x.png', bounds });
    const controller = new AbortController();
    const pending = engine.recognize(prepared, { prompt: '', bounds }, () => {}, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('linesToText', () => {
  const line = (text: string, x: number, y: number, h = 20) => ({ text, mean: 1, box: [[x, y], [x + 50, y], [x + 50, y + h], [x, y + h]] });

  it('orders rows top to bottom and words left to right', () => {
    // A word space apart (6 px at 20 px tall): a space; further apart they would be cells (layout.test.ts).
    expect(linesToText([line('world', 66, 12), line('second', 10, 60), line('hello', 10, 10)])).toBe('hello world\nsecond');
  });

  it('drops empty detections', () => {
    expect(linesToText([line(' ', 0, 0), line('only', 0, 40)])).toBe('only');
  });
});

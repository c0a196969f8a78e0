import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { prepareImage, toDataUrl } from '../../../main/image/prepare.ts';
import { fixture } from '../../support/paths.ts';

/** Noise does not compress: the worst case for the 10 MB limit. */
async function noisePng(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  let seed = 1;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = seed >>> 24;
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

describe('prepareImage', () => {
  it('resizes to the model grid and reports what is sent', async () => {
    const screenshot = await sharp({ create: { width: 3840, height: 2160, channels: 3, background: '#eee' } }).png().toBuffer();
    const prepared = await prepareImage(screenshot, { file: '4k.png' });
    expect([prepared.width, prepared.height]).toEqual([3840, 2160]);
    expect(prepared.sentWidth % 28).toBe(0);
    expect(prepared.sentHeight % 28).toBe(0);
    expect(prepared.sentWidth * prepared.sentHeight).toBeLessThanOrEqual(1003520);
    expect(prepared.mime).toBe('image/png');
    expect(prepared.sentBytes).toBe(prepared.data.length);
    expect(prepared.imageTokens).toBe((prepared.sentWidth * prepared.sentHeight) / 784 + 2);
    const meta = await sharp(prepared.data).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([prepared.sentWidth, prepared.sentHeight, 'png']);
  });

  it('uses the 32-pixel grid for Qwen3-VL based models', async () => {
    const prepared = await prepareImage(await readFile(fixture('text/en-zh.png')), {
      file: 'x.png',
      bounds: { factor: 32, minPixels: 3136, maxPixels: 1003520 },
    });
    expect([prepared.sentWidth, prepared.sentHeight]).toEqual([640, 160]);
    expect(prepared.imageTokens).toBe(102);
  });

  it('falls back to JPEG, then lower quality, to stay under the upload limit', async () => {
    const noise = await noisePng(1000, 1000);
    const prepared = await prepareImage(noise, {
      file: 'noise.png',
      bounds: { factor: 28, minPixels: 3136, maxPixels: 1_000_000 },
      maxUploadBytes: 400_000,
    });
    expect(prepared.mime).toBe('image/jpeg');
    expect(Math.ceil(prepared.sentBytes / 3) * 4).toBeLessThanOrEqual(400_000);
    expect(toDataUrl(prepared).startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
  });

  it('says so when nothing fits', async () => {
    await expect(
      prepareImage(await noisePng(600, 600), { file: 'noise.png', maxUploadBytes: 5_000 }),
    ).rejects.toMatchObject({ code: 'image-too-large', message: /noise\.png/ });
  });

  it('refuses a strip past 200:1, naming the file', async () => {
    const strip = await sharp({ create: { width: 4020, height: 20, channels: 3, background: '#fff' } }).png().toBuffer();
    await expect(prepareImage(strip, { file: 'strip.png' })).rejects.toMatchObject({ code: 'image-aspect-ratio', message: /strip\.png.*201:1/ });
  });

  it('scales tiny images up to min_pixels', async () => {
    const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    const prepared = await prepareImage(tiny, { file: 'tiny.png' });
    expect(prepared.sentWidth * prepared.sentHeight).toBeGreaterThanOrEqual(3136);
    expect(Math.min(prepared.sentWidth, prepared.sentHeight)).toBeGreaterThan(10);
  });

  it('makes a small WebP thumbnail from the same pixels', async () => {
    const prepared = await prepareImage(await readFile(fixture('text/en-zh.png')), { file: 'x.png' });
    const meta = await sharp(prepared.thumbnail!).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
    const skipped = await prepareImage(await readFile(fixture('text/en-zh.png')), { file: 'x.png', thumbnail: false });
    expect(skipped.thumbnail).toBeNull();
  });
});

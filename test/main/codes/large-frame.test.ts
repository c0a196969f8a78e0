/**
 * Frames larger than a 4K screen are scanned with less effort (codes/scan.ts, FULL_EFFORT_PIXELS): a code a phone
 * could read in a 24-megapixel photo is still found, and review 2's 40 megapixels of finder patterns end with none.
 */
import bwipjs from 'bwip-js';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FULL_EFFORT_PIXELS, readerOptions, scanCodes } from '../../../main/codes/scan.ts';
import { finderPatternsPng } from '../../support/finder-patterns.ts';

describe('scanning frames past a 4K screen', () => {
  it('looks as hard as before at a 4K frame, less hard past it', () => {
    expect(readerOptions(FULL_EFFORT_PIXELS).tryHarder).toBe(true);
    expect(readerOptions(FULL_EFFORT_PIXELS + 1).tryHarder).toBe(false);
    expect(readerOptions(1_000_000)).toMatchObject({ tryHarder: true, tryDownscale: true });
  });

  it('finds a QR code with 5-pixel modules in a 6000 x 4000 photo', async () => {
    const qr = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'https://example.org/ticket/2026', scale: 5, paddingwidth: 10, paddingheight: 10, backgroundcolor: 'FFFFFF' });
    const photo = await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#d8d4cc' } })
      .composite([{ input: qr, left: 4200, top: 2900 }])
      .jpeg({ quality: 90 })
      .toBuffer();
    const codes = await scanCodes(photo, 'photo.jpg');
    expect(codes.map((c) => c.text)).toEqual(['https://example.org/ticket/2026']);
    expect(codes[0]!.box[0]![0]).toBeGreaterThan(4150);
  }, 120_000);

  it('ends with no code on 40 megapixels of finder patterns', async () => {
    expect(await scanCodes(await finderPatternsPng(), 'finder-patterns.png')).toEqual([]);
  }, 300_000);
});

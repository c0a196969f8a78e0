/**
 * Review 2's M7 input, made in the test: 6320 x 6320 (40 megapixels) of QR finder patterns, 7 x 7 modules of 6 px a
 * module apart, tiled by libvips into a PNG of a few hundred KB. Dense to the detector (1,780 line boxes in its first
 * look) and to ZXing (thousands of finder patterns, none a code).
 */
import sharp from 'sharp';

export async function finderPatternsPng(side = 6320): Promise<Buffer> {
  const m = 6;
  const tile = Buffer.alloc(48 * 48 * 3, 255);
  for (let y = 0; y < 42; y++) {
    for (let x = 0; x < 42; x++) {
      const ring = Math.max(Math.abs(Math.floor(x / m) - 3), Math.abs(Math.floor(y / m) - 3));
      if (ring !== 2) tile.fill(0, (y * 48 + x) * 3, (y * 48 + x) * 3 + 3);
    }
  }
  const cell = await sharp(tile, { raw: { width: 48, height: 48, channels: 3 } }).png().toBuffer();
  return sharp({ create: { width: side, height: side, channels: 3, background: '#ffffff' } }).composite([{ input: cell, tile: true }]).png().toBuffer();
}

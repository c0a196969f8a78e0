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

/**
 * A page as dense with text as an image can be: `rows` lines of digits and words across the whole width (libvips
 * draws the SVG's text), more than one reading covers (ppocr/pipeline.ts, readColumns).
 */
export async function denseTextPng(width = 6320, height = 6320, rows = 150): Promise<Buffer> {
  const line = 'Readout reads dense text 0123456789 invoice 4711 total 99.50 EUR '.repeat(Math.ceil(width / 900));
  const step = height / rows;
  const lines = Array.from({ length: rows }, (_, i) => `<text x="20" y="${Math.round((i + 0.8) * step)}">${line}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><g font-family="DejaVu Sans, sans-serif" font-size="${Math.round(step * 0.6)}" fill="#111">${lines}</g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

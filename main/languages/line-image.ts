/**
 * One line of a screen as Tesseract reads it best: grey, dark text on light (light-on-dark UI text turned over:
 * Tesseract's models were trained on print), its thickness scaled to LINE_HEIGHT pixels and a margin of background
 * around it, cut to the line's own band of ink (line-band.ts). Measured on our UI screens (test/support/cjk-ui.ts): 13 to 14 px text read at its own size lost up to
 * 13% of Korean and Traditional Chinese characters; scaled to 48 px, 1 to 7%; larger gained nothing.
 */
import sharp from 'sharp';
import type { Region, Rgb } from '../ocr/ppocr/image.ts';
import { lineBand } from './line-band.ts';

export const LINE_HEIGHT = 48;
const MARGIN = 10;

/** The region cut to whole pixels inside the image. */
function pixels(image: Rgb, region: Region): { left: number; top: number; width: number; height: number } {
  const left = Math.max(0, Math.floor(region.x));
  const top = Math.max(0, Math.floor(region.y));
  const right = Math.min(image.width, Math.ceil(region.x + region.width));
  const bottom = Math.min(image.height, Math.ceil(region.y + region.height));
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

/** The line as a PNG. `upright`: a column (vertical text), scaled by its width, left standing. */
export async function lineImage(image: Rgb, region: Region, upright: boolean): Promise<Uint8Array> {
  const padded = pixels(image, region);
  const { data: paddedGrey } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).extract(padded).greyscale().raw().toBuffer({ resolveWithObject: true });
  const band = lineBand(paddedGrey, padded.width, padded.height, upright);
  const area = upright ? { ...padded, left: padded.left + band.start, width: band.end - band.start } : { ...padded, top: padded.top + band.start, height: band.end - band.start };
  const grey = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).extract(area).greyscale();
  const dark = mean(paddedGrey) < 128;
  const scale = LINE_HEIGHT / (upright ? area.width : area.height);
  let line = sharp(await grey.png().toBuffer()).resize({ width: Math.max(1, Math.round(area.width * scale)), height: Math.max(1, Math.round(area.height * scale)), fit: 'fill', kernel: 'lanczos3' });
  if (dark) line = line.negate();
  // Two passes: sharp orders its operations itself, and the margin must be added after the line is turned over.
  const scaled = await line.png().toBuffer();
  // At 300 dpi as far as Tesseract knows: a 48 px line is then ordinary print (it warns, and guesses, without one).
  return sharp(scaled).extend({ top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, background: '#fff' }).withMetadata({ density: 300 }).png().toBuffer();
}

function mean(data: Uint8Array): number {
  let sum = 0;
  for (const value of data) sum += value;
  return data.length === 0 ? 255 : sum / data.length;
}

/**
 * Cutting the selection out of a frozen capture. Captures arrive as raw 32-bit bitmaps (BGRA from Electron on most
 * systems); only the selected rows are copied and swizzled, so a small crop of a 4K screen costs a small crop.
 */
import sharp from 'sharp';
import { ReadoutError } from '../errors.ts';
import { clampToImage, type Rect } from './geometry.ts';

export interface Bitmap {
  data: Uint8Array;
  width: number;
  height: number;
  /** Byte order of each 4-byte pixel. */
  order: 'bgra' | 'rgba';
}

/** The pixels of `rect` as tightly packed RGBA. */
export function cropPixels(bitmap: Bitmap, rect: Rect): { data: Buffer; width: number; height: number } {
  const clamped = clampToImage(rect, bitmap);
  if (!clamped) throw new ReadoutError('capture-empty', 'The selected area is outside the screen.');
  if (bitmap.data.length < bitmap.width * bitmap.height * 4) {
    throw new ReadoutError('capture-corrupt', 'The screen capture is incomplete; try again.');
  }
  const out = Buffer.alloc(clamped.width * clamped.height * 4);
  const stride = bitmap.width * 4;
  for (let row = 0; row < clamped.height; row++) {
    const from = (clamped.y + row) * stride + clamped.x * 4;
    out.set(bitmap.data.subarray(from, from + clamped.width * 4), row * clamped.width * 4);
  }
  if (bitmap.order === 'bgra') {
    for (let i = 0; i < out.length; i += 4) {
      const blue = out[i]!;
      out[i] = out[i + 2]!;
      out[i + 2] = blue;
    }
  }
  return { data: out, width: clamped.width, height: clamped.height };
}

/** The selection as a PNG, ready for the same pipeline as a file. */
export async function cropToPng(bitmap: Bitmap, rect: Rect): Promise<Buffer> {
  const { data, width, height } = cropPixels(bitmap, rect);
  return sharp(data, { raw: { width, height, channels: 4 } }).png({ compressionLevel: 3 }).toBuffer();
}

/** A capture that is all black is what macOS returns without screen-recording permission. */
export function isBlank(bitmap: Bitmap): boolean {
  const { data } = bitmap;
  // Every 97th pixel is plenty to tell a denied capture from a dark screen with anything on it.
  for (let i = 0; i < data.length; i += 4 * 97) {
    if (data[i] !== 0 || data[i + 1] !== 0 || data[i + 2] !== 0) return false;
  }
  return true;
}

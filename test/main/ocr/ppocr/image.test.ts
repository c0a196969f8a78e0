import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { resampleInto, type Rgb } from '../../../../main/ocr/ppocr/image.ts';

const IDENTITY = { mean: [0, 0, 0], std: [1, 1, 1] } as const;

/** The tensor's planes back to interleaved RGB bytes (the tensor is BGR). */
function toRgb(tensor: Float32Array, width: number, height: number): Buffer {
  const out = Buffer.alloc(width * height * 3);
  const plane = width * height;
  for (let i = 0; i < plane; i++) for (let ch = 0; ch < 3; ch++) out[i * 3 + ch] = Math.round(tensor[(2 - ch) * plane + i]! * 255);
  return out;
}

async function gradient(width: number, height: number): Promise<Rgb> {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x * 7 % 256, y * 11 % 256, (x * y) % 256], (y * width + x) * 3);
  return { data, width, height };
}

describe('resampleInto', () => {
  it('copies a region at its own size exactly, into BGR planes', async () => {
    const image = await gradient(20, 10);
    const out = new Float32Array(3 * 8 * 4);
    resampleInto(image, { x: 5, y: 3, width: 8, height: 4 }, 8, 4, out, 0, 8, IDENTITY);
    const expected = await sharp(Buffer.from(image.data), { raw: { width: 20, height: 10, channels: 3 } }).extract({ left: 5, top: 3, width: 8, height: 4 }).raw().toBuffer();
    expect(toRgb(out, 8, 4)).toEqual(expected);
  });

  it('turned, reads the region a quarter turn anticlockwise, as sharp rotates by -90', async () => {
    const image = await gradient(6, 15);
    const out = new Float32Array(3 * 15 * 6);
    resampleInto(image, { x: 0, y: 0, width: 6, height: 15 }, 15, 6, out, 0, 15, IDENTITY, true);
    const expected = await sharp(Buffer.from(image.data), { raw: { width: 6, height: 15, channels: 3 } }).rotate(-90).raw().toBuffer();
    expect(toRgb(out, 15, 6)).toEqual(expected);
  });

  it('leaves the padding of a wider plane alone and normalises with the given mean and std', async () => {
    const image: Rgb = { data: new Uint8Array(4 * 2 * 3).fill(255), width: 4, height: 2 };
    const out = new Float32Array(3 * 6 * 2).fill(-9);
    resampleInto(image, { x: 0, y: 0, width: 4, height: 2 }, 4, 2, out, 0, 6, { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] });
    expect([...out.slice(0, 6)]).toEqual([1, 1, 1, 1, -9, -9]);
  });
});

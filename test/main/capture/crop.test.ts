import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropPixels, cropToPng, isBlank, type Bitmap } from '../../../main/capture/crop.ts';
import { CaptureSession } from '../../../main/capture/session.ts';

/** A screen whose every pixel says where it is: R = x, G = y, B = 7 (all mod 256). */
function screen(width: number, height: number, order: 'bgra' | 'rgba'): Bitmap {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const [r, g, b] = [x % 256, y % 256, 7];
      data.set(order === 'bgra' ? [b, g, r, 255] : [r, g, b, 255], o);
    }
  }
  return { data, width, height, order };
}

describe('cropping a capture', () => {
  it.each(['bgra', 'rgba'] as const)('cuts exactly the selected pixels from a %s bitmap', (order) => {
    const { data, width, height } = cropPixels(screen(300, 200, order), { x: 37, y: 11, width: 5, height: 3 });
    expect([width, height]).toEqual([5, 3]);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 5; x++) expect([...data.subarray((y * 5 + x) * 4, (y * 5 + x) * 4 + 3)]).toEqual([37 + x, 11 + y, 7]);
  });

  it('encodes the crop as a PNG of the same pixels', async () => {
    const png = await cropToPng(screen(300, 200, 'bgra'), { x: 100, y: 50, width: 20, height: 10 });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([20, 10]);
    expect([...data.subarray(0, 3)]).toEqual([100, 50, 7]);
  });

  it('clamps to the screen and refuses an area outside it', () => {
    expect(cropPixels(screen(50, 50, 'rgba'), { x: 40, y: 40, width: 30, height: 30 }).width).toBe(10);
    expect(() => cropPixels(screen(50, 50, 'rgba'), { x: 60, y: 0, width: 5, height: 5 })).toThrow(/outside the screen/);
  });

  it('tells a denied (all black) capture from a real one', () => {
    expect(isBlank({ data: new Uint8Array(400 * 4), width: 20, height: 20, order: 'bgra' })).toBe(true);
    expect(isBlank(screen(20, 20, 'bgra'))).toBe(false);
  });
});

describe('CaptureSession', () => {
  const display = { id: '2', bounds: { x: 1920, y: 0, width: 100, height: 50 }, scaleFactor: 2 };
  const frame = { display, bitmap: screen(200, 100, 'bgra'), preview: { mime: 'image/jpeg', data: new Uint8Array() } };

  it('resolves with the selection in pixels and in desktop DIPs', async () => {
    const session = new CaptureSession([frame]);
    session.finish('2', { x: 20, y: 10, width: 40, height: 30 });
    expect(await session.done).toMatchObject({ pixels: { x: 20, y: 10, width: 40, height: 30 }, dips: { x: 1930, y: 5, width: 20, height: 15 } });
  });

  it('treats a click or a cancel as no selection', async () => {
    const clicked = new CaptureSession([frame]);
    clicked.finish('2', { x: 20, y: 10, width: 1, height: 1 });
    expect(await clicked.done).toBeNull();
    const cancelled = new CaptureSession([frame]);
    cancelled.cancel();
    expect(await cancelled.done).toBeNull();
    expect(() => new CaptureSession([frame]).finish('9', { x: 0, y: 0, width: 9, height: 9 })).toThrow(/no longer part/);
  });
});

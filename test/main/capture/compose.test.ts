import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Bitmap } from '../../../main/capture/crop.ts';
import { composeAcross } from '../../../main/capture/compose.ts';
import type { Frame } from '../../../main/capture/session.ts';

const solid = (width: number, height: number, [r, g, b]: [number, number, number]): Bitmap => {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([b, g, r, 255], i);
  return { data, width, height, order: 'bgra' };
};

const frame = (id: string, x: number, y: number, width: number, height: number, scale: number, colour: [number, number, number]): Frame => ({
  display: { id, bounds: { x, y, width, height }, scaleFactor: scale },
  bitmap: solid(width * scale, height * scale, colour),
  preview: { mime: 'image/png', data: new Uint8Array() },
});

describe('composeAcross', () => {
  it('joins a 1x and a 2x display at the finer scale, each share in its place', async () => {
    const frames = [frame('left', 0, 0, 100, 100, 1, [255, 0, 0]), frame('right', 100, 0, 100, 100, 2, [0, 0, 255])];
    const { png, width, height } = await composeAcross(frames, { x: 80, y: 10, width: 40, height: 20 });
    expect([width, height]).toEqual([80, 40]);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(10, 20)).toEqual([255, 0, 0]);
    expect(at(70, 20)).toEqual([0, 0, 255]);
  });

  it('leaves the gap between displays white', async () => {
    const frames = [frame('a', 0, 0, 100, 50, 1, [0, 255, 0]), frame('b', 0, 60, 100, 50, 1, [0, 0, 0])];
    const { png, height } = await composeAcross(frames, { x: 10, y: 40, width: 20, height: 30 });
    expect(height).toBe(30);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const at = (y: number) => [...data.subarray(y * info.width * info.channels, y * info.width * info.channels + 3)];
    expect(at(5)).toEqual([0, 255, 0]);
    expect(at(15)).toEqual([255, 255, 255]);
    expect(at(25)).toEqual([0, 0, 0]);
  });
});

import type { RgbImage } from '../../main/image/decode.ts';

export const pixelAt = (image: Pick<RgbImage, 'data' | 'width'>, x: number, y: number): [number, number, number] => {
  const o = (y * image.width + x) * 3;
  return [image.data[o]!, image.data[o + 1]!, image.data[o + 2]!];
};

/** The quadrant fixture's colours, sampled at each quadrant's centre. */
export function quadrants(image: Pick<RgbImage, 'data' | 'width' | 'height'>): Record<'tl' | 'tr' | 'bl' | 'br', [number, number, number]> {
  const qx = Math.floor(image.width / 4);
  const qy = Math.floor(image.height / 4);
  return {
    tl: pixelAt(image, qx, qy),
    tr: pixelAt(image, image.width - qx, qy),
    bl: pixelAt(image, qx, image.height - qy),
    br: pixelAt(image, image.width - qx, image.height - qy),
  };
}

export const RED: [number, number, number] = [255, 0, 0];
export const GREEN: [number, number, number] = [0, 255, 0];
export const BLUE: [number, number, number] = [0, 0, 255];
export const WHITE: [number, number, number] = [255, 255, 255];

/** Lossy formats land near, not on, the colour. */
export const near = (actual: readonly number[], expected: readonly number[], tolerance = 12): boolean =>
  actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance);

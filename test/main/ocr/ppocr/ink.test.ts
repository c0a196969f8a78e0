/** A line's place cut to its glyphs, and left alone where no plain background can be told from them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tightenToInk } from '../../../../main/ocr/ppocr/ink.ts';

function canvas(width: number, height: number, shade: number): { data: Uint8Array; width: number; height: number } {
  return { data: new Uint8Array(width * height * 3).fill(shade), width, height };
}
function paint(image: ReturnType<typeof canvas>, x0: number, y0: number, x1: number, y1: number, shade: number): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) image.data.fill(shade, (y * image.width + x) * 3, (y * image.width + x) * 3 + 3);
}

describe('tightenToInk', () => {
  it('cuts a loose box to the glyphs it holds, light on dark or dark on light, with a tenth of their height around', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 60 }), fc.integer({ min: 5, max: 40 }), fc.integer({ min: 4, max: 30 }), fc.integer({ min: 2, max: 30 }), fc.boolean(), (x, y, w, h, dark) => {
        const image = canvas(160, 100, dark ? 30 : 250);
        paint(image, x, y, x + w, y + h, dark ? 230 : 20);
        const place = { x: Math.max(0, x - 4), y: Math.max(0, y - 3), width: w + 8, height: h + 6 };
        const around = { x: 0, y: 0, width: 160, height: 100 };
        const tight = tightenToInk(image, place, around);
        const margin = Math.max(1, h * 0.1);
        expect(tight.x).toBeCloseTo(Math.max(place.x, x - margin), 6);
        expect(tight.y).toBeCloseTo(Math.max(place.y, y - margin), 6);
        expect(tight.x + tight.width).toBeCloseTo(Math.min(place.x + place.width, x + w + margin), 6);
        expect(tight.y + tight.height).toBeCloseTo(Math.min(place.y + place.height, y + h + margin), 6);
      }),
    );
  });

  it('keeps the detector’s box where nothing, or nearly everything, differs from the border', () => {
    const plain = canvas(100, 50, 255);
    const place = { x: 10, y: 10, width: 40, height: 20 };
    expect(tightenToInk(plain, place, { x: 0, y: 0, width: 100, height: 50 })).toEqual(place);
    const photo = canvas(100, 50, 255);
    paint(photo, 5, 5, 95, 45, 0);
    expect(tightenToInk(photo, place, { x: 0, y: 0, width: 100, height: 50 })).toEqual(place);
  });
});

import { describe, expect, it } from 'vitest';
import {
  clampToImage, desktopBounds, dipRectToPixels, displayAt, displayForRect, nativeSize, pixelsToDipRect, rectFromCorners,
  splitAcrossDisplays, type DisplayInfo,
} from '../../../main/capture/geometry.ts';

const display = (id: string, x: number, y: number, width: number, height: number, scaleFactor: number): DisplayInfo => ({
  id,
  bounds: { x, y, width, height },
  scaleFactor,
});

// A 1x 1080p beside a 2x 4K laptop panel (1920x1080 DIPs), a portrait 1.25x on the left at a negative origin,
// and a 1.5x above: every awkward case at once.
const main = display('main', 0, 0, 1920, 1080, 1);
const retina = display('retina', 1920, 0, 1920, 1080, 2);
const leftPortrait = display('left', -1152, -400, 1152, 2048, 1.25);
const above = display('above', 0, -960, 1707, 960, 1.5);
const desk = [main, retina, leftPortrait, above];

describe('capture geometry', () => {
  it('captures each display at bounds x scale factor', () => {
    expect(nativeSize(retina)).toEqual({ width: 3840, height: 2160 });
    expect(nativeSize(leftPortrait)).toEqual({ width: 1440, height: 2560 });
    expect(nativeSize(above)).toEqual({ width: 2561, height: 1440 });
  });

  it('finds the display under a point, negative origins included', () => {
    expect(displayAt({ x: -1, y: 0 }, desk)?.id).toBe('left');
    expect(displayAt({ x: 1919, y: 1079 }, desk)?.id).toBe('main');
    expect(displayAt({ x: 1920, y: 0 }, desk)?.id).toBe('retina');
    expect(displayAt({ x: 100, y: -1 }, desk)?.id).toBe('above');
    expect(displayAt({ x: 3000, y: -10 }, desk)).toBeNull();
  });

  it('maps a rectangle to exact pixels at 1x and 2x', () => {
    expect(dipRectToPixels({ x: 100, y: 50, width: 300, height: 200 }, main)).toEqual({ x: 100, y: 50, width: 300, height: 200 });
    expect(dipRectToPixels({ x: 2020, y: 50, width: 300, height: 200 }, retina)).toEqual({ x: 200, y: 100, width: 600, height: 400 });
  });

  it.each([
    [1.25, { x: 80, y: 40, width: 400, height: 240 }, { x: 100, y: 50, width: 500, height: 300 }],
    [1.5, { x: 80, y: 40, width: 400, height: 240 }, { x: 120, y: 60, width: 600, height: 360 }],
    [1.75, { x: 80, y: 40, width: 400, height: 240 }, { x: 140, y: 70, width: 700, height: 420 }],
    // Half pixels round outwards: nothing partly inside is lost.
    [1.5, { x: 1, y: 1, width: 1, height: 1 }, { x: 1, y: 1, width: 2, height: 2 }],
    [1.25, { x: 1, y: 3, width: 3, height: 1 }, { x: 1, y: 3, width: 4, height: 2 }],
  ])('maps exactly at a fractional scale factor of %f', (scale, rect, pixels) => {
    expect(dipRectToPixels(rect, display('f', 0, 0, 1000, 800, scale))).toEqual(pixels);
  });

  it('follows the real capture size when the capturer rounded', () => {
    // 1707 x 1.5 = 2560.5: this capturer delivered 2560 columns.
    const pixels = dipRectToPixels({ x: 0, y: -960, width: 1707, height: 960 }, above, { width: 2560, height: 1440 });
    expect(pixels).toEqual({ x: 0, y: 0, width: 2560, height: 1440 });
  });

  it('maps relative to a display with a negative origin', () => {
    expect(dipRectToPixels({ x: -1152, y: -400, width: 100, height: 100 }, leftPortrait)).toEqual({ x: 0, y: 0, width: 125, height: 125 });
    expect(dipRectToPixels({ x: -100, y: 1548, width: 100, height: 100 }, leftPortrait)).toEqual({ x: 1315, y: 2435, width: 125, height: 125 });
  });

  it('clips a rectangle at the display edge and splits one that spans displays', () => {
    const spanning = { x: 1820, y: 100, width: 200, height: 100 };
    expect(dipRectToPixels(spanning, main)).toEqual({ x: 1820, y: 100, width: 100, height: 100 });
    expect(splitAcrossDisplays(spanning, desk).map((p) => [p.display.id, p.pixels])).toEqual([
      ['main', { x: 1820, y: 100, width: 100, height: 100 }],
      ['retina', { x: 0, y: 200, width: 200, height: 200 }],
    ]);
    expect(displayForRect({ x: 1900, y: 0, width: 100, height: 10 }, desk)?.id).toBe('retina');
    expect(dipRectToPixels({ x: 5000, y: 5000, width: 10, height: 10 }, main)).toBeNull();
  });

  it('goes back from pixels to the same DIPs', () => {
    for (const d of desk) {
      const rect = { x: d.bounds.x + 10, y: d.bounds.y + 20, width: 64, height: 48 };
      const pixels = dipRectToPixels(rect, d)!;
      const back = pixelsToDipRect(pixels, d);
      expect(back.x).toBeCloseTo(rect.x, 0);
      expect(back.y).toBeCloseTo(rect.y, 0);
      expect(dipRectToPixels(back, d)).toEqual(pixels);
    }
  });

  it('clamps a selection inside the image and builds it from either corner', () => {
    expect(clampToImage({ x: -5, y: 10, width: 50, height: 2000 }, { width: 100, height: 100 })).toEqual({ x: 0, y: 10, width: 45, height: 90 });
    expect(clampToImage({ x: 150, y: 0, width: 10, height: 10 }, { width: 100, height: 100 })).toBeNull();
    expect(rectFromCorners({ x: 50, y: 80 }, { x: 10, y: 20 })).toEqual({ x: 10, y: 20, width: 40, height: 60 });
  });

  it('measures the whole desktop', () => {
    expect(desktopBounds(desk)).toEqual({ x: -1152, y: -960, width: 4992, height: 2608 });
  });
});

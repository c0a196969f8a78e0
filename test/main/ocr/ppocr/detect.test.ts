import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DB_DEFAULTS, dbBoxes, detectionSize, detectionTiles } from '../../../../main/ocr/ppocr/detect.ts';

function map(width: number, height: number, rects: Array<{ x: number; y: number; w: number; h: number }>, p = 0.9): Float32Array {
  const out = new Float32Array(width * height);
  for (const r of rects) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) out[y * width + x] = p;
  return out;
}

describe('dbBoxes', () => {
  it('finds one box per kernel, grown by area x ratio / perimeter', () => {
    const boxes = dbBoxes(map(100, 40, [{ x: 10, y: 10, w: 40, h: 6 }, { x: 60, y: 30, w: 20, h: 4 }]), 100, 40);
    expect(boxes).toHaveLength(2);
    const grow = (40 * 6 * DB_DEFAULTS.unclipRatio) / (2 * 46);
    expect(boxes[0]).toMatchObject({ x: expect.closeTo(10 - grow, 5), y: expect.closeTo(10 - grow, 5), width: expect.closeTo(40 + 2 * grow, 5), score: expect.closeTo(0.9, 5) });
  });

  it('drops weak regions, specks and one-pixel slivers', () => {
    expect(dbBoxes(map(50, 20, [{ x: 5, y: 5, w: 20, h: 5 }], 0.5), 50, 20)).toEqual([]);
    expect(dbBoxes(map(50, 20, [{ x: 5, y: 5, w: 2, h: 2 }]), 50, 20)).toEqual([]);
    expect(dbBoxes(map(50, 20, [{ x: 5, y: 5, w: 30, h: 1 }]), 50, 20)).toEqual([]);
  });

  it('keeps every box inside the map, each covering its kernel', () => {
    const rect = fc.record({ x: fc.integer({ min: 0, max: 60 }), y: fc.integer({ min: 0, max: 30 }), w: fc.integer({ min: 2, max: 40 }), h: fc.integer({ min: 2, max: 10 }) });
    fc.assert(
      fc.property(fc.array(rect, { maxLength: 6 }), (rects) => {
        const clamped = rects.map((r) => ({ ...r, w: Math.min(r.w, 100 - r.x), h: Math.min(r.h, 40 - r.y) })).filter((r) => r.w >= 2 && r.h >= 2);
        const boxes = dbBoxes(map(100, 40, clamped), 100, 40);
        for (const box of boxes) {
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(100 + 1e-9);
          expect(box.y + box.height).toBeLessThanOrEqual(40 + 1e-9);
        }
        // A kernel big enough to keep (minArea) lies inside a box, whole, whatever it merged with.
        for (const r of clamped.filter((r) => r.w * r.h >= DB_DEFAULTS.minArea)) {
          expect(boxes.some((b) => r.x >= b.x && r.x + r.w <= b.x + b.width && r.y >= b.y && r.y + r.h <= b.y + b.height)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('detectionSize', () => {
  it('bounds the long side, keeps one scale for both, and holds the whole image on a grid of 32 with under 32 to spare', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 1, max: 8000 }), (width, height) => {
        const size = detectionSize(width, height, 1600);
        expect(size.width % 32).toBe(0);
        expect(size.height % 32).toBe(0);
        expect(size.scale).toBeLessThanOrEqual(1);
        expect(Math.max(width, height) * size.scale).toBeLessThanOrEqual(1600 + 1e-9);
        // Never squeezed: the image at its one scale fits the map, with a margin under a grid step (or the 32 minimum).
        for (const [side, map] of [[width, size.width], [height, size.height]] as const) {
          expect(map).toBeGreaterThanOrEqual(side * size.scale - 1e-9);
          expect(map - Math.max(side * size.scale, 1)).toBeLessThan(32);
        }
      }),
    );
  });

  it('no longer squeezes a strip of text: 900 x 39 is seen whole on 928 x 64, not on 896 x 32 (issue 21)', () => {
    expect(detectionSize(900, 39, 1600)).toEqual({ width: 928, height: 64, scale: 1 });
  });
});

describe('detectionTiles', () => {
  it('one tile where the map fits, the whole map kept', () => {
    expect(detectionTiles(1600, 896, 1600, 128)).toEqual([{ x: 0, y: 0, width: 1600, height: 896, keep: { x: 0, y: 0, width: 1600, height: 896 } }]);
  });

  it('covers any map exactly once with what tiles keep, each tile within the size, on the grid, overlapping enough', () => {
    const grid = fc.integer({ min: 1, max: 260 }).map((n) => n * 32);
    fc.assert(
      fc.property(grid, grid, fc.integer({ min: 8, max: 60 }).map((n) => n * 32), fc.integer({ min: 0, max: 7 }).map((n) => n * 32), (width, height, size, wanted) => {
        const overlap = Math.min(wanted, Math.floor(size / 2 / 32 - 1) * 32);
        const tiles = detectionTiles(width, height, size, overlap);
        for (const tile of tiles) {
          expect(tile.width).toBeLessThanOrEqual(size);
          expect(tile.height).toBeLessThanOrEqual(size);
          for (const value of [tile.x, tile.y, tile.width, tile.height]) expect(value % 32).toBe(0);
          expect(tile.x + tile.width).toBeLessThanOrEqual(width);
          expect(tile.y + tile.height).toBeLessThanOrEqual(height);
          const { keep } = tile;
          // What a tile keeps lies inside it, at least half the overlap from any edge it shares with a neighbour.
          if (keep.x > 0) expect(keep.x - tile.x).toBeGreaterThanOrEqual(overlap / 2);
          if (keep.x + keep.width < width) expect(tile.x + tile.width - (keep.x + keep.width)).toBeGreaterThanOrEqual(overlap / 2);
          if (keep.y > 0) expect(keep.y - tile.y).toBeGreaterThanOrEqual(overlap / 2);
          if (keep.y + keep.height < height) expect(tile.y + tile.height - (keep.y + keep.height)).toBeGreaterThanOrEqual(overlap / 2);
        }
        // The tiles are a grid: the kept columns cut [0, width) into consecutive pieces, the kept rows [0, height),
        // and every column meets every row once. So every pixel is kept by exactly one tile.
        const pieces = (ranges: Array<[number, number]>, length: number) => {
          const sorted = [...new Map(ranges.map((range) => [range.join(), range])).values()].sort((a, b) => a[0] - b[0]);
          sorted.forEach(([start, end], i) => {
            expect(start).toBe(i === 0 ? 0 : sorted[i - 1]![1]);
            expect(end).toBeGreaterThan(start);
          });
          expect(sorted.at(-1)![1]).toBe(length);
          return sorted.length;
        };
        const columns = pieces(tiles.map(({ keep }) => [keep.x, keep.x + keep.width]), width);
        const rows = pieces(tiles.map(({ keep }) => [keep.y, keep.y + keep.height]), height);
        expect(new Set(tiles.map(({ keep }) => `${keep.x},${keep.y}`)).size).toBe(columns * rows);
        // As few tiles as the size allows (neither more rows nor more columns than needed).
        const least = (length: number) => (length <= size ? 1 : Math.ceil((length - overlap) / (size - overlap)));
        expect([columns, rows, tiles.length]).toEqual([least(width), least(height), least(width) * least(height)]);
      }),
      { numRuns: 200 },
    );
  });
});

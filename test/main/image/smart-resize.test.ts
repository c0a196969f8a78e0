import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AspectRatioError, imageTokens, roundHalfEven, smartResize } from '../../../main/image/smart-resize.ts';
import { fixture } from '../../support/paths.ts';

interface Case {
  height: number;
  width: number;
  factor: number;
  minPixels: number;
  maxPixels: number;
  expected: [number, number] | null;
}

// Computed by qwen_vl_utils' algorithm in Python (fixtures/smart-resize/make-cases.py), including its banker's rounding.
const cases = JSON.parse(readFileSync(fixture('smart-resize/cases.json'), 'utf8')) as Case[];

describe('smartResize', () => {
  it('matches the Python reference on every case', () => {
    const mismatches = cases.filter(({ height, width, factor, minPixels, maxPixels, expected }) => {
      try {
        const got = smartResize(height, width, { factor, minPixels, maxPixels });
        return expected === null || got.height !== expected[0] || got.width !== expected[1];
      } catch (error) {
        return !(error instanceof AspectRatioError) || expected !== null;
      }
    });
    expect(cases.length).toBeGreaterThan(1000);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('keeps results on the factor grid and inside the bounds', () => {
    const bounds = { factor: 32, minPixels: 3136, maxPixels: 1003520 };
    const { height, width } = smartResize(2160, 3840, bounds);
    expect(height % 32).toBe(0);
    expect(width % 32).toBe(0);
    expect(height * width).toBeLessThanOrEqual(bounds.maxPixels);
  });

  it('rounds halves to even like Python', () => {
    expect([0.5, 1.5, 2.5, 3.5, 4.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 4, 2, 3]);
  });

  it('refuses a strip past 200:1', () => {
    expect(() => smartResize(10, 2010, { factor: 28, minPixels: 3136, maxPixels: 1003520 })).toThrow(AspectRatioError);
  });

  it('counts image tokens as area / factor^2 + 2', () => {
    expect(imageTokens(1316, 756, 28)).toBe(1271);
    expect(imageTokens(32 * 10, 32 * 4, 32)).toBe(42);
  });
});

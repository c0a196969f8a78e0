import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSettled, type Observation } from '../../../main/watch/settle.ts';

const observation = fc.record({ size: fc.integer({ min: 0, max: 5 }), mtimeMs: fc.integer({ min: 0, max: 3 }), openable: fc.boolean() });
const same = (a: Observation, b: Observation): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs;

describe('the settle rule', () => {
  it('settles exactly when the last `checks` observations agree, are openable and not empty', () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 12 }), fc.integer({ min: 2, max: 4 }), (observations, checks) => {
        const recent = observations.slice(-checks);
        const expected = observations.length >= checks && recent.every((o) => o.openable && o.size > 0 && same(o, recent.at(-1)!));
        expect(isSettled(observations, checks)).toBe(expected);
      }),
    );
  });

  it('never settles a file that is still growing: each observation bigger than the one before', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 20 }), fc.integer({ min: 2, max: 4 }), (steps, checks) => {
        let size = 0;
        const observations = steps.map((step, i) => ({ size: (size += step), mtimeMs: i, openable: true }));
        for (let end = 1; end <= observations.length; end++) expect(isSettled(observations.slice(0, end), checks)).toBe(false);
      }),
    );
  });

  it('a file held open for writing (Windows: not openable) is not settled, whatever its size does', () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 2, maxLength: 8 }), (observations) => {
        const held = [...observations.slice(0, -1), { ...observations.at(-1)!, openable: false }];
        expect(isSettled(held)).toBe(false);
      }),
    );
  });

  it('once settled, more of the same observation keeps it settled; any change unsettles it', () => {
    fc.assert(
      fc.property(observation.filter((o) => o.size > 0), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 5 }), (o, n, grow) => {
        const still = Array.from({ length: n }, () => ({ ...o, openable: true }));
        expect(isSettled(still)).toBe(true);
        expect(isSettled([...still, { ...o, openable: true, size: o.size + grow }])).toBe(false);
        expect(isSettled([...still, { ...o, openable: true, mtimeMs: o.mtimeMs + grow }])).toBe(false);
      }),
    );
  });

  it('needs at least two observations, so one look never settles a file', () => {
    expect(isSettled([{ size: 10, mtimeMs: 1, openable: true }], 1)).toBe(false);
    expect(isSettled([], 2)).toBe(false);
  });
});

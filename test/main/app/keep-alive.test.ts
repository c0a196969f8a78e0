/** Review N7: notifications are held until their last event, and a desktop that never sends one cannot grow the set. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeepAlive } from '../../../main/app/keep-alive.ts';

describe('KeepAlive', () => {
  it('holds an item until it is let go, and letting go twice is harmless', () => {
    const kept = new KeepAlive<object>();
    const item = {};
    const release = kept.hold(item);
    expect(kept.has(item)).toBe(true);
    release();
    release();
    expect(kept.has(item)).toBe(false);
    expect(kept.size).toBe(0);
  });

  it('never holds more than its limit, and keeps the newest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.boolean(), { maxLength: 60 }), (limit, releases) => {
        const kept = new KeepAlive<number>(limit);
        const held: number[] = [];
        releases.forEach((releaseAtOnce, i) => {
          const release = kept.hold(i);
          if (releaseAtOnce) release();
          else held.push(i);
        });
        expect(kept.size).toBeLessThanOrEqual(limit);
        // Whatever was held among the last `limit` is still there (an older one may have made room for them).
        for (const i of held.filter((i) => i >= releases.length - limit)) expect(kept.has(i)).toBe(true);
      }),
    );
  });
});

/** The readings' slots and their bounded queue (main/serve/gate.ts). */
import { describe, expect, it } from 'vitest';
import { Gate } from '../../../main/serve/gate.ts';

describe('Gate', () => {
  it('lets `slots` in at once, queues up to maxWaiting, and refuses past that', async () => {
    const gate = new Gate(2, 2);
    const first = await gate.enter()!;
    await gate.enter()!;
    const third = gate.enter()!;
    const fourth = gate.enter()!;
    expect(gate.enter()).toBeNull();
    expect([gate.running, gate.waiting]).toEqual([2, 2]);
    first();
    first(); // a second release changes nothing
    const release = await third;
    expect([gate.running, gate.waiting]).toEqual([2, 1]);
    release();
    (await fourth)();
    expect(gate.running).toBe(1);
  });

  it('lets a waiting request leave when its client goes away', async () => {
    const gate = new Gate(1, 1);
    const held = await gate.enter()!;
    const gone = new AbortController();
    void gate.enter(gone.signal);
    expect(gate.waiting).toBe(1);
    gone.abort();
    expect(gate.waiting).toBe(0);
    held();
    expect(gate.running).toBe(0);
  });
});

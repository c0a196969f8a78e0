import { describe, expect, it } from 'vitest';
import type { Bitmap } from '../../../main/capture/crop.ts';
import { ScreenPermission, ScreenPermissionError, type MediaAccess } from '../../../main/capture/permission.ts';
import type { Frame } from '../../../main/capture/session.ts';

const bitmap = (value: number): Bitmap => ({ data: new Uint8Array(40 * 30 * 4).fill(value), width: 40, height: 30, order: 'bgra' });
const frame = (value: number): Frame => ({ display: { id: '1', bounds: { x: 0, y: 0, width: 40, height: 30 }, scaleFactor: 1 }, bitmap: bitmap(value), preview: { mime: 'image/jpeg', data: new Uint8Array() } });

/** A Mac as Electron sees it: the status is read once per process, and the capture works only once really granted. */
class FakeMac {
  granted = false;
  asked = false;
  grabs = 0;
  /** What getMediaAccessStatus reports: cached for the life of the process, never 'not-determined'. */
  readonly #status: MediaAccess;
  readonly refusal: 'reject' | 'black';

  constructor(granted: boolean, asked: boolean, refusal: 'reject' | 'black' = 'reject') {
    this.refusal = refusal;
    this.granted = granted;
    this.asked = asked;
    this.#status = granted ? 'granted' : 'denied';
  }

  /** A new process of the app: the cached status is read afresh. */
  relaunch(): FakeMac {
    return new FakeMac(this.granted, this.asked, this.refusal);
  }

  permission(): ScreenPermission {
    return new ScreenPermission({ status: () => this.#status, asked: () => this.asked, markAsked: () => void (this.asked = true) });
  }

  grab = async (): Promise<Frame[]> => {
    this.grabs++;
    // Grants take effect for the process only after a relaunch.
    if (this.#status === 'granted') return [frame(120)];
    if (this.refusal === 'reject') throw new Error('Failed to get sources.');
    return [frame(0)];
  };
}

const adviceOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ScreenPermissionError);
  return (error as ScreenPermissionError).advice;
};

describe('ScreenPermission (macOS)', () => {
  it('never asked: makes the capture call that raises the prompt, then says to allow and relaunch', async () => {
    const mac = new FakeMac(false, false);
    const advice = await adviceOf(mac.permission().capture(mac.grab));
    expect(mac.grabs).toBe(1);
    expect(mac.asked).toBe(true);
    expect(advice).toEqual({ kind: 'prompted', actions: ['open-settings', 'relaunch'] });
  });

  it('granted: captures', async () => {
    const mac = new FakeMac(true, true);
    await expect(mac.permission().capture(mac.grab)).resolves.toHaveLength(1);
  });

  it('denied (asked before): says how to grant it, and black frames count as a refusal too', async () => {
    for (const refusal of ['reject', 'black'] as const) {
      const mac = new FakeMac(false, true, refusal);
      expect(await adviceOf(mac.permission().capture(mac.grab))).toEqual({ kind: 'denied', actions: ['open-settings', 'relaunch'] });
    }
  });

  it('granted after denied: the process keeps failing, so the next word is Relaunch, and a relaunch captures', async () => {
    const mac = new FakeMac(false, true);
    const permission = mac.permission();
    expect((await adviceOf(permission.capture(mac.grab))).kind).toBe('denied');
    mac.granted = true;
    expect(await adviceOf(permission.capture(mac.grab))).toEqual({ kind: 'relaunch', actions: ['relaunch', 'open-settings'] });
    const relaunched = mac.relaunch();
    await expect(relaunched.permission().capture(relaunched.grab)).resolves.toHaveLength(1);
  });

  it('restricted by a profile: says so without asking; granted but failing: the real error, not a permission one', async () => {
    const restricted = new ScreenPermission({ status: () => 'restricted', asked: () => true, markAsked: () => undefined });
    expect((await adviceOf(restricted.capture(async () => [frame(100)]))).kind).toBe('restricted');
    const granted = new ScreenPermission({ status: () => 'granted', asked: () => true, markAsked: () => undefined });
    await expect(granted.capture(async () => Promise.reject(new Error('no displays')))).rejects.toThrow('no displays');
  });
});

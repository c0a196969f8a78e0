/**
 * Clipboard watching (issue 25) through the real services: a fake clipboard port and a ticker the test turns by hand
 * (no clock), turned on and off through settings.update as the window does; each new image is read once as a paste is.
 */
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DROPPED_BYTES } from '../../../preload/api.ts';
import fc from 'fast-check';
import { ClipboardWatch, type ClipboardImagePort, type Ticker } from '../../../main/app/clipboard-watch.ts';
import { defaultSettings } from '../../../main/settings/schema.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

const render = (text: string): Promise<Uint8Array> =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="360" height="70"><rect width="100%" height="100%" fill="white"/><text x="14" y="48" font-family="DejaVu Sans, sans-serif" font-size="32" fill="black">${text}</text></svg>`))
    .png()
    .toBuffer()
    .then((buffer) => new Uint8Array(buffer));

/** The clipboard: what it holds now, and how often it was read. */
class FakeClipboard implements ClipboardImagePort {
  image: Uint8Array | null = null;
  reads = 0;
  async readImage(): Promise<Uint8Array | null> {
    this.reads++;
    return this.image ? new Uint8Array(this.image) : null;
  }
}

/** A ticker turned by hand: tick() runs one poll and waits for it. */
class HandTicker implements Ticker {
  running = 0;
  every(): () => void {
    this.running++;
    return () => void this.running--;
  }
}

let app: TestApp;
let clipboard: FakeClipboard;
let ticker: HandTicker;

beforeEach(() => {
  clipboard = new FakeClipboard();
  ticker = new HandTicker();
  app = createTestApp(tempDir(), { ports: { clipboardImage: clipboard, integrationTimings: { clipboardTicker: ticker } } });
  // No key: the offline engine reads, as it does for anyone without one.
  app.settings.update({ engine: 'local' });
});
afterEach(() => app.close());

async function tick(): Promise<void> {
  await app.services.integrations.clipboard.tick();
}

function clipboardEntries(): Array<{ status: string; preview: string }> {
  return app.history.list({ limit: 100 }).items.filter((entry) => entry.source.kind === 'clipboard').map((entry) => ({ status: entry.status, preview: entry.text ?? '' }));
}

describe('clipboard watching', () => {
  it('reads each new image once, as a paste: not the one there at the start, not the same one twice', async () => {
    clipboard.image = await render('Before 111');
    await app.services.integrations.start();
    app.settings.update({ clipboardWatch: true });
    expect(ticker.running).toBe(1);
    expect(app.services.integrations.status().clipboardWatch).toBe(true);
    await tick();
    await tick();
    await app.services.idle();
    expect(clipboardEntries()).toEqual([]);

    clipboard.image = await render('Copied 222');
    await tick();
    await tick();
    // The same image copied again right after: the same bytes.
    clipboard.image = await render('Copied 222');
    await tick();
    await app.services.idle();
    const read = clipboardEntries();
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ status: 'done' });
    expect(read[0]!.preview).toMatch(/Copied/);

    // Text copied over it (no image), then a new image: that one is read too.
    clipboard.image = null;
    await tick();
    clipboard.image = await render('Third 333');
    await tick();
    await app.services.idle();
    expect(clipboardEntries()).toHaveLength(2);
    expect(app.events.some((e) => e.event === 'integrations:changed' && (e.payload as { clipboardWatch: boolean }).clipboardWatch)).toBe(true);
  });

  it('an image Readout put on the clipboard itself is not read', async () => {
    await app.services.integrations.start();
    app.settings.update({ clipboardWatch: true });
    await tick();
    const own = await render('Mine 444');
    app.services.integrations.clipboard.ownImage(own);
    clipboard.image = own;
    await tick();
    await app.services.idle();
    expect(clipboardEntries()).toEqual([]);
  });

  it('off: nothing is read, and the poll stops', async () => {
    await app.services.integrations.start();
    app.settings.update({ clipboardWatch: true });
    await tick();
    app.settings.update({ clipboardWatch: false });
    expect(ticker.running).toBe(0);
    expect(app.services.integrations.status().clipboardWatch).toBe(false);
    const reads = clipboard.reads;
    clipboard.image = await render('After 555');
    await tick();
    await app.services.idle();
    expect(clipboard.reads).toBe(reads);
    expect(clipboardEntries()).toEqual([]);
  });

  it('an image past the paste limit is not read, and the user is told once', async () => {
    await app.services.integrations.start();
    app.settings.update({ clipboardWatch: true });
    await tick();
    const huge = new Uint8Array(MAX_DROPPED_BYTES + 1);
    huge.set([0x89, 0x50, 0x4e, 0x47], 0);
    clipboard.image = huge;
    await tick();
    await tick();
    await app.services.idle();
    expect(clipboardEntries()).toEqual([]);
    expect(app.failures).toHaveLength(1);
    expect(app.failures[0]!.error.code).toBe('image-too-large');
  });

  it('the setting alone does nothing before the app has started its integrations', async () => {
    app.settings.update({ clipboardWatch: true });
    expect(ticker.running).toBe(0);
  });
});

describe('clipboard watching, as a property', () => {
  it('over any sequence of clipboard contents, an image is read exactly when it differs from the last image seen, never the first', async () => {
    // Three small "images" (the watcher only hashes bytes) and "no image" (text copied, or nothing).
    const images = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5, 6]), new Uint8Array([7, 8, 9])];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }), { minLength: 1, maxLength: 30 }), async (states) => {
        let now: number | null = states[0]!;
        const read: number[] = [];
        const settings = { ...defaultSettings('linux'), clipboardWatch: true };
        const watch = new ClipboardWatch({
          settings: { get: () => settings, onChange: () => () => undefined },
          clipboard: { readImage: () => (now === null ? null : images[now]!) },
          read: (image) => void read.push(images.findIndex((candidate) => candidate.every((byte, i) => byte === image.bytes[i]))),
          notifyFailed: () => undefined,
          changed: () => undefined,
          ticker: { every: () => () => undefined },
        });
        watch.start();
        await watch.tick();
        const expected: number[] = [];
        let last = states[0];
        for (const state of states.slice(1)) {
          now = state;
          await watch.tick();
          if (state !== null && state !== last) expected.push(state);
          if (state !== null) last = state;
        }
        watch.close();
        expect(read).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bitmap } from '../../../main/capture/crop.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { DashScopeServer } from '../../support/dashscope-server.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
const server = new DashScopeServer();
let app: TestApp;

beforeAll(() => server.start());
afterAll(() => server.stop());
afterEach(() => app.close());

function grey(width: number, height: number, value: number): Bitmap {
  return { data: new Uint8Array(width * height * 4).fill(value), width, height, order: 'bgra' };
}

/** start() freezes the screens first; the overlays are up once the session is active. */
async function selecting(): Promise<void> {
  while (!app.capture.active) await new Promise((resolve) => setTimeout(resolve, 1));
}

const frame = (id: string, bitmap: Bitmap, x: number) => ({
  display: { id, bounds: { x, y: 0, width: bitmap.width, height: bitmap.height }, scaleFactor: 1 },
  bitmap,
  preview: { mime: 'image/jpeg', data: new Uint8Array([1]) },
});

describe('CaptureService', () => {
  it('queues captures: a new one starts while the last is still being read', async () => {
    app = createTestApp(tempDir());
    app.settings.update({ baseUrl: server.baseURL });
    await app.settings.setApiKey('sk-test-valid-key-0001');
    server.script({ kind: 'ok', text: 'slow first answer', chunkDelayMs: 200, chunkSize: 2 });
    app.frames = [frame('a', grey(400, 300, 200), 0)];
    const first = app.capture.start();
    await selecting();
    expect(app.capture.frameFor('a')).toMatchObject({ width: 400, height: 300, scaleFactor: 1 });
    app.capture.finish('a', { x: 10, y: 10, width: 100, height: 50 });
    await first;
    const second = app.capture.start();
    await selecting();
    app.capture.finish('a', { x: 20, y: 20, width: 60, height: 60 });
    await second;
    // The second capture is taken while the first recognition is still streaming: it did not wait for it.
    const finished = app.events.filter((e) => e.event === 'ocr:progress' && (e.payload as { state: string }).state === 'done');
    expect(finished).toEqual([]);
    expect(app.captured.map((c) => c.name)).toEqual(['100×50', '60×60']);
    await app.services.idle();
    expect(app.history.list().items.map((e) => [e.source.kind, e.status])).toEqual([
      ['region', 'done'],
      ['region', 'done'],
    ]);
  });

  it('ignores a second press while a selection is on screen', async () => {
    app = createTestApp(tempDir());
    app.frames = [frame('a', grey(100, 100, 90), 0)];
    const first = app.capture.start();
    await selecting();
    await app.capture.start();
    expect(app.overlays).toEqual(['show']);
    app.capture.cancel();
    await first;
    expect(app.overlays).toEqual(['show', 'hide']);
  });

  it('says so when every capture is black (no permission), and shows no overlay', async () => {
    app = createTestApp(tempDir());
    app.frames = [frame('a', grey(100, 100, 0), 0), frame('b', grey(100, 100, 0), 100)];
    await app.capture.start();
    expect(app.problems.map((p) => p.code)).toEqual(['capture-permission']);
    expect(app.overlays).toEqual([]);
  });

  it('pieces together a rectangle drawn across two displays, and repeats it', async () => {
    app = createTestApp(tempDir());
    const left = frame('left', grey(100, 100, 200), 0);
    const right = { ...frame('right', grey(200, 200, 40), 100), display: { id: 'right', bounds: { x: 100, y: 0, width: 100, height: 100 }, scaleFactor: 2 } };
    app.frames = [left, right];
    const started = app.capture.start();
    await selecting();
    app.capture.finishAcross({ x: 60, y: 10, width: 80, height: 30 });
    await started;
    await app.capture.repeat();
    expect(app.captured.map((c) => [c.name, c.source])).toEqual([
      ['160×60', { kind: 'region', displayId: 'left', rect: { x: 60, y: 10, width: 80, height: 30 } }],
      ['160×60', { kind: 'region', displayId: 'left', rect: { x: 60, y: 10, width: 80, height: 30 } }],
    ]);
  });

  it('repeats the last region on the same display, or says the display is gone', async () => {
    app = createTestApp(tempDir());
    app.frames = [frame('a', grey(200, 100, 120), 0), frame('b', grey(300, 200, 60), 200)];
    const first = app.capture.start();
    await selecting();
    app.capture.finish('b', { x: 5, y: 5, width: 50, height: 40 });
    await first;
    await app.capture.repeat();
    expect(app.captured.map((c) => [c.source, c.name])).toEqual([
      [{ kind: 'region', displayId: 'b', rect: { x: 205, y: 5, width: 50, height: 40 } }, '50×40'],
      [{ kind: 'region', displayId: 'b', rect: { x: 205, y: 5, width: 50, height: 40 } }, '50×40'],
    ]);
    app.frames = [frame('a', grey(200, 100, 120), 0)];
    await app.capture.repeat();
    expect(app.problems.map((p) => p.code)).toEqual(['capture-region-gone']);
  });

  it('reports a failure after the selection instead of rejecting, and is ready for the next capture', async () => {
    app = createTestApp(tempDir());
    // A bitmap shorter than its stated size: cropping it throws after the user has chosen the region.
    const broken = { ...frame('a', grey(100, 100, 90), 0), bitmap: { ...grey(100, 100, 90), data: new Uint8Array(1000).fill(90) } };
    app.frames = [broken];
    const started = app.capture.start();
    await selecting();
    app.capture.finish('a', { x: 10, y: 10, width: 50, height: 50 });
    await expect(started).resolves.toBeUndefined();
    expect(app.problems.map((p) => p.code)).toEqual(['capture-corrupt']);
    expect(app.capture.active).toBe(false);
    expect(app.overlays).toEqual(['show', 'hide']);
  });

  it('a cancel from the overlays going away ends the selection, so the next press captures again', async () => {
    app = createTestApp(tempDir());
    app.frames = [frame('a', grey(100, 100, 90), 0)];
    const first = app.capture.start();
    await selecting();
    app.capture.cancel();
    await first;
    const second = app.capture.start();
    await selecting();
    app.capture.finish('a', { x: 0, y: 0, width: 30, height: 30 });
    await second;
    expect(app.captured.map((c) => c.name)).toEqual(['30×30']);
  });
});

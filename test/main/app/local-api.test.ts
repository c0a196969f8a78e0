/**
 * The app's Local API (issue 25) over real HTTP on a real socket: turned on, moved and turned off through
 * settings.update as the window does; a read answered with `readout --json`'s objects, kept in the app's history and
 * said to the window; a port in use is a failed status with its code; the token regenerated refuses the old one.
 */
import { createServer, type Server } from 'node:net';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntegrationsStatus } from '../../../preload/api.ts';
import type { Ticker } from '../../../main/app/clipboard-watch.ts';
import { PORT_RETRY_MS } from '../../../main/app/local-api.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { call } from '../../support/http-call.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
let app: TestApp;

/** The Local API's port retries, turned by hand: turn() runs the timer's tick as 10 s passing would. */
class HandTicker implements Ticker {
  ms: number | null = null;
  /** The last tick handed to the ticker, stopped or not: a timer that fires as it is being stopped. */
  last: (() => void) | null = null;
  #tick: (() => void) | null = null;
  get running(): boolean {
    return this.#tick !== null;
  }
  every(ms: number, tick: () => void): () => void {
    this.ms = ms;
    this.#tick = tick;
    this.last = tick;
    return () => {
      if (this.#tick === tick) this.#tick = null;
    };
  }
  async turn(): Promise<void> {
    this.#tick?.();
    await app.services.integrations.localApi.settled();
  }
}
let ticker: HandTicker;

const render = (text: string): Promise<Buffer> =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="70"><rect width="100%" height="100%" fill="white"/><text x="14" y="48" font-family="DejaVu Sans, sans-serif" font-size="32" fill="black">${text}</text></svg>`))
    .png()
    .toBuffer();

/** A port nothing listens on now (the OS's pick, let go at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Something else holding a port on 127.0.0.1. */
function occupy(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, server }));
  });
}

async function turnOn(patch: { localApiPort: number; localApiLan?: boolean }): Promise<void> {
  app.services.settings.update({ localApi: true, ...patch });
  await app.services.integrations.localApi.settled();
}

const bearer = (token: string | null): Record<string, string> => ({ Authorization: `Bearer ${token ?? ''}` });

beforeEach(async () => {
  ticker = new HandTicker();
  app = createTestApp(tempDir(), { ports: { startCapture: () => void app.captureStarts++, integrationTimings: { localApiTicker: ticker } } });
  app.settings.update({ engine: 'local' });
  await app.services.integrations.start();
});
afterEach(() => app.close());

describe('the Local API in the app', () => {
  it('is off by default; turned on, it reads a file, keeps it in the history and tells the window', async () => {
    expect(app.services.integrations.status().localApi).toEqual({ state: 'off', url: null, token: null, error: null });
    const port = await freePort();
    await turnOn({ localApiPort: port });
    const status = app.services.integrations.status().localApi;
    expect(status).toMatchObject({ state: 'on', url: `http://127.0.0.1:${port}`, error: null });
    // Made when first turned on, 32 random bytes as base64url; never in the window's settings.
    expect(status.token).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(app.services.settings.get())).not.toContain(status.token!);
    const pushed = app.events.filter((e) => e.event === 'integrations:changed').map((e) => (e.payload as IntegrationsStatus).localApi.state);
    expect(pushed).toEqual(expect.arrayContaining(['starting', 'on']));

    app.events.length = 0;
    const read = await call({ port, method: 'POST', path: '/v1/read?file=hello.png', headers: { 'Content-Type': 'image/png', ...bearer(status.token) }, body: await render('Hello 42') });
    expect(read.status).toBe(200);
    const [report] = read.json as Array<{ ok: boolean; text: string; engine: string; entryId: number; file: string }>;
    expect(report).toMatchObject({ ok: true, engine: 'local', file: 'hello.png' });
    expect(report!.text).toMatch(/Hello/);
    const entry = app.history.get(report!.entryId)!;
    expect(entry).toMatchObject({ status: 'done', fileName: 'hello.png' });
    expect(app.events.some((e) => e.event === 'history:changed' && (e.payload as { ids: number[] }).ids?.includes(report!.entryId))).toBe(true);

    // /v1 needs the token in the app: without it, refused.
    const refused = await call({ port, path: '/v1/history?q=Hello' });
    expect(refused.status).toBe(401);
    const found = await call({ port, path: '/v1/history?q=Hello', headers: bearer(status.token) });
    expect(found.status).toBe(200);
    expect((found.json as { entries: Array<{ id: number }> }).entries.map((e) => e.id)).toContain(report!.entryId);

    // A capture as the hotkey starts one.
    const captured = await call({ port, method: 'POST', path: '/v1/capture', headers: { 'Content-Type': 'application/json', ...bearer(status.token) }, body: '{}' });
    expect(captured.status).toBe(202);
    expect(app.captureStarts).toBe(1);
  });

  it('a read over the API follows the history settings as any reading in the app: "keep images" off keeps none', async () => {
    app.settings.update({ keepImages: false });
    const port = await freePort();
    await turnOn({ localApiPort: port });
    const token = app.services.integrations.status().localApi.token;
    const read = await call({ port, method: 'POST', path: '/v1/read', headers: { 'Content-Type': 'image/png', ...bearer(token) }, body: await render('No image 5') });
    const [report] = read.json as Array<{ ok: boolean; entryId: number }>;
    expect(report!.ok).toBe(true);
    expect(app.history.get(report!.entryId)!.hasImage).toBe(false);
  });

  it('a port in use is a failed status with its code, never a crash; another port then works', async () => {
    const taken = await occupy();
    try {
      await turnOn({ localApiPort: taken.port });
      const failed = app.services.integrations.status().localApi;
      expect(failed).toMatchObject({ state: 'failed', url: null, error: { code: 'api-port-in-use' } });
      expect(failed.error!.message).toContain(String(taken.port));
      const pushed = app.events.filter((e) => e.event === 'integrations:changed').at(-1)!.payload as IntegrationsStatus;
      expect(pushed.localApi.state).toBe('failed');
      const port = await freePort();
      await turnOn({ localApiPort: port });
      expect(app.services.integrations.status().localApi).toMatchObject({ state: 'on', url: `http://127.0.0.1:${port}`, error: null });
      const health = await call({ port, path: '/v1/health', headers: bearer(app.services.integrations.status().localApi.token) });
      expect(health.status).toBe(200);
    } finally {
      taken.server.close();
    }
  });

  it('failed on a port in use, it tries again every 10 s and comes up once the port is free, telling the window', async () => {
    const taken = await occupy();
    await turnOn({ localApiPort: taken.port });
    expect(app.services.integrations.status().localApi).toMatchObject({ state: 'failed', error: { code: 'api-port-in-use' } });
    expect([ticker.running, ticker.ms]).toEqual([true, PORT_RETRY_MS]);
    // Still taken: the try fails in silence (the status already says so), and the tries go on.
    app.events.length = 0;
    await ticker.turn();
    expect(app.services.integrations.status().localApi).toMatchObject({ state: 'failed', error: { code: 'api-port-in-use' } });
    expect(app.events.filter((e) => e.event === 'integrations:changed')).toEqual([]);
    expect(ticker.running).toBe(true);

    await new Promise<void>((resolve) => taken.server.close(() => resolve()));
    await ticker.turn();
    const status = app.services.integrations.status().localApi;
    expect(status).toMatchObject({ state: 'on', url: `http://127.0.0.1:${taken.port}`, error: null });
    const pushed = app.events.filter((e) => e.event === 'integrations:changed').map((e) => (e.payload as IntegrationsStatus).localApi.state);
    expect(pushed).toEqual(['on']);
    expect((await call({ port: taken.port, path: '/v1/health', headers: bearer(status.token) })).status).toBe(200);
    // Up: no more tries.
    expect(ticker.running).toBe(false);
  });

  it('stops trying a port in use when turned off or moved to another port', async () => {
    const taken = await occupy();
    let stale: (() => void) | null = null;
    try {
      await turnOn({ localApiPort: taken.port });
      expect(ticker.running).toBe(true);
      app.services.settings.update({ localApi: false });
      expect(ticker.running).toBe(false);
      await app.services.integrations.localApi.settled();
      expect(app.services.integrations.status().localApi.state).toBe('off');

      await turnOn({ localApiPort: taken.port });
      expect(ticker.running).toBe(true);
      stale = ticker.last;
      const port = await freePort();
      await turnOn({ localApiPort: port });
      expect(ticker.running).toBe(false);
      expect(app.services.integrations.status().localApi).toMatchObject({ state: 'on', url: `http://127.0.0.1:${port}` });
    } finally {
      await new Promise<void>((resolve) => taken.server.close(() => resolve()));
    }
    // A stale tick of the old port's tries (its timer firing as the port changed), now that the old port is free too,
    // does nothing to the server that is up.
    const before = app.services.integrations.status().localApi;
    app.events.length = 0;
    stale!();
    await app.services.integrations.localApi.settled();
    expect(app.services.integrations.status().localApi).toEqual(before);
    expect(app.events.filter((e) => e.event === 'integrations:changed')).toEqual([]);
    await expect(call({ port: taken.port, path: '/v1/health' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('turned off: the port refuses connections; a port change moves it', async () => {
    const first = await freePort();
    await turnOn({ localApiPort: first });
    const token = app.services.integrations.status().localApi.token;
    const second = await freePort();
    await turnOn({ localApiPort: second });
    await expect(call({ port: first, path: '/v1/health', headers: bearer(token) })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect((await call({ port: second, path: '/v1/health', headers: bearer(token) })).status).toBe(200);
    app.services.settings.update({ localApi: false });
    await app.services.integrations.localApi.settled();
    expect(app.services.integrations.status().localApi).toMatchObject({ state: 'off', url: null });
    await expect(call({ port: second, path: '/v1/health', headers: bearer(token) })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('stopped at quit (AppServices.close): the port refuses connections, and the settings stay as they were', async () => {
    const port = await freePort();
    await turnOn({ localApiPort: port });
    const token = app.services.integrations.status().localApi.token;
    expect((await call({ port, path: '/v1/health', headers: bearer(token) })).status).toBe(200);
    await app.services.integrations.close();
    await expect(call({ port, path: '/v1/health', headers: bearer(token) })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(app.settings.get().localApi).toBe(true);
  });

  it('a regenerated token is the only one accepted, at once', async () => {
    const port = await freePort();
    await turnOn({ localApiPort: port });
    const old = app.services.integrations.status().localApi.token;
    expect((await call({ port, path: '/v1/health', headers: bearer(old) })).status).toBe(200);
    const next = await app.services.integrations.regenerateToken();
    expect(next.state).toBe('on');
    expect(next.token).not.toBe(old);
    expect((await call({ port, path: '/v1/health', headers: bearer(old) })).status).toBe(401);
    expect((await call({ port, path: '/v1/health', headers: bearer(next.token) })).status).toBe(200);
  });

  it('on the LAN every route needs the token, Umi-OCR\'s too', async () => {
    const port = await freePort();
    await turnOn({ localApiPort: port, localApiLan: true });
    const status = app.services.integrations.status().localApi;
    expect(status.state).toBe('on');
    expect(status.url).toMatch(new RegExp(`^http://[\\d.]+:${port}$`));
    const umi = await call({ port, path: '/api/ocr/get_options' });
    expect(umi.status).toBe(401);
    expect((await call({ port, path: '/api/ocr/get_options', headers: bearer(status.token) })).status).toBe(200);
  });
});

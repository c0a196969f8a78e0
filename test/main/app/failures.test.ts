/**
 * Failures reach the user (ux-walkthrough-2 H3, H4, M3, M7, M13), with the real services against the stand-in
 * DashScope server: a capture that fails is said through the notifier port; Qwen out of reach falls back to the
 * offline engine, marked; waits and retries are told as they happen; a PDF counts pages; a skipped password can be
 * given later. Waits are for the services' own events, never for a clock.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobWait, OcrProgress } from '../../../preload/api.ts';
import { failureMessage, sayFailure, type FailedAction } from '../../../main/app/failure-notice.ts';
import { whenEvents } from '../../support/app-events.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { DashScopeServer } from '../../support/dashscope-server.ts';
import { fixture } from '../../support/paths.ts';
import { printPdf } from '../../support/pdf.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const SLOW = { timeout: 120_000 };
const tempDir = useTempDir();
const server = new DashScopeServer();
let app: TestApp | undefined;

beforeAll(() => server.start());
afterAll(() => server.stop());
afterEach(async () => {
  await app?.close();
  app = undefined;
  server.script();
});

/** A port nothing listens on: connections to it are refused, as with no network or a dead proxy. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function qwenApp(baseUrl = server.baseURL, settings: Parameters<TestApp['settings']['update']>[0] = {}): Promise<TestApp> {
  app = createTestApp(tempDir());
  app.settings.update({ baseUrl, ...settings });
  await app.settings.setApiKey(KEY);
  return app;
}

const png = () => readFileSync(fixture('text/en-zh.png'));
const region = { kind: 'region' as const, displayId: 'd', rect: { x: 0, y: 0, width: 10, height: 10 } };
const progress = (a: TestApp): OcrProgress[] => a.events.filter((e) => e.event === 'ocr:progress').map((e) => e.payload as OcrProgress);
const waits = (a: TestApp): JobWait[] => progress(a).flatMap((p) => (p.wait ? [p.wait] : []));

describe('a capture whose reading fails is said (H3)', () => {
  it('a rejected key: the notifier port hears the capture, its entry and the reason', async () => {
    const a = await qwenApp();
    server.script({ kind: 'error', status: 401, code: 'invalid_api_key', message: 'Incorrect API key provided.' });
    a.services.jobs.recognizeBytes(png(), 'capture.png', region, { reveal: true });
    await a.services.idle();
    const entry = a.history.list().items[0]!;
    expect(entry.status).toBe('failed');
    expect(a.failures).toEqual([{ count: 1, failed: 1, entryId: entry.id, name: 'capture.png', capture: true, error: expect.objectContaining({ code: 'auth' }), offline: true }]);
    expect(a.notifications).toEqual([]);
  });

  it('no network and no fallback: said as a network failure', SLOW, async () => {
    const a = await qwenApp(`http://127.0.0.1:${await closedPort()}/compatible-mode/v1`, { offlineFallback: false });
    a.services.jobs.recognizeBytes(png(), 'capture.png', region, { reveal: true });
    await a.services.idle();
    expect(a.failures).toMatchObject([{ capture: true, error: { code: 'network' } }]);
  });

  it('a batch where every file failed is said once, with how many; one where one was read, or the user cancelled, is not', SLOW, async () => {
    const a = await qwenApp();
    server.script(...Array.from({ length: 3 }, () => ({ kind: 'error' as const, status: 401, code: 'invalid_api_key', message: 'no' })));
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/broken.png`, 'not an image');
    a.services.jobs.recognizeFiles([`${dir}/broken.png`, fixture('text/en-zh.png')]);
    await a.services.idle();
    expect(a.failures).toMatchObject([{ count: 2, failed: 2, capture: false }]);
    server.script({ kind: 'hang' });
    const ticket = a.services.jobs.recognizeBytes(png(), 'capture.png', region);
    await whenEvents(a, () => waits(a).some((w) => w.state === 'waiting'));
    a.services.jobs.cancel(ticket.jobId);
    await a.services.idle();
    expect(a.history.list().items[0]).toMatchObject({ status: 'cancelled' });
    expect(a.failures).toHaveLength(1);
  });

  it('where the user is looking: the window in front opens the entry; else a notification in their language that opens it', () => {
    const failure: FailedAction = { count: 1, failed: 1, entryId: 7, name: 'capture.png', capture: true, error: { code: 'auth', message: 'The API key was rejected', retryable: false }, offline: true };
    const said: string[] = [];
    const ports = (focused: boolean, notifications = true, buttons = false) => ({
      windowFocused: () => focused,
      notificationsOn: () => notifications,
      showEntry: (id: number | null) => void said.push(`window on ${id}`),
      notify: (message: { title: string; body: string }, open: () => void, actions: Array<{ label: string; run: () => void }>) => {
        said.push(`${message.title} | ${message.body}`);
        if (actions.length > 0) {
          said.push(`buttons ${actions.map((action) => action.label).join(', ')}`);
          actions[0]!.run();
        } else open();
      },
      actionsSupported: () => buttons,
      readOffline: (id: number) => void said.push(`offline ${id}`),
      language: () => ({ setting: 'system', locale: 'zh-CN' }),
    });
    sayFailure(failure, ports(true));
    sayFailure(failure, ports(false, false));
    expect(said).toEqual(['window on 7', 'window on 7']);
    said.length = 0;
    // The notification's click (run here at once) opens the entry too.
    sayFailure(failure, ports(false));
    expect(said[0]).toMatch(/^无法读取截图 \| API 密钥/);
    expect(said[1]).toBe('window on 7');
    // Where notifications have buttons (macOS): Read offline, and Open Readout.
    said.length = 0;
    sayFailure(failure, ports(false, true, true));
    expect(said.slice(1)).toEqual(['buttons 离线读取, 打开 Readout', 'offline 7']);
    expect(failureMessage({ ...failure, capture: false, count: 3 }, { setting: 'en', locale: 'zh-CN' }).title).toBe('None of the 3 files could be read');
    expect(failureMessage({ ...failure, capture: false }, { setting: 'en', locale: 'en' })).toEqual({
      title: "Couldn't read capture.png",
      body: 'The API key was rejected. Check it in Settings; keys work only in their own region. Click to open it in Readout.',
    });
  });
});

describe('Qwen out of reach: the offline engine reads instead (H4)', () => {
  it('refused connections: the entry is done by the offline engine, marked as a fallback, and nothing is said as failed', SLOW, async () => {
    const a = await qwenApp(`http://127.0.0.1:${await closedPort()}/compatible-mode/v1`);
    a.services.jobs.recognizeBytes(png(), 'capture.png', region, { reveal: true });
    await a.services.idle();
    const entry = a.history.list().items[0]!;
    expect(entry).toMatchObject({ status: 'done', engine: 'local', fallback: 'network', error: null });
    expect(entry.text).toMatch(/Readout/);
    expect(a.failures).toEqual([]);
    expect(a.notifications).toHaveLength(1);
    // The window heard it: the offline engine has it, and why.
    expect(waits(a).at(-1)).toEqual({ state: 'offline', from: 'network' });
    const view = (await import('../../../main/app/views.ts')).toEntryView(entry);
    expect(view.fallback).toEqual({ from: 'network' });
  });

  it('a rejected key is not a reason to read offline', async () => {
    const a = await qwenApp();
    server.script({ kind: 'error', status: 401, code: 'invalid_api_key', message: 'no' });
    a.services.jobs.recognizeBytes(png(), 'capture.png', region);
    await a.services.idle();
    expect(a.history.list().items[0]).toMatchObject({ status: 'failed', engine: 'qwen', fallback: null });
  });
});

describe('a long wait says what is happening (M13)', () => {
  it('server errors: each retry is told with its attempt, of how many, and when it starts', async () => {
    const a = await qwenApp();
    server.script({ kind: 'error', status: 500, code: 'InternalError', message: 'boom' }, { kind: 'error', status: 500, code: 'InternalError', message: 'boom' });
    a.services.jobs.recognizeBytes(png(), 'capture.png', region);
    await a.services.idle();
    const told = waits(a);
    expect(told.map((w) => (w.state === 'retrying' ? `retrying ${w.attempt}/${w.of} ${w.code}` : w.state))).toEqual([
      'waiting',
      'retrying 2/4 server',
      'waiting',
      'retrying 3/4 server',
      'waiting',
    ]);
    for (const wait of told) if (wait.state === 'retrying') expect(wait.retryAt).toBeGreaterThan(0);
    expect(a.history.list().items[0]).toMatchObject({ status: 'done', engine: 'qwen', fallback: null });
  });

  it('"Read offline instead" while Qwen is silent: the offline engine reads it in place, marked as asked', SLOW, async () => {
    const a = await qwenApp();
    let release = (): void => undefined;
    server.script({ kind: 'ok', after: new Promise<void>((resolve) => (release = resolve)), holdAt: 0 });
    const ticket = a.services.jobs.recognizeBytes(png(), 'capture.png', region);
    await whenEvents(a, () => waits(a).some((w) => w.state === 'waiting'));
    expect(a.services.jobs.readOffline(ticket.jobId)).toBe(true);
    await a.services.idle();
    release();
    expect(a.history.list().items).toHaveLength(1);
    expect(a.history.list().items[0]).toMatchObject({ status: 'done', engine: 'local', fallback: 'asked' });
    expect(a.services.jobs.readOffline(ticket.jobId)).toBe(false);
  });
});

describe('PDFs (M3, M7)', () => {
  it('progress names the page and how many there are, per page', SLOW, async () => {
    app = createTestApp(tempDir());
    app.settings.update({ engine: 'local' });
    const pdf = await printPdf(['<p>One</p>', '<p>Two</p>', '<p>Three</p>']);
    app.services.jobs.recognizeImage({ name: 'three.pdf', bytes: pdf, source: 'drop' });
    await app.services.idle();
    const pages = progress(app).filter((p) => p.state === 'reading').map((p) => p.page);
    expect(pages).toEqual([{ number: 1, of: 3 }, { number: 2, of: 3 }, { number: 3, of: 3 }]);
    expect(progress(app).at(-1)).toMatchObject({ state: 'done', page: { number: 3, of: 3 } });
  });

  it('a skipped password leaves an entry that asks again and reads it, this session', SLOW, async () => {
    app = createTestApp(tempDir());
    app.settings.update({ engine: 'local' });
    const a = app;
    const answers = ['skip', 'readout'];
    a.onEmit = (event, payload) => {
      if (event !== 'ocr:passwordNeeded') return;
      const answer = answers.shift();
      void a.services.passwords.answer((payload as { requestId: number }).requestId, answer === 'skip' ? null : (answer ?? null));
    };
    a.services.jobs.recognizeImage({ name: 'locked.pdf', bytes: new Uint8Array(readFileSync(fixture('pdf/encrypted.pdf'))), source: 'drop' });
    await a.services.idle();
    const failed = a.history.list().items[0]!;
    expect(failed).toMatchObject({ status: 'failed', hasImage: false, error: { code: 'pdf-password', retryable: true } });
    expect(a.failures).toMatchObject([{ entryId: failed.id, error: { code: 'pdf-password' } }]);
    a.services.jobs.retry(failed.id);
    await a.services.idle();
    expect(answers).toEqual([]);
    const items = a.history.list().items;
    expect(items.map((e) => e.status)).toEqual(['done']);
    expect(items[0]!.text).toContain('Locked contract');
  });
});

/**
 * Failures reach the user, in the window (ux-walkthrough-2 H3, H4, M3, M4, M7, M13, L13, L16): the real services
 * behind the page and the stand-in DashScope server staging silence, server errors and refused connections. Reading
 * is waited for by the services' own events; what the page shows after them is polled for.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import type { JobWait, OcrProgress } from '../../preload/api.ts';
import { jobsDone, whenEvents } from '../support/app-events.ts';
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { dropFiles } from '../support/app-page.ts';
import { fixture } from '../support/paths.ts';
import { printPdf } from '../support/pdf.ts';
import { seed } from '../support/seed.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const KEY = 'sk-test-valid-key-0001';
const SLOW = { timeout: 120_000 };
vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { server, tempDir } = suite;
const SHOTS = '/tmp/shots/failures';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
/** The words of a template before its first value: what the page shows whatever the seconds. */
const lead = (template: string) => template.split('{{')[0]!;

const png = () => readFileSync(fixture('text/en-zh.png'));
const region = { kind: 'region' as const, displayId: 'd', rect: { x: 0, y: 0, width: 10, height: 10 } };
const waits = (app: TestApp): JobWait[] =>
  app.events.flatMap((e) => (e.event === 'ocr:progress' && (e.payload as OcrProgress).wait ? [(e.payload as OcrProgress).wait!] : []));

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function qwenApp(baseUrl = server.baseURL, settings: Parameters<TestApp['settings']['update']>[0] = {}): Promise<TestApp> {
  suite.app = createTestApp(tempDir());
  suite.app.settings.update({ baseUrl, ...settings });
  await suite.app.settings.setApiKey(KEY);
  return suite.app;
}

/** A capture, as the hotkey makes one: its entry opens as it starts. */
const capture = (app: TestApp) => app.services.jobs.recognizeBytes(png(), 'capture.png', region, { reveal: true });

describe('Qwen out of reach: read offline, and said (H4)', () => {
  it('refused connections: the capture is read offline, the result says so after a reload, and offers Qwen again', SLOW, async () => {
    const app = await qwenApp(`http://127.0.0.1:${await closedPort()}/compatible-mode/v1`);
    const page = await suite.open();
    capture(app);
    await jobsDone(app, 1);
    expect(app.history.list().items[0]).toMatchObject({ status: 'done', engine: 'local', fallback: 'network' });
    const note = page.getByTestId('fallback-note');
    await expect.poll(() => note.textContent()).toContain(en.failures.fallback.note);
    expect(await page.getByTestId('error-box').count()).toBe(0);
    await shot(page, 'fallback-1100-en-light');
    await page.reload();
    await page.getByTestId('history-row').first().click();
    await expect.poll(() => note.textContent()).toContain(en.failures.fallback.note);
    // Read with Qwen again: a new reading by Qwen (still unreachable here, so with the fallback off it fails).
    app.settings.update({ offlineFallback: false });
    await note.getByRole('button', { name: en.failures.fallback.again }).click();
    await jobsDone(app, 2);
    expect(app.history.list().items.map((e) => [e.engine, e.status])).toEqual([['qwen', 'failed'], ['local', 'done']]);
    // In Chinese, dark.
    app.settings.update({ language: 'zh-CN' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.getByTestId('history-row').nth(1).click();
    await expect.poll(() => note.textContent()).toContain(zhCN.failures.fallback.note);
    await shot(page, 'fallback-1100-zh-dark');
  });

  it('with the fallback off, a network error offers Read it offline first (zh-CN, dark)', async () => {
    suite.app = createTestApp(tempDir());
    const [id] = await seed(suite.app, ['x']);
    suite.app.history.fail(id!, { code: 'network', message: 'Connection error.', retryable: true });
    const page = await suite.open({ locale: 'zh-CN', colorScheme: 'dark' });
    await page.getByTestId('history-row').first().click();
    const box = page.getByTestId('error-box');
    await expect.poll(() => box.getByRole('button').allTextContents()).toEqual([zhCN.error.useOffline, zhCN.error.retry]);
    await shot(page, 'network-error-1100-zh-dark');
  });

  it('the setting is in Settings, on by default, and turning it off is kept', async () => {
    suite.app = createTestApp(tempDir());
    const page = await suite.open();
    await page.getByTestId('open-settings').click();
    const box = page.getByRole('checkbox', { name: en.failures.setting });
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await expect.poll(() => suite.app!.settings.get().offlineFallback).toBe(false);
  });
});

describe('a long wait says what is happening (M13)', () => {
  it('Qwen silent: "Waiting for Qwen… N s" on the result and in the queue, and Read offline instead reads it offline', SLOW, async () => {
    const app = await qwenApp();
    let release = (): void => undefined;
    server.script({ kind: 'ok', after: new Promise<void>((resolve) => (release = resolve)), holdAt: 0 });
    const page = await suite.open();
    capture(app);
    await whenEvents(app, () => waits(app).some((w) => w.state === 'waiting'));
    const note = page.getByTestId('job-wait');
    // Said once the silence has lasted WAIT_NOTICE_MS (the server holds it for as long as the test looks).
    await expect.poll(() => note.textContent()).toContain(lead(en.failures.wait.waiting));
    await expect.poll(() => page.getByTestId('queue-wait').textContent()).toContain(lead(en.failures.wait.waiting));
    await shot(page, 'waiting-1100-en-light');
    await page.setViewportSize({ width: 640, height: 480 });
    await shot(page, 'waiting-640-en-light');
    await page.setViewportSize({ width: 1100, height: 720 });
    await note.getByRole('button', { name: en.failures.wait.readOffline }).click();
    await jobsDone(app, 1);
    release();
    expect(app.history.list().items[0]).toMatchObject({ status: 'done', engine: 'local', fallback: 'asked' });
    await expect.poll(() => page.getByTestId('fallback-note').textContent()).toContain(en.failures.fallback.asked);
    await shot(page, 'fallback-asked-1100-en-light');
  });

  it('server errors: "Service error, retrying in N s (2/4)", then the text (zh-CN, dark, 1440)', SLOW, async () => {
    const app = await qwenApp();
    // A Retry-After of 8 s holds the pause long enough to be seen on any machine.
    server.script({ kind: 'error', status: 500, code: 'InternalError', message: 'boom', retryAfter: 8 });
    const page = await suite.open({ locale: 'zh-CN', colorScheme: 'dark' });
    await page.setViewportSize({ width: 1440, height: 900 });
    capture(app);
    await whenEvents(app, () => waits(app).some((w) => w.state === 'retrying'));
    const retrying = fill(zhCN.failures.wait.retrying, { seconds: 'N', attempt: 2, of: 4 }).split('N')[0]!;
    await expect.poll(() => page.getByTestId('job-wait').textContent()).toContain(retrying);
    expect(await page.getByTestId('job-wait').textContent()).toContain('（2/4）');
    await shot(page, 'retrying-1440-zh-dark');
    await jobsDone(app, 1);
    await expect.poll(() => page.getByTestId('result-text').textContent()).toContain('Readout');
    expect(await page.getByTestId('job-wait').count()).toBe(0);
  });
});

describe('PDFs: pages counted and streamed apart (M3, M4), and a skipped password (M7)', () => {
  it('while page 2 of 3 streams: the queue says the page, the bar has moved, and page 2 shows only its own text', SLOW, async () => {
    const app = await qwenApp(server.baseURL, { pdfText: 'never' });
    let release = (): void => undefined;
    server.script({ kind: 'ok', text: 'P1 P1 P1' }, { kind: 'ok', text: 'P2 P2 P2 P2', after: new Promise<void>((resolve) => (release = resolve)), holdAt: 2 });
    const page = await suite.open();
    const pdf = await printPdf(['<p>One</p>', '<p>Two</p>', '<p>Three</p>']);
    await dropFiles(page, [{ name: 'three.pdf', type: 'application/pdf', bytes: pdf }]);
    await whenEvents(app, (events) => events.some((e) => e.event === 'ocr:delta' && (e.payload as { delta: string }).delta.includes('P2')));
    await expect.poll(() => page.getByTestId('queue-progress').textContent()).toBe(fill(en.failures.pageProgress, { page: 2, pages: 3, name: 'three.pdf' }));
    expect(await page.getByTestId('queue').locator('progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([1, 3]);
    await page.getByTestId('history-row').filter({ hasText: 'Page 2 of 3' }).click();
    await expect.poll(() => page.getByTestId('result-text').textContent()).toContain('P2');
    expect(await page.getByTestId('result-text').textContent()).not.toContain('P1');
    await shot(page, 'pdf-page-2-1100-en-light');
    release();
    await jobsDone(app, 1);
  });

  it('a skipped password leaves "Enter password…", which asks again and reads it', SLOW, async () => {
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ engine: 'local' });
    const page = await suite.open();
    await dropFiles(page, [{ name: 'locked.pdf', type: 'application/pdf', bytes: readFileSync(fixture('pdf/encrypted.pdf')) }]);
    await page.getByTestId('pdf-password').waitFor();
    await page.keyboard.press('Escape');
    await jobsDone(suite.app, 1);
    await page.getByTestId('history-row').first().click();
    const again = page.getByTestId('error-box').getByRole('button', { name: en.failures.enterPassword });
    await again.waitFor();
    await shot(page, 'pdf-skipped-1100-en-light');
    await again.click();
    await page.getByTestId('pdf-password').waitFor();
    await page.getByTestId('pdf-password-input').fill('readout');
    await page.keyboard.press('Enter');
    await jobsDone(suite.app, 2);
    expect(suite.app.history.list().items.map((e) => e.status)).toEqual(['done']);
    expect(suite.app.history.list().items[0]!.text).toContain('Locked contract');
  });
});

describe('error boxes that lead somewhere (H3, L13, L16)', () => {
  it('a failed capture opens on its error box, and the main process can open an entry (app:showEntry)', async () => {
    const app = await qwenApp();
    await seed(app, ['older entry']);
    server.script({ kind: 'error', status: 401, code: 'invalid_api_key', message: 'Incorrect API key provided.' });
    const page = await suite.open();
    capture(app);
    await jobsDone(app, 1);
    expect(app.failures).toMatchObject([{ capture: true, error: { code: 'auth' } }]);
    await expect.poll(() => page.getByTestId('error-box').locator('> p').textContent()).toBe(en.errorCode.auth);
    await shot(page, 'capture-failed-1100-en-light');
    const older = app.history.list().items.find((e) => e.text === 'older entry')!;
    app.onEmit?.('app:showEntry', { entryId: older.id });
    await expect.poll(() => page.getByTestId('result-text').textContent()).toBe('older entry');
  });

  it('a bad response offers Open Settings; a cancelled entry offers Retry, which reads it', async () => {
    const app = await qwenApp();
    const [bad, cancelled] = await seed(app, ['x', 'y']);
    app.history.fail(bad!, { code: 'bad-response', message: "The OCR service's answer is not what the protocol says.", retryable: false });
    const page = await suite.open({ locale: 'en-US', colorScheme: 'dark' });
    await page.getByTestId('history-row').filter({ hasText: 'shot-0.png' }).click();
    await expect.poll(() => page.getByTestId('error-box').getByRole('button').allTextContents()).toEqual([en.error.openSettings, en.error.useOffline]);
    await shot(page, 'bad-response-1100-en-dark');
    // A cancelled reading, as the Cancel button leaves it.
    server.script({ kind: 'hang' });
    const ticket = app.services.jobs.retry(cancelled!);
    // Cancelled once the server holds the request, so the next request is not the held one.
    await expect.poll(() => server.requests.length).toBe(1);
    app.services.jobs.cancel(ticket.jobId);
    await app.services.idle();
    expect(app.history.get(cancelled!)).toMatchObject({ status: 'cancelled', error: { retryable: true } });
    await page.getByTestId('history-row').filter({ hasText: 'shot-1.png' }).click();
    await page.getByTestId('error-box').getByRole('button', { name: en.error.retry }).click();
    await jobsDone(app, 2);
    expect(app.history.get(cancelled!)).toMatchObject({ status: 'done' });
  });
});

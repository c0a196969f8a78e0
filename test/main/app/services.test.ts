import { copyFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../../main/app/services.ts';
import type { HistoryStore } from '../../../main/history/store.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { DashScopeServer, DEFAULT_TEXT, partsOf } from '../../support/dashscope-server.ts';
import { fixture } from '../../support/paths.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const tempDir = useTempDir();
const server = new DashScopeServer();
let app: TestApp;

beforeAll(() => server.start());
afterAll(() => server.stop());
afterEach(async () => {
  await app.close();
  server.script();
});

async function qwen(): Promise<TestApp> {
  app = createTestApp(tempDir());
  app.settings.update({ baseUrl: server.baseURL });
  await app.settings.setApiKey(KEY);
  return app;
}

// A long wait's progress (payload.wait: Qwen silent, a retry) repeats 'reading': the steps are the rest.
const states = (jobId: number) =>
  app.events
    .filter((e) => e.event === 'ocr:progress' && (e.payload as { jobId: number }).jobId === jobId && !(e.payload as { wait?: unknown }).wait)
    .map((e) => (e.payload as { state: string }).state);

describe('AppServices', () => {
  it('picks the engine: offline without a key or endpoint, Qwen with either', async () => {
    app = createTestApp(tempDir());
    expect(app.services.engines.engine().name).toBe('local');
    app.settings.update({ baseUrl: server.baseURL });
    expect(app.services.engines.engine().name).toBe('qwen');
    app.settings.update({ baseUrl: null, engine: 'local' });
    await app.settings.setApiKey(KEY);
    expect(app.services.engines.engine().name).toBe('local');
    app.settings.update({ engine: 'qwen' });
    expect(app.services.desktop.info()).toMatchObject({ engine: 'qwen', hasApiKey: true });
  });

  it('a clipboard held by another app: Copy says so, and a recognition still finishes and keeps its text', async () => {
    await qwen();
    app.clipboardBusy = true;
    await expect(app.services.desktop.copy('hello')).rejects.toMatchObject({ code: 'clipboard-failed' });
    app.chooseFiles = [fixture('text/en-zh.png')];
    const [ticket] = await app.services.jobs.openFiles();
    await app.services.idle();
    expect(states(ticket!.jobId)).toEqual(['queued', 'preparing', 'reading', 'done']);
    expect(app.history.list().items.map((e) => e.status)).toEqual(['done']);
    app.clipboardBusy = false;
    await app.services.desktop.copy('hello');
    expect(app.clipboard).toEqual(['hello']);
  });

  it('keeps a view asked for while the window loads, for its page to take once (review m13)', () => {
    app = createTestApp(tempDir());
    expect(app.services.desktop.takeView()).toBeNull();
    app.services.desktop.navigate('settings');
    expect(app.events.at(-1)).toEqual({ event: 'app:navigate', payload: { view: 'settings' } });
    expect(app.services.desktop.takeView()).toBe('settings');
    expect(app.services.desktop.takeView()).toBeNull();
  });

  it('withholds the key from a custom endpoint set after it, until the user confirms that endpoint', async () => {
    app = createTestApp(tempDir());
    await app.settings.setApiKey(KEY);
    expect(app.settings.keyFor('https://dashscope.aliyuncs.com/compatible-mode/v1')).toBe(KEY);
    app.settings.update({ baseUrl: server.baseURL });
    expect(app.services.settings.get().apiKey.withheldFrom).toBe(server.baseURL);
    app.chooseFiles = [fixture('text/en-zh.png')];
    await app.services.jobs.openFiles();
    await app.services.idle();
    expect(server.requests.at(-1)?.authorization).not.toContain(KEY);
    await expect(app.services.settings.trustEndpoint('https://elsewhere.example/v1')).rejects.toThrow(/not the endpoint/);
    expect(app.confirmations).toEqual([]);
    expect((await app.services.settings.trustEndpoint(server.baseURL)).withheldFrom).toBeNull();
    expect(app.confirmations).toEqual([{ kind: 'trust-endpoint', host: new URL(server.baseURL).host, url: server.baseURL }]);
    await app.services.jobs.openFiles();
    await app.services.idle();
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${KEY}`);
    app.settings.update({ baseUrl: 'http://127.0.0.1:9/v1' });
    expect(app.services.settings.get().apiKey.withheldFrom).toBe('http://127.0.0.1:9/v1');
  });

  it('runs files as a queue, reporting each step, and streams deltas', async () => {
    await qwen();
    app.chooseFiles = [fixture('text/en-zh.png'), fixture('formats/icon.ico'), fixture('formats/bmp-24.bmp')];
    const tickets = await app.services.jobs.openFiles();
    await app.services.idle();
    expect(tickets.map((t) => t.name)).toEqual(['en-zh.png', 'icon.ico', 'bmp-24.bmp']);
    for (const { jobId } of tickets) expect(states(jobId)).toEqual(['queued', 'preparing', 'reading', 'done']);
    const deltas = app.events.filter((e) => e.event === 'ocr:delta' && (e.payload as { jobId: number }).jobId === tickets[0]!.jobId);
    expect(deltas.map((e) => (e.payload as { delta: string }).delta).join('')).toBe(DEFAULT_TEXT);
    expect(app.history.list().items).toHaveLength(3);
  });

  it('keeps an unreadable file in the history as a failed entry with its name and reason, retried from disk', async () => {
    await qwen();
    const dir = tempDir();
    const bad = join(dir, 'cases.png');
    copyFileSync(fixture('smart-resize/cases.json'), bad);
    app.chooseFiles = [bad];
    const [ticket] = await app.services.jobs.openFiles();
    await app.services.idle();
    const last = app.events.filter((e) => e.event === 'ocr:progress').at(-1)!.payload as { state: string; entryId: number; error: { code: string; message: string } };
    expect(states(ticket!.jobId)).toEqual(['queued', 'preparing', 'failed']);
    expect(last.error).toMatchObject({ code: 'image-not-an-image', message: expect.stringContaining('cases.png') });
    const [entry] = app.history.list({ filter: { status: ['failed'] } }).items;
    expect(entry).toMatchObject({ id: last.entryId, fileName: 'cases.png', status: 'failed', hasImage: false, error: { code: 'image-not-an-image', retryable: true } });
    // Fixed on disk, then Retry: read again from the file, as a new entry in place of the failed one.
    copyFileSync(fixture('text/en-zh.png'), bad);
    app.services.jobs.retry(entry!.id);
    await app.services.idle();
    expect(app.history.list().items.map((e) => [e.fileName, e.status])).toEqual([['cases.png', 'done']]);
  });

  it('drops the image after reading when images are not to be kept', async () => {
    await qwen();
    app.settings.update({ keepImages: false });
    app.services.jobs.recognizeImage({ name: 'x.png', bytes: new Uint8Array(await readFile(fixture('text/en-zh.png'))), source: 'drop' });
    await app.services.idle();
    const [entry] = app.history.list().items;
    expect(entry).toMatchObject({ status: 'done', hasImage: false, text: DEFAULT_TEXT });
  });

  it('runs an entry again as a new entry, leaving the old result alone', async () => {
    await qwen();
    app.chooseFiles = [fixture('text/en-zh.png')];
    await app.services.jobs.openFiles();
    await app.services.idle();
    const [first] = app.history.list().items;
    server.script({ kind: 'ok', text: '| a | b |' });
    app.services.jobs.rerun(first!.id, { task: 'table' });
    await app.services.idle();
    const [second, original] = app.history.list().items;
    expect(original).toMatchObject({ id: first!.id, text: DEFAULT_TEXT });
    expect(second).toMatchObject({ text: '| a | b |', mode: 'table', source: { kind: 'file', name: 'en-zh.png' } });
    expect(partsOf(server.requests.at(-1))[1]?.text).toMatch(/Markdown table/);
  });

  it('refuses a dropped image over 50 MB with a clear message', () => {
    app = createTestApp(tempDir());
    expect(() => app.services.jobs.recognizeImage({ name: 'huge.png', bytes: new Uint8Array(50 * 1024 * 1024 + 1), source: 'drop' })).toThrow(/huge\.png is over 50 MB/);
  });

  it('keeps the text on the clipboard and says so when the history cannot be written', async () => {
    await qwen();
    // A history whose disk has filled up: every write fails.
    const full = Object.assign(Object.create(app.history) as HistoryStore, {
      createPending: () => {
        throw new Error('database or disk is full');
      },
    });
    const services = new AppServices({
      version: '0.1.0',
      platform: 'linux',
      settings: app.settings,
      history: full,
      dialogs: { openImages: async () => [fixture('text/en-zh.png')], saveExport: async () => null },
      clipboard: { writeText: (text) => void app.clipboard.push(text) },
      notifyDone: () => {},
      notifyFailed: () => {},
      startCapture: () => {},
      openDataFolder: () => {},
      openUrl: () => {},
      confirm: async () => false,
      takeHotkeys: () => [],
      emit: (event, payload) => app.events.push({ event, payload }),
      languages: app.languages,
    });
    await services.jobs.openFiles();
    await services.idle();
    await services.close();
    expect(app.clipboard).toEqual([DEFAULT_TEXT]);
    const last = app.events.filter((e) => e.event === 'ocr:progress').at(-1)!.payload;
    expect(last).toMatchObject({ state: 'failed', error: { code: 'history-unwritable', message: expect.stringContaining('disk is full') } });
  });

  it('copies and notifies as the settings say', async () => {
    await qwen();
    app.settings.update({ copyToClipboard: false, showNotification: false });
    app.chooseFiles = [fixture('text/en-zh.png')];
    await app.services.jobs.openFiles();
    await app.services.idle();
    expect(app.clipboard).toEqual([]);
    expect(app.notifications).toEqual([]);
  });
});

describe('a PDF in the app', () => {
  it('stops after the page being read when cancelled, keeping the finished pages and leaving none pending', async () => {
    const { printPdf } = await import('../../support/pdf.ts');
    const { writeFile } = await import('node:fs/promises');
    await qwen();
    app.settings.update({ pdfText: 'never' });
    const path = join(tempDir(), 'long.pdf');
    await writeFile(path, await printPdf(['<p>first page</p>', '<p>second page</p>', '<p>third page</p>', '<p>fourth page</p>']));
    // Each page's answer streams slowly, so the cancel lands while the second page is being read.
    server.script(...Array.from({ length: 4 }, () => ({ kind: 'ok' as const, text: 'page text', chunkDelayMs: 150, chunkSize: 2 })));
    app.chooseFiles = [path];
    const [ticket] = await app.services.jobs.openFiles();
    await expect.poll(() => app.history.list().items.filter((e) => e.status === 'done').length, { timeout: 60_000 }).toBe(1);
    app.services.jobs.cancel(ticket!.jobId);
    await app.services.idle();
    const entries = app.history.list().items;
    expect(entries.filter((e) => e.status === 'done').map((e) => e.document?.page)).toEqual([1]);
    expect(entries.some((e) => e.status === 'pending')).toBe(false);
    expect(entries.length).toBeLessThan(4);
    expect(states(ticket!.jobId).at(-1)).toBe('cancelled');
  });
});

/** translate.run / cancel through the services (issue 24): deltas as whole text, kept with the entry, failures kept. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { readFile } from 'node:fs/promises';
import { DashScopeServer, DEFAULT_TEXT } from '../../support/dashscope-server.ts';
import { fixture } from '../../support/paths.ts';
import { newEntry, result } from '../../support/entries.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const tempDir = useTempDir();
const server = new DashScopeServer();
let app: TestApp;

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(async () => {
  server.script();
  app = createTestApp(tempDir());
  app.settings.update({ baseUrl: server.baseURL });
  await app.settings.setApiKey(KEY);
});
afterEach(() => app.close());

function add(text: string, words: string[] | null = null): number {
  const id = app.history.createPending(newEntry());
  app.history.complete(id, { ...result(text), words: words ? words.map((line, i) => ({ text: line, box: [[0, i * 20], [100, i * 20], [100, i * 20 + 18], [0, i * 20 + 18]], confidence: 0.9 })) : null });
  return id;
}

const deltas = (entryId: number): string[] =>
  app.events.filter((e) => e.event === 'translate:delta' && (e.payload as { entryId: number }).entryId === entryId).map((e) => (e.payload as { text: string }).text);

describe('translate.run', () => {
  it('streams the whole text so far, keeps the translation with per-line results, and says history:changed', async () => {
    const id = add('你好\n世界', ['你好', '世界']);
    app.settings.update({ translateTerms: [{ source: '世界', target: 'World' }] });
    await app.services.translations.run(id, { targetLang: 'en' });
    const view = app.services.history.entry(id)!;
    expect(view.translation).toMatchObject({ status: 'done', targetLang: 'en', sourceLang: 'auto', model: 'qwen-mt-flash', text: '[English] 你好\n[English] 世界', lines: ['[English] 你好', '[English] 世界'], error: null });
    expect(view.text).toBe('你好\n世界');
    const seen = deltas(id);
    expect(seen.at(-1)).toBe(view.translation!.text);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.startsWith(seen[i - 1]!)).toBe(true);
    expect(app.events.some((e) => e.event === 'history:changed' && (e.payload as { ids: number[] }).ids?.includes(id))).toBe(true);
    const sent = server.requests[0]!.body as unknown as { translation_options: unknown };
    expect(sent.translation_options).toEqual({ source_lang: 'auto', target_lang: 'English', terms: [{ source: '世界', target: 'World' }] });
  });

  it('redone to another language with another model replaces the first', async () => {
    const id = add('你好');
    await app.services.translations.run(id, { targetLang: 'en' });
    await app.services.translations.run(id, { targetLang: 'ja', model: 'qwen-mt-turbo' });
    expect(app.services.history.entry(id)!.translation).toMatchObject({ targetLang: 'ja', model: 'qwen-mt-turbo', text: '[Japanese] 你好', lines: null });
  });

  it('a failure keeps the entry and its text, and the translation says what failed', async () => {
    const id = add('你好');
    server.script({ kind: 'error', status: 500, code: 'InternalError', message: 'boom' });
    await expect(app.services.translations.run(id, { targetLang: 'en' })).rejects.toMatchObject({ code: 'server' });
    const view = app.services.history.entry(id)!;
    expect(view.text).toBe('你好');
    expect(view.status).toBe('done');
    expect(view.translation).toMatchObject({ status: 'failed', error: { code: 'server' } });
  });

  it('without a key for DashScope it says so (no-key) and sends nothing', async () => {
    const id = add('你好');
    await app.settings.clearApiKey();
    app.settings.update({ baseUrl: null });
    await expect(app.services.translations.run(id, { targetLang: 'en' })).rejects.toMatchObject({ code: 'no-key' });
    expect(server.requests).toHaveLength(0);
  });

  it('cancel stops one under way; the entry stays', async () => {
    const id = add('你好 world, a longer text to translate');
    let release!: () => void;
    server.script({ kind: 'ok', holdAt: 1, after: new Promise<void>((resolve) => (release = resolve)), chunkSize: 2 });
    const running = app.services.translations.run(id, { targetLang: 'en' });
    await new Promise<void>((resolve) => {
      app.onEmit = (event) => event === 'translate:delta' && resolve();
    });
    expect(app.services.translations.cancel(id)).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    release();
    expect(app.services.translations.cancel(id)).toBe(false);
    expect(app.services.history.entry(id)!.translation).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
  });

  it('reading over DashScope’s native protocol still translates over the compatible endpoint', async () => {
    const id = add('你好');
    app.settings.update({ api: 'native' });
    await app.services.translations.run(id, { targetLang: 'en' });
    expect(server.requests.map((r) => r.protocol)).toEqual(['compatible']);
    expect(server.requests[0]!.path).toMatch(/\/chat\/completions$/);
  });

  it('an entry that is not there is refused', async () => {
    await expect(app.services.translations.run(9999, { targetLang: 'en' })).rejects.toMatchObject({ code: 'history-not-found' });
  });
});

describe('translate every capture', () => {
  const region = { kind: 'region' as const, displayId: 'a', rect: { x: 0, y: 0, width: 640, height: 160 } };
  const png = async (): Promise<Uint8Array> => new Uint8Array(await readFile(fixture('text/en-zh.png')));

  it('on: a capture, once read, is translated into the target language in Settings', async () => {
    app.settings.update({ translateEveryCapture: true, translateTarget: 'ko' });
    app.services.jobs.recognizeBytes(await png(), 'capture.png', region, { reveal: true });
    await app.services.idle();
    const [entry] = app.history.list().items;
    expect(app.services.history.entry(entry!.id)!.translation).toMatchObject({ status: 'done', targetLang: 'ko', text: `[Korean] ${DEFAULT_TEXT.split('\n')[0]}\n[Korean] ${DEFAULT_TEXT.split('\n')[1]}` });
  });

  it('off (the default), or an opened file: nothing is translated', async () => {
    app.services.jobs.recognizeBytes(await png(), 'capture.png', region, { reveal: true });
    await app.services.idle();
    app.settings.update({ translateEveryCapture: true });
    app.services.jobs.recognizeBytes(await png(), 'file.png', { kind: 'file', path: '/tmp/file.png', name: 'file.png' }, {});
    await app.services.idle();
    expect(app.history.list().items.map((e) => app.history.translation(e.id))).toEqual([null, null]);
    expect(server.requests.filter((r) => (r.body as { translation_options?: unknown }).translation_options)).toHaveLength(0);
  });
});

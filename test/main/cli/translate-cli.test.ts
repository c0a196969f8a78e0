/** `readout --translate LANG [--translate-model M]` (issue 24): every flag and failure, against the DashScope stand-in. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DashScopeServer, DEFAULT_TEXT } from '../../support/dashscope-server.ts';
import { fixture } from '../../support/paths.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const server = new DashScopeServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.script());

const qwen = () => ({ env: { DASHSCOPE_API_KEY: KEY } });
const tempDir = useTempDir();
const image = fixture('text/en-zh.png');
const english = DEFAULT_TEXT.split('\n').map((line) => `[English] ${line}`).join('\n');

describe('readout --translate', () => {
  it('prints the text, a blank line, then its translation; the request is Qwen-MT as documented', async () => {
    const run = await runCli(['--base-url', server.baseURL, '--no-history', '--translate', 'en', image], qwen());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${DEFAULT_TEXT}\n\n${english}\n`);
    const sent = server.requests[1]!;
    expect(sent.problems).toEqual([]);
    expect(sent.body).toMatchObject({ model: 'qwen-mt-flash', messages: [{ role: 'user', content: DEFAULT_TEXT }], translation_options: { source_lang: 'auto', target_lang: 'English' } });
  });

  it('--json gains translation; a language name and --translate-model are taken; history show and search have it', async () => {
    const dir = tempDir();
    const run = await runCli(['--base-url', server.baseURL, '--data-dir', dir, '--json', '--translate', 'Japanese', '--translate-model', 'qwen-mt-turbo', image], qwen());
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout.trim());
    expect(report.text).toBe(DEFAULT_TEXT);
    expect(report.translation).toMatchObject({ text: DEFAULT_TEXT.split('\n').map((l) => `[Japanese] ${l}`).join('\n'), model: 'qwen-mt-turbo', sourceLang: 'auto', targetLang: 'ja', status: 'done', error: null });
    expect(report.translation.usage.outputTokens).toBeGreaterThan(0);
    const show = await runCli(['history', 'show', String(report.entryId), '--json', '--data-dir', dir]);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).translation).toMatchObject({ targetLang: 'ja', model: 'qwen-mt-turbo', status: 'done', text: report.translation.text });
    const search = await runCli(['history', 'search', 'Japanese', '--json', '--data-dir', dir]);
    expect(search.code).toBe(0);
    expect(search.stdout).toContain(`"id":${report.entryId}`);
    const text = await runCli(['history', 'show', String(report.entryId), '--data-dir', dir]);
    expect(text.stdout).toContain('translation (auto -> ja, qwen-mt-turbo, done)');
  });

  it('a model not named qwen-mt-* is asked by a chat prompt', async () => {
    const run = await runCli(['--base-url', server.baseURL, '--no-history', '--json', '--translate', 'ko', '--translate-model', 'qwen-plus', image], qwen());
    expect(run.code).toBe(0);
    const body = server.requests[1]!.body as unknown as Record<string, unknown>;
    expect(body.translation_options).toBeUndefined();
    expect(JSON.parse(run.stdout.trim()).translation.text).toBe(DEFAULT_TEXT.split('\n').map((l) => `[Korean] ${l}`).join('\n'));
  });

  it('works whichever engine read the text: the offline engine, its lines translated one per line', async () => {
    const run = await runCli(['--engine', 'local', '--base-url', server.baseURL, '--no-history', '--json', '--translate', 'zh', image], qwen());
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout.trim());
    expect(report.engine).toBe('local');
    expect(server.requests).toHaveLength(1);
    expect(report.translation.lines).toHaveLength(report.words.length);
    expect(report.translation.lines[0]).toBe(`[Chinese] ${report.words[0].text}`);
  });

  it('a failed translation keeps the text and the entry, says so in one line, exits 1, and never shows the key', async () => {
    const dir = tempDir();
    server.script({ kind: 'ok' }, { kind: 'error', status: 500, code: 'InternalError', message: `upstream echoed ${KEY}` });
    const run = await runCli(['--base-url', server.baseURL, '--data-dir', dir, '--json', '--translate', 'en', image], qwen());
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout.trim());
    expect(report).toMatchObject({ ok: true, text: DEFAULT_TEXT, translation: { status: 'failed', error: { code: 'server' } } });
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('the translation failed');
    expect(run.stdout + run.stderr).not.toContain(KEY);
    const show = await runCli(['history', 'show', String(report.entryId), '--json', '--data-dir', dir]);
    expect(JSON.parse(show.stdout)).toMatchObject({ status: 'done', text: DEFAULT_TEXT, translation: { status: 'failed' } });
  });

  it.each([
    [['--translate', 'en'], 'DASHSCOPE_API_KEY', {}],
    [['--translate', 'klingon'], 'not a language', qwen()],
    [['--translate-model', 'qwen-mt-plus'], 'give --translate', qwen()],
    [['--codes-only', '--translate', 'en'], 'nothing to --translate', qwen()],
  ] as const)('%j is a usage error (exit 2)', async (flags, said, options) => {
    const run = await runCli([...flags, image], options);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(said);
    expect(server.requests).toHaveLength(0);
  });
});

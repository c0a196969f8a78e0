import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DashScopeServer, DEFAULT_TEXT } from '../../support/dashscope-server.ts';
import { fixture } from '../../support/paths.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const server = new DashScopeServer();
const tempDir = useTempDir();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.script());

const qwen = { env: { DASHSCOPE_API_KEY: KEY } };
const image = fixture('text/en-zh.png');

describe('readout records into the history', () => {
  it('records each file and reports its entry id; --no-history records nothing', async () => {
    const dir = tempDir();
    const run = await runCli(['--base-url', server.baseURL, '--json', '--data-dir', dir, image], qwen);
    const report = JSON.parse(run.stdout);
    expect(report.entryId).toBe(1);
    const shown = await runCli(['history', 'show', '1', '--json', '--data-dir', dir]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: 1, status: 'done', text: DEFAULT_TEXT, engine: 'qwen', source: { kind: 'file', name: 'en-zh.png' }, hasImage: true });

    const skipped = await runCli(['--base-url', server.baseURL, '--json', '--no-history', '--data-dir', dir, image], qwen);
    expect(JSON.parse(skipped.stdout).entryId).toBeNull();
    expect((await runCli(['history', 'list', '--json', '--data-dir', dir])).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('keeps a failed recognition with its image, and retries it', async () => {
    const dir = tempDir();
    server.script({ kind: 'error', status: 400, code: 'InvalidParameter', message: 'bad' });
    const failed = await runCli(['--base-url', server.baseURL, '--json', '--data-dir', dir, image], qwen);
    expect(failed.code).toBe(1);
    const entryId = JSON.parse(failed.stdout).entryId;
    const listed = JSON.parse((await runCli(['history', 'list', '--json', '--status', 'failed', '--data-dir', dir])).stdout);
    expect(listed).toMatchObject({ id: entryId, status: 'failed', error: { code: 'invalid-request' }, hasImage: true });

    const retried = await runCli(['history', 'retry', String(entryId), '--base-url', server.baseURL, '--data-dir', dir], qwen);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toBe(`${DEFAULT_TEXT}\n`);
    const shown = JSON.parse((await runCli(['history', 'show', String(entryId), '--json', '--data-dir', dir])).stdout);
    expect(shown).toMatchObject({ status: 'done', text: DEFAULT_TEXT, attempts: 2, error: null });
  });

  it('searches, exports and deletes', async () => {
    const dir = tempDir();
    await runCli(['--data-dir', dir, image]);
    const search = await runCli(['history', 'search', '中文', '--data-dir', dir]);
    expect(search.stdout).toContain('[中文]');
    const out = join(dir, 'export', 'all.md');
    const exported = await runCli(['history', 'export', '--format', 'md', '--images', '--out', out, '--data-dir', dir]);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('![en-zh.png](all-images/1.png)');
    expect(existsSync(join(dir, 'export', 'all-images', '1.png'))).toBe(true);
    const deleted = await runCli(['history', 'delete', '1', '--data-dir', dir]);
    expect(deleted.stderr).toContain('deleted 1 entry');
    expect((await runCli(['history', 'show', '1', '--data-dir', dir])).code).toBe(1);
  });

  it.each([
    [['history', 'frobnicate'], /unknown history command/],
    [['history', 'show'], /show takes one entry ID/],
    [['history', 'show', 'abc'], /entry ID is a number/],
    [['history', 'export', '--format', 'docx'], /--format must be one of md, json, csv, txt, pdf/],
    [['history', 'export', '--format', 'pdf'], /--format pdf needs --out/],
    [['history', 'export', '--format', 'md', '--images'], /--images needs --out/],
    [['history', 'delete'], /entry IDs or --older-than/],
  ])('exits 2 for %j', async (args, message) => {
    const run = await runCli([...args, '--data-dir', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

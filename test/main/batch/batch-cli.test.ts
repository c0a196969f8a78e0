/** `readout batch ...` as a user runs it, against the stand-in's Batch API over a socket. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import { historyFile } from '../../../main/paths.ts';
import { DashScopeServer, DEFAULT_TEXT } from '../../support/dashscope-server.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const server = new DashScopeServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
const tempDir = useTempDir();
const env = { DASHSCOPE_API_KEY: KEY };

async function folder(dir: string, count: number): Promise<string[]> {
  const names: string[] = [];
  await Promise.all(Array.from({ length: count }, (_, i) => {
    const name = `shot-${String(i).padStart(4, '0')}.png`;
    names.push(name);
    return sharp({ create: { width: 24 + (i % 40), height: 20 + (i % 13), channels: 3, background: { r: i % 256, g: (i * 7) % 256, b: 128 } } }).png().toFile(join(dir, name));
  }));
  return names.sort();
}

const entriesOf = (dataDir: string) => {
  const history = new HistoryStore(historyFile(dataDir));
  const entries = [...history.iterate()];
  history.close();
  return entries;
};

describe('readout batch', () => {
  it('submits a 1,000-file folder, and fetch fills every entry, checked one by one', async () => {
    const dir = tempDir();
    const images = join(dir, 'images');
    const dataDir = join(dir, 'data');
    (await import('node:fs')).mkdirSync(images);
    const names = await folder(images, 1000);
    const submitted = await runCli(['batch', 'submit', images, '--base-url', server.baseURL, '--yes', '--json', '--data-dir', dataDir], { env });
    expect(submitted.stderr).toMatch(/1000 files \(0 PDF pages\), 1000 requests in 1 request files/);
    expect(submitted.stderr).toMatch(/Estimated cost: ¥[\d.]+ at the batch price \(read live: ¥[\d.]+\)/);
    expect(submitted.code).toBe(0);
    const summary = JSON.parse(submitted.stdout.trim()) as { requests: number; jobs: Array<{ id: string; total: number }> };
    expect(summary.requests).toBe(1000);
    const id = summary.jobs[0]!.id;
    // Pending, each with its image, and still pending after another command has opened the history.
    expect((await runCli(['batch', 'status', id, '--data-dir', dataDir], { env })).stdout).toMatch(/validating\s+0\/1000 done/);
    let entries = entriesOf(dataDir);
    expect(entries.filter((e) => e.status === 'pending')).toHaveLength(1000);

    await server.batches.finishAll();
    const fetched = await runCli(['batch', 'fetch', id, '--json', '--data-dir', dataDir], { env });
    expect(fetched.stderr).not.toMatch(/readout: .*line/);
    expect(fetched.code).toBe(0);
    expect(JSON.parse(fetched.stdout.trim())).toMatchObject({ id, state: 'fetched', total: 1000, done: 1000, failed: 0 });
    entries = entriesOf(dataDir);
    expect(entries.map((e) => e.fileName).sort()).toEqual(names);
    for (const entry of entries) {
      expect(entry.status).toBe('done');
      expect(entry.text).toBe(DEFAULT_TEXT);
      expect(entry.cost).toBeGreaterThan(0);
      expect(entry.usage?.inputTokens).toBeGreaterThan(0);
    }
    // The key went in the Authorization header only: not in the request file, not in what was printed.
    expect(server.batches.uploads.at(-1)!.text).not.toContain(KEY);
    expect(submitted.stdout + submitted.stderr + fetched.stdout + fetched.stderr).not.toContain(KEY);
  }, 120_000);

  it('a fetch killed half way leaves each entry done or pending, and the next one finishes, each exactly once', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    await folder(dir, 30);
    const submitted = await runCli(['batch', 'submit', dir, '--base-url', server.baseURL, '--yes', '--json', '--data-dir', dataDir], { env });
    const id = (JSON.parse(submitted.stdout.trim()) as { jobs: Array<{ id: string }> }).jobs[0]!.id;
    await server.batches.finishAll();
    const killed = await runCli(['batch', 'fetch', id, '--data-dir', dataDir], { env: { ...env, READOUT_TEST_KILL_BATCH_FETCH_AFTER: '10' } });
    expect(killed.code).toBeNull();
    let entries = entriesOf(dataDir);
    expect(entries.filter((e) => e.status === 'done')).toHaveLength(10);
    expect(entries.filter((e) => e.status === 'pending')).toHaveLength(20);
    const again = await runCli(['batch', 'fetch', id, '--data-dir', dataDir], { env });
    expect(again.code).toBe(0);
    entries = entriesOf(dataDir);
    expect(entries.every((e) => e.status === 'done' && e.attempts === 1)).toBe(true);
    const stamps = entries.map((e) => e.updatedAt);
    // Fetching a third time changes nothing, and the month's ledger counted each request once.
    await runCli(['batch', 'fetch', id, '--data-dir', dataDir], { env });
    expect(entriesOf(dataDir).map((e) => e.updatedAt)).toEqual(stamps);
    const history = new HistoryStore(historyFile(dataDir));
    expect(history.usageTotals().reduce((sum, t) => sum + t.requests, 0)).toBe(0);
    history.close();
  }, 60_000);

  it('--wait polls until the job ends, one line per change', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    await folder(dir, 3);
    const submitted = await runCli(['batch', 'submit', dir, '--base-url', server.baseURL, '--yes', '--json', '--data-dir', dataDir], { env });
    const id = (JSON.parse(submitted.stdout.trim()) as { jobs: Array<{ id: string }> }).jobs[0]!.id;
    const waiting = runCli(['batch', 'fetch', id, '--wait', '--data-dir', dataDir], { env: { ...env, READOUT_BATCH_POLL_MS: '50' } });
    // The job moves one state each time the command has asked about it: every state is seen, however slow the machine.
    let seen = 0;
    const ticker = setInterval(() => {
      const asked = server.batches.retrievals.get(id) ?? 0;
      if (asked > seen) {
        seen = asked;
        void server.batches.advance();
      }
    }, 20);
    const run = await waiting.finally(() => clearInterval(ticker));
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/validating[^]*in_progress[^]*finalizing/);
    expect(run.stdout).toMatch(/fetched\s+3\/3 done/);
  }, 60_000);

  it('writes the request files only with --dry-run, and reports an unreadable file before anything is sent', async () => {
    const dir = tempDir();
    await folder(dir, 2);
    writeFileSync(join(dir, 'broken.png'), 'not an image');
    const out = join(dir, 'out');
    const uploads = server.batches.uploads.length;
    const run = await runCli(['batch', 'submit', dir, '--dry-run', '--out', out], {});
    expect(run.stderr).toMatch(/broken\.png.*left out/);
    expect(run.stdout).toMatch(/2 files \(0 PDF pages\), 2 requests in 1 request files; 1 left out/);
    expect(run.code).toBe(1);
    expect(readdirSync(out)).toEqual(['requests-1.jsonl']);
    const lines = readFileSync(join(out, 'requests-1.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; method: string; url: string; body: { model: string } });
    expect(lines.map((l) => [l.custom_id, l.method, l.url, l.body.model])).toEqual([['line-1', 'POST', '/v1/chat/completions', 'qwen-vl-ocr'], ['line-2', 'POST', '/v1/chat/completions', 'qwen-vl-ocr']]);
    expect(server.batches.uploads.length).toBe(uploads);
  });

  it('asks for --yes when it cannot ask, and refuses a region that cannot batch before anything is sent', async () => {
    const dir = tempDir();
    await folder(dir, 1);
    const noYes = await runCli(['batch', 'submit', dir, '--base-url', server.baseURL, '--data-dir', join(dir, 'data')], { env });
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toMatch(/add --yes/);
    const intl = await runCli(['batch', 'submit', dir, '--region', 'intl', '--yes', '--data-dir', join(dir, 'data')], { env });
    expect(intl.code).toBe(1);
    expect(intl.stderr).toMatch(/Singapore region has no Batch API for OCR models/);
    const model = await runCli(['batch', 'submit', dir, '--model', 'qwen-vl-ocr-2025-11-20', '--yes', '--data-dir', join(dir, 'data')], { env });
    expect(model.stderr).toMatch(/not qwen-vl-ocr-2025-11-20/);
    expect((await runCli(['batch', 'fetch', 'batch_nope', '--data-dir', join(dir, 'data')], { env })).stderr).toMatch(/no batch job batch_nope/);
    expect((await runCli(['batch'], {})).stdout).toMatch(/Usage: readout batch/);
  });
});

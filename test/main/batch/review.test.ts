/**
 * The review of issue 26: faults against the stand-in's Batch API over a socket (an upload refused among several, a
 * creation refused, a download cut half way, a job gone from the service, cancel of a job that has ended), result
 * files as a service may write them, a job a stopped submission left local (adopted or made retryable), the line
 * limit, and the key kept out of every file and message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchClient } from '../../../main/batch/client.ts';
import { fetchJob } from '../../../main/batch/fetch.ts';
import { cancelJob, findJob } from '../../../main/batch/jobs.ts';
import { BatchLedger } from '../../../main/batch/ledger.ts';
import { MAX_BYTES_PER_FILE, MAX_BYTES_PER_LINE, MAX_LINES_PER_FILE } from '../../../main/batch/limits.ts';
import { parseResultFile } from '../../../main/batch/output.ts';
import { LineCutter } from '../../../main/batch/split.ts';
import { recoverStranded, remoteName } from '../../../main/batch/stranded.ts';
import { prepare, send, type Plan } from '../../../main/batch/submit.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { historyFile } from '../../../main/paths.ts';
import { QwenEngine } from '../../../main/ocr/qwen.ts';
import { promptForTask } from '../../../main/ocr/tasks.ts';
import { DashScopeServer, DEFAULT_TEXT } from '../../support/dashscope-server.ts';
import { runCli } from '../../support/run-cli.ts';
import { solidPngs } from '../../support/solid-pngs.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const server = new DashScopeServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
const tempDir = useTempDir();

async function planned(dir: string, count: number, history: HistoryStore, limits?: { lines: number; fileBytes: number; lineBytes: number }, skipped?: string[]): Promise<Plan> {
  return prepare(await solidPngs(dir, count), {
    model: 'qwen-vl-ocr', baseURL: server.baseURL, region: null, prompt: promptForTask({ task: 'text' }), mode: 'text',
    bounds: new QwenEngine({ baseURL: server.baseURL, model: 'qwen-vl-ocr' }).pixelBounds(), outDir: dir, history, limits,
    onSkipped: (_file, message) => skipped?.push(message),
  });
}

const client = () => new BatchClient({ baseURL: server.baseURL, apiKey: KEY });

/** A process id that was real and has ended: what a crashed submission leaves in its entries' owner_pid. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
  return child.pid!;
}

describe('documented limits', () => {
  it('are the docs\' figures, read as 10^6 bytes a MB', () => {
    expect([MAX_LINES_PER_FILE, MAX_BYTES_PER_FILE, MAX_BYTES_PER_LINE]).toEqual([50_000, 500_000_000, 6_000_000]);
    // A line of exactly the limit (its line break counted) fits; a byte more does not, and is never cut.
    const cutter = new LineCutter();
    expect(cutter.place(MAX_BYTES_PER_LINE)).toBe(0);
    expect(cutter.place(MAX_BYTES_PER_LINE + 1)).toBeNull();
  });

  it('an image whose line is past the line limit is failed, said before sending, and in no request file', async () => {
    const dir = tempDir();
    const history = new HistoryStore(join(dir, 'history.db'));
    const skipped: string[] = [];
    const plan = await planned(dir, 2, history, { lines: 100, fileBytes: 10_000_000, lineBytes: 200 }, skipped);
    expect(plan.requests).toHaveLength(0);
    expect(plan.skipped).toBe(2);
    expect(skipped[0]).toMatch(/shot-0000\.png: its request is larger than a batch line may be \(6 MB\); read it live instead/);
    const entries = [...history.iterate()];
    expect(entries.map((e) => [e.status, e.error?.code])).toEqual([['failed', 'image-too-large'], ['failed', 'image-too-large']]);
    history.close();
  });
});

describe('result files as a service may write them', () => {
  const ok = (id: string, text: string) => JSON.stringify({ id: 'r', custom_id: id, response: { status_code: 200, request_id: 'q', body: { id: 'c', choices: [{ message: { content: text } }], usage: { prompt_tokens: 5, completion_tokens: 2 } } }, error: null });

  it('takes a BOM, CRLF ends and blank lines, and says a trailing partial line by its number', () => {
    const text = `\uFEFF${ok('entry-1', 'one')}\r\n\r\n${ok('entry-2', 'two')}\r\n{"id":"r","custom_id":"entry-3","resp`;
    const { lines, problems } = parseResultFile(text);
    expect(lines.map((l) => [l.customId, l.ok])).toEqual([['entry-1', true], ['entry-2', true]]);
    expect(problems).toEqual([{ line: 4, reason: 'it is not JSON' }]);
  });

  it('reads an error line in either spelling the docs use (error.code, or error.error_code)', () => {
    const { lines } = parseResultFile([
      JSON.stringify({ id: 'r', custom_id: 'entry-1', response: null, error: { code: 'InvalidParameter', message: 'bad image' } }),
      JSON.stringify({ id: 'r', custom_id: 'entry-2', response: { status_code: 400, request_id: 'q', body: {} }, error: { error_code: 'DataInspectionFailed', error_message: 'inappropriate' } }),
    ].join('\n'));
    expect(lines).toMatchObject([{ ok: false, code: 'InvalidParameter', message: 'bad image' }, { ok: false, code: 'DataInspectionFailed', message: 'inappropriate' }]);
  });
});

describe('faults over the socket', () => {
  it('an upload refused among several: its entries fail (retryable), the jobs before and after it are sent and fetched', async () => {
    const dir = tempDir();
    const history = new HistoryStore(join(dir, 'history.db'));
    const ledger = new BatchLedger(history);
    const plan = await planned(dir, 6, history, { lines: 2, fileBytes: 10_000_000, lineBytes: 6_000_000 });
    expect(plan.files).toHaveLength(3);
    let uploads = 0;
    server.batches.refuseUpload = () => (++uploads === 2 ? { status: 400, code: 'InvalidFile', message: 'The file could not be read.' } : null);
    const sent = await send(plan, client(), ledger).finally(() => (server.batches.refuseUpload = null));
    expect(sent.map((j) => j.error === null)).toEqual([true, false, true]);
    expect(sent[1]!.error).toMatch(/refused requests-2\.jsonl: .*could not be read/);
    const refused = plan.requests.filter((r) => r.file === 1).map((r) => history.get(r.entryId!)!);
    expect(refused.map((e) => [e.status, e.error?.retryable])).toEqual([['failed', true], ['failed', true]]);
    await server.batches.finishAll();
    for (const job of sent.filter((j) => j.batchId)) await fetchJob(findJob(ledger, job.batchId!), client(), ledger);
    const done = plan.requests.filter((r) => r.file !== 1).map((r) => history.get(r.entryId!)!);
    expect(done.every((e) => e.status === 'done' && e.text === DEFAULT_TEXT)).toBe(true);
    history.close();
  });

  it('a creation refused after the upload: the uploaded file is deleted from the service and the entries fail, retryable', async () => {
    const dir = tempDir();
    const history = new HistoryStore(join(dir, 'history.db'));
    const plan = await planned(dir, 2, history);
    const files = new Set(server.batches.files.keys());
    server.batches.refuseCreate = () => ({ status: 429, code: 'Throttling', message: 'Too many batch jobs.' });
    const sent = await send(plan, client(), new BatchLedger(history)).finally(() => (server.batches.refuseCreate = null));
    expect(sent[0]!.error).toMatch(/refused requests-1\.jsonl/);
    expect([...server.batches.files.keys()].filter((id) => !files.has(id))).toEqual([]);
    expect(plan.requests.map((r) => history.get(r.entryId!)!.error?.retryable)).toEqual([true, true]);
    history.close();
  });

  it('a download cut half way applies nothing from it; the next fetch fills every entry once and deletes the job\'s files', async () => {
    const dir = tempDir();
    const history = new HistoryStore(join(dir, 'history.db'));
    const ledger = new BatchLedger(history);
    const plan = await planned(dir, 4, history);
    const [sent] = await send(plan, client(), ledger);
    await server.batches.finishAll();
    server.batches.dropNextContent = true;
    await expect(fetchJob(findJob(ledger, sent!.batchId!), client(), ledger)).rejects.toThrow();
    expect(plan.requests.every((r) => history.get(r.entryId!)!.status === 'pending')).toBe(true);
    expect(findJob(ledger, sent!.batchId!).state).toBe('completed');
    const report = await fetchJob(findJob(ledger, sent!.batchId!), client(), ledger);
    expect([report.done, report.failed, report.job.state]).toEqual([4, 0, 'fetched']);
    const remote = await client().retrieve(sent!.batchId!);
    expect([remote.inputFileId, remote.outputFileId].map((id) => server.batches.files.has(id!))).toEqual([false, false]);
    history.close();
  });

  it('cancel of a job that has ended says so, and leaves its results to fetch', async () => {
    const dir = tempDir();
    const history = new HistoryStore(join(dir, 'history.db'));
    const ledger = new BatchLedger(history);
    const [sent] = await send(await planned(dir, 1, history), client(), ledger);
    await server.batches.finishAll();
    await expect(cancelJob(findJob(ledger, sent!.batchId!), () => client(), ledger)).rejects.toMatchObject({ code: 'batch-finished', message: expect.stringMatching(/already ended \(completed\).*readout batch fetch/) });
    expect((await fetchJob(findJob(ledger, sent!.batchId!), client(), ledger)).done).toBe(1);
    history.close();
  });
});

describe('a job a stopped submission left local', () => {
  /** Entries and ledger rows written as send() writes them, by a process that then died before the service answered. */
  async function stranded(count: number) {
    const dir = tempDir();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'data'));
    const history = new HistoryStore(historyFile(join(dir, 'data')));
    const ledger = new BatchLedger(history);
    const plan = await planned(dir, count, history);
    const requests = plan.requests.map((r) => ({ customId: r.customId, entryId: r.entryId! }));
    const jobId = ledger.createJob({ baseUrl: server.baseURL, region: null, model: 'qwen-vl-ocr', estimatedCost: 0.01, requests });
    history.database.prepare('UPDATE entries SET owner_pid = ?').run(deadPid());
    return { dir, history, ledger, plan, jobId };
  }

  it('is left alone while its process lives, and is never swept as interrupted', async () => {
    const { history, ledger, jobId } = await stranded(1);
    history.database.prepare('UPDATE entries SET owner_pid = ?').run(process.pid);
    expect(await recoverStranded(ledger, () => client())).toEqual([]);
    expect(history.recoverInterrupted(() => false)).toBe(0);
    expect(ledger.job(jobId)!.state).toBe('local');
    history.close();
  });

  it('never sent: its entries fail as interrupted, retryable, images kept, and the job says why', async () => {
    const { history, ledger, plan, jobId } = await stranded(2);
    const [outcome] = await recoverStranded(ledger, () => client());
    expect(outcome).toMatchObject({ outcome: 'failed', job: { id: jobId, state: 'failed' } });
    for (const r of plan.requests) {
      const entry = history.get(r.entryId!)!;
      expect([entry.status, entry.error?.code, entry.error?.retryable]).toEqual(['failed', 'interrupted', true]);
      expect(entry.error?.message).toMatch(/Readout stopped before batch job local-\d+ was sent.*readout history retry/);
      expect(history.image(r.entryId!)?.image).toBeTruthy();
    }
    expect(await recoverStranded(ledger, () => client())).toEqual([]);
    history.close();
  });

  it('created on the service before the process stopped: the job is found by its name, adopted and fetched, not sent twice', async () => {
    const { history, ledger, plan, jobId } = await stranded(3);
    // What the stopped process did before it could write the answer down: the upload and the creation.
    const fileId = await client().upload('requests-1.jsonl', readFileSync(plan.files[0]!));
    const created = await client().create(fileId, { ds_name: remoteName(ledger.job(jobId)!) });
    const uploads = server.batches.uploads.length;
    const [outcome] = await recoverStranded(ledger, () => client());
    expect(outcome).toMatchObject({ outcome: 'adopted', job: { id: jobId, batchId: created.id } });
    expect(server.batches.uploads.length).toBe(uploads);
    await server.batches.finishAll();
    const report = await fetchJob(ledger.job(jobId)!, client(), ledger);
    expect(report.done).toBe(3);
    expect(plan.requests.every((r) => history.get(r.entryId!)!.text === DEFAULT_TEXT)).toBe(true);
    history.close();
  });

  it('readout batch fetch settles it, says so in a line, and still fetches the other jobs when one is gone from the service', async () => {
    const { dir, history, ledger, jobId } = await stranded(1);
    // Two jobs the service had: one it has since forgotten (past its 30 days), one that completed.
    const [kept] = await send(await planned(dir, 2, history), client(), ledger);
    const [lost] = await send(await planned(dir, 1, history), client(), ledger);
    server.batches.jobs.delete(lost!.batchId!);
    await server.batches.finishAll();
    history.close();
    const run = await runCli(['batch', 'fetch', '--data-dir', join(dir, 'data')], { env: { DASHSCOPE_API_KEY: KEY } });
    expect(run.stderr).toMatch(new RegExp(`local-${jobId} was never sent .*marked for retry`));
    expect(run.stderr).toMatch(new RegExp(`${lost!.batchId}: .*not found`, 'i'));
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).not.toContain(KEY);
    const after = new HistoryStore(historyFile(join(dir, 'data')));
    const afterLedger = new BatchLedger(after);
    expect(afterLedger.job(findJob(afterLedger, kept!.batchId!).id)!.state).toBe('fetched');
    after.close();
  }, 60_000);
});

describe('the command line', () => {
  it('removes its own temporary request folder once sent, and no key is in a file or a message, even a refused one', async () => {
    const dir = tempDir();
    await solidPngs(dir, 2);
    const dataDir = join(dir, 'data');
    const run = await runCli(['batch', 'submit', dir, '--base-url', server.baseURL, '--yes', '--json', '--data-dir', dataDir], { env: { DASHSCOPE_API_KEY: KEY } });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout.trim()) as { requestFiles: string[] };
    expect(existsSync(dirname(summary.requestFiles[0]!))).toBe(false);
    expect(server.batches.uploads.at(-1)!.text).not.toContain(KEY);
    const bad = 'sk-test-not-a-real-key-9999';
    const refused = await runCli(['batch', 'submit', dir, '--base-url', server.baseURL, '--yes', '--data-dir', dataDir], { env: { DASHSCOPE_API_KEY: bad } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused requests-1\.jsonl/);
    expect(refused.stderr + refused.stdout).not.toContain(bad);
    expect(readFileSync(historyFile(dataDir)).includes(Buffer.from(bad))).toBe(false);
  }, 60_000);
});

/** The batch room against the DashScope stand-in over a real socket: upload, create, status, list, cancel, content, fetch into the history. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchClient } from '../../../main/batch/client.ts';
import { fetchJob } from '../../../main/batch/fetch.ts';
import { checkCanBatch, findJob } from '../../../main/batch/jobs.ts';
import { BatchLedger } from '../../../main/batch/ledger.ts';
import { prepare, send } from '../../../main/batch/submit.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { QwenEngine } from '../../../main/ocr/qwen.ts';
import { REGIONS } from '../../../main/ocr/regions.ts';
import { promptForTask } from '../../../main/ocr/tasks.ts';
import { DashScopeServer, DEFAULT_TEXT } from '../../support/dashscope-server.ts';
import type { JobPlan } from '../../support/batch-stand-in.ts';
import { solidPngs } from '../../support/solid-pngs.ts';
import { useTempDir } from '../../support/temp.ts';
import { printPdf } from '../../support/pdf.ts';
import { writeFileSync } from 'node:fs';
import { PdfDocument } from '../../../main/pdf/pdf.ts';
import { prepareImage, toDataUrl } from '../../../main/image/prepare.ts';
import { compatibleRequest } from '../../../main/ocr/compatible-request.ts';

const KEY = 'sk-test-valid-key-0001';
const server = new DashScopeServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
const tempDir = useTempDir();

async function submitted(count: number, plan: JobPlan = {}) {
  const dir = tempDir();
  const history = new HistoryStore(join(dir, 'history.db'));
  const ledger = new BatchLedger(history);
  const client = new BatchClient({ baseURL: server.baseURL, apiKey: KEY });
  const files = await solidPngs(dir, count);
  const prepared = await prepare(files, {
    model: 'qwen-vl-ocr', baseURL: server.baseURL, region: null, prompt: promptForTask({ task: 'text' }), mode: 'text',
    bounds: new QwenEngine({ baseURL: server.baseURL, model: 'qwen-vl-ocr' }).pixelBounds(), outDir: dir, history,
  });
  server.batches.nextPlan = plan;
  const sent = await send(prepared, client, ledger);
  return { history, ledger, client, prepared, sent, dir };
}

describe('batch protocol', () => {
  it('uploads the request file, creates the job, and fills every entry once it completes', async () => {
    const { history, ledger, client, prepared, sent } = await submitted(3);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.error).toBeNull();
    // Every entry is pending with its image before anything comes back, and is not swept as interrupted.
    for (const r of prepared.requests) expect(history.get(r.entryId!)!.status).toBe('pending');
    expect(history.recoverInterrupted(() => false)).toBe(0);
    const job = findJob(ledger, sent[0]!.batchId!);
    expect(job.state).toBe('validating');
    expect((await fetchJob(job, client, ledger)).done).toBe(0);

    await server.batches.finishAll();
    server.script();
    const report = await fetchJob(ledger.job(job.id)!, client, ledger);
    expect(report.problems).toEqual([]);
    expect(report.done).toBe(3);
    for (const r of prepared.requests) {
      const entry = history.get(r.entryId!)!;
      expect(entry.status).toBe('done');
      expect(entry.text).toBe(DEFAULT_TEXT);
    }
    // The lines were answered by the live chat handler: each request's shape is what a live read sends.
    expect(server.requests.every((r) => r.problems.length === 0)).toBe(true);
    expect(ledger.job(job.id)!.state).toBe('fetched');
    // Fetching twice changes nothing.
    const again = await fetchJob(ledger.job(job.id)!, client, ledger);
    expect(again.done + again.failed).toBe(0);
    // The key is in no request file.
    expect(server.batches.uploads.some((u) => u.text.includes(KEY))).toBe(false);
    expect(readFileSync(prepared.files[0]!, 'utf8')).not.toContain(KEY);
    history.close();
  });

  it('lists, retrieves and cancels jobs, and reads and deletes files', async () => {
    const { ledger, client, sent, history } = await submitted(2);
    const id = sent[0]!.batchId!;
    const { jobs } = await client.list({ limit: 100 });
    expect(jobs.map((j) => j.id)).toContain(id);
    expect((await client.retrieve(id)).total).toBe(2);
    const cancelled = await client.cancel(id);
    expect(cancelled.state).toBe('cancelling');
    await server.batches.advance();
    const report = await fetchJob(findJob(ledger, id), client, ledger);
    expect(report.failed).toBe(2);
    for (const entryId of ledger.progress(report.job.id).entryIds) {
      const entry = history.get(entryId)!;
      expect(entry.status).toBe('cancelled');
      expect(entry.error?.retryable).toBe(true);
    }
    // The fetch deleted the job's input file once its results were in (the service keeps files until deleted).
    const input = (await client.retrieve(id)).inputFileId!;
    await expect(client.content(input)).rejects.toThrow(/not found/i);
    await expect(client.deleteFile(input)).rejects.toThrow(/not found/i);
    history.close();
  });

  it('keeps the lines that worked when some fail, and says each failure', async () => {
    const { history, ledger, client, prepared, sent } = await submitted(4, { fail: (_id, index) => (index % 2 ? { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' } : null) });
    await server.batches.finishAll();
    const report = await fetchJob(findJob(ledger, sent[0]!.batchId!), client, ledger);
    expect([report.done, report.failed]).toEqual([2, 2]);
    const failed = history.get(prepared.requests[1]!.entryId!)!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(/DataInspectionFailed.*inappropriate/);
    expect(history.get(prepared.requests[0]!.entryId!)!.status).toBe('done');
  });

  it('fails what an expired job left undone, retryable, and keeps what it did', async () => {
    const { history, ledger, client, prepared, sent } = await submitted(3, { expireAfter: 1 });
    await server.batches.finishAll();
    const report = await fetchJob(findJob(ledger, sent[0]!.batchId!), client, ledger);
    expect([report.done, report.failed]).toEqual([1, 2]);
    const left = history.get(prepared.requests[2]!.entryId!)!;
    expect(left.status).toBe('failed');
    expect(left.error?.message).toMatch(/expired/);
    expect(left.error?.retryable).toBe(true);
  });

  it('reports an output line that does not parse and one with an unknown custom_id, and keeps the rest', async () => {
    const { history, ledger, client, prepared, sent } = await submitted(3, { corrupt: true });
    await server.batches.finishAll();
    const report = await fetchJob(findJob(ledger, sent[0]!.batchId!), client, ledger);
    expect(report.done).toBe(3);
    expect(report.problems).toHaveLength(2);
    expect(report.problems[0]).toMatch(/line 2: it is not JSON/);
    expect(report.problems[1]).toMatch(/custom_id "entry-999999" is not a request of job/);
    for (const r of prepared.requests) expect(history.get(r.entryId!)!.status).toBe('done');
  });

  it('says a region or model that cannot batch before anything is sent, and a refused upload fails its entries', async () => {
    expect(() => checkCanBatch(REGIONS.intl, 'qwen-vl-ocr')).toThrow(/Singapore region has no Batch API for OCR models/);
    expect(() => checkCanBatch(REGIONS.cn, 'qwen-vl-ocr-2025-11-20')).toThrow(/not qwen-vl-ocr-2025-11-20/);
    expect(() => checkCanBatch(REGIONS.cn, 'qwen-vl-ocr')).not.toThrow();
    const dir = tempDir();
    const history = new HistoryStore(join(dir, 'history.db'));
    const prepared = await prepare(await solidPngs(dir, 2), {
      model: 'qwen-vl-max', baseURL: server.baseURL, region: null, prompt: 'Read.', mode: null,
      bounds: new QwenEngine({ baseURL: server.baseURL, model: 'qwen-vl-max' }).pixelBounds(), outDir: dir, history,
    });
    const sent = await send(prepared, new BatchClient({ baseURL: server.baseURL, apiKey: KEY }), new BatchLedger(history));
    expect(sent[0]!.error).toMatch(/refused requests-1\.jsonl.*does not batch/);
    expect(history.get(prepared.requests[0]!.entryId!)!.status).toBe('failed');
    expect(history.get(prepared.requests[0]!.entryId!)!.error?.retryable).toBe(true);
  });

  it('sends the PDF pages asked for, each drawn and prepared as a live read does, as entries of one document', async () => {
    const dir = tempDir();
    const path = join(dir, 'doc.pdf');
    const bytes = await printPdf(['<h1>One</h1>', '<h1>Two</h1>', '<h1>Three</h1>']);
    writeFileSync(path, bytes);
    const history = new HistoryStore(join(dir, 'history.db'));
    const bounds = new QwenEngine({ baseURL: server.baseURL, model: 'qwen-vl-ocr' }).pixelBounds();
    const prompt = promptForTask({ task: 'text' });
    const plan = await prepare([path], { model: 'qwen-vl-ocr', baseURL: server.baseURL, region: null, prompt, mode: 'text', bounds, pages: '1,3', outDir: dir, history });
    expect([plan.inputs, plan.pages, plan.requests.length]).toEqual([1, 2, 2]);
    const entries = plan.requests.map((r) => history.get(r.entryId!)!);
    expect(entries.map((e) => e.document?.page)).toEqual([1, 3]);
    expect(entries.map((e) => e.document?.pages)).toEqual([3, 3]);
    expect(new Set(entries.map((e) => e.document?.id)).size).toBe(1);
    // The line's body is the live read's body for the page drawn the same way.
    const pdf = await PdfDocument.open(bytes, path);
    const page = await prepareImage((await pdf.page(3, bounds)).png, { file: path, bounds, thumbnail: false });
    await pdf.close();
    const second = JSON.parse(readFileSync(plan.files[0]!, 'utf8').trim().split('\n')[1]!) as { body: unknown };
    expect(second.body).toEqual(JSON.parse(JSON.stringify(compatibleRequest(page, { prompt, bounds }, { model: 'qwen-vl-ocr' }))));
    expect(toDataUrl(page).length).toBeGreaterThan(100);
    history.close();
  }, 60_000);
});

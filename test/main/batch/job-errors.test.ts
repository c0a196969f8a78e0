/**
 * A batch job's error as a code and a count (main/batch/job-errors.ts, migration 14) beside the English the command
 * prints, so the window can say it in the reader's language: set where main sets the error (an expired job's unread
 * requests at fetch, a cancel before sending, the service's own errors), against the stand-in over a socket.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchClient } from '../../../main/batch/client.ts';
import { fetchJob } from '../../../main/batch/fetch.ts';
import { cancelJob, findJob, summarize } from '../../../main/batch/jobs.ts';
import { BatchLedger } from '../../../main/batch/ledger.ts';
import { prepare, send } from '../../../main/batch/submit.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { QwenEngine } from '../../../main/ocr/qwen.ts';
import { promptForTask } from '../../../main/ocr/tasks.ts';
import type { JobPlan } from '../../support/batch-stand-in.ts';
import { DashScopeServer } from '../../support/dashscope-server.ts';
import { solidPngs } from '../../support/solid-pngs.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const server = new DashScopeServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
const tempDir = useTempDir();

async function planned(count: number) {
  const dir = tempDir();
  const history = new HistoryStore(join(dir, 'history.db'));
  const ledger = new BatchLedger(history);
  const client = new BatchClient({ baseURL: server.baseURL, apiKey: KEY });
  const plan = await prepare(await solidPngs(dir, count), {
    model: 'qwen-vl-ocr', baseURL: server.baseURL, region: null, prompt: promptForTask({ task: 'text' }), mode: 'text',
    bounds: new QwenEngine({ baseURL: server.baseURL, model: 'qwen-vl-ocr' }).pixelBounds(), outDir: dir, history,
  });
  return { history, ledger, client, plan };
}

async function sent(count: number, jobPlan: JobPlan) {
  const made = await planned(count);
  server.batches.nextPlan = jobPlan;
  const [job] = await send(made.plan, made.client, made.ledger);
  return { ...made, job: findJob(made.ledger, job!.batchId!) };
}

describe('a batch job’s error code', () => {
  it('an expired job: expired-unread with the requests it left unread, the English text kept for the command', async () => {
    const { history, ledger, client, job } = await sent(3, { expireAfter: 1 });
    expect(summarize(ledger, job)).toMatchObject({ error: null, errorCode: null, unread: null });
    await server.batches.finishAll();
    await fetchJob(job, client, ledger);
    expect(summarize(ledger, ledger.job(job.id)!)).toMatchObject({
      state: 'fetched', errorCode: 'expired-unread', unread: 2, error: 'The job did not finish within its 24 h window: 2 requests were not read.',
    });
    // Fetching again changes nothing.
    await fetchJob(ledger.job(job.id)!, client, ledger);
    expect(summarize(ledger, ledger.job(job.id)!)).toMatchObject({ errorCode: 'expired-unread', unread: 2 });
    history.close();
  });

  it('a job that read everything has none', async () => {
    const { history, ledger, client, job } = await sent(2, {});
    await server.batches.finishAll();
    server.script();
    await fetchJob(job, client, ledger);
    expect(summarize(ledger, ledger.job(job.id)!)).toMatchObject({ state: 'fetched', error: null, errorCode: null, unread: null });
    history.close();
  });

  it('a job cancelled before it was sent: cancelled-unsent', async () => {
    const { history, ledger, client, plan } = await planned(1);
    const id = ledger.createJob({ baseUrl: server.baseURL, region: null, model: 'qwen-vl-ocr', estimatedCost: 0.01, requests: plan.requests.map((r) => ({ customId: r.customId, entryId: r.entryId! })) });
    const cancelled = await cancelJob(ledger.job(id)!, () => client, ledger);
    expect(summarize(ledger, cancelled)).toMatchObject({ state: 'cancelled', errorCode: 'cancelled-unsent', unread: null, error: 'Cancelled before it was sent.' });
    history.close();
  });

  it('the service’s own errors: service, their text the detail; a row from before codes keeps its text and no code', async () => {
    const { history, ledger, plan } = await planned(1);
    const id = ledger.createJob({ baseUrl: server.baseURL, region: null, model: 'qwen-vl-ocr', estimatedCost: 0.01, requests: plan.requests.map((r) => ({ customId: r.customId, entryId: r.entryId! })) });
    ledger.heard(id, { state: 'failed', total: 1, completed: 0, failed: 1, outputFileId: null, errorFileId: null, finishedAt: Date.now(), error: 'line 1: invalid_request: model not found' });
    expect(summarize(ledger, ledger.job(id)!)).toMatchObject({ errorCode: 'service', error: 'line 1: invalid_request: model not found' });
    history.database.prepare('UPDATE batch_jobs SET error = ?, error_code = NULL, error_count = NULL WHERE id = ?').run('Some older reason.', id);
    expect(summarize(ledger, ledger.job(id)!)).toMatchObject({ errorCode: null, unread: null, error: 'Some older reason.' });
    history.close();
  });
});

/**
 * What the command and the app both do with the jobs the history knows: name them, check that a region and model can
 * batch, refresh them, cancel one. Each takes the ledger and a way to make a client for a job's endpoint.
 */
import type { BatchJobView } from '../../preload/api.ts';
import { ReadoutError } from '../errors.ts';
import { regionOf } from '../ocr/regions.ts';
import type { BatchClient } from './client.ts';
import { jobErrors } from './job-errors.ts';
import { fetchJob, type FetchHooks, type FetchReport } from './fetch.ts';
import type { BatchLedger, JobRow } from './ledger.ts';
import { BATCH_MODELS, FINAL_STATES, type BatchState } from './limits.ts';

/** A job's name for people and scripts: the service's batch id, or local-N for one it never took. */
export const jobName = (job: JobRow): string => job.batchId ?? `local-${job.id}`;

export function findJob(ledger: BatchLedger, name: string): JobRow {
  const local = /^local-(\d+)$/.exec(name);
  const job = local ? ledger.job(Number(local[1])) : ledger.jobByBatchId(name);
  if (!job) throw new ReadoutError('batch-not-found', `There is no batch job ${name} in the history; \`readout batch list\` shows them.`);
  return job;
}

/**
 * Refuses, before anything is prepared or sent, a DashScope region or model that cannot batch (limits.ts has the
 * docs' lists); another server (vLLM, OpenAI, ...) is the user's to know.
 */
export function checkCanBatch(baseURL: string, model: string): void {
  const region = regionOf(baseURL);
  if (region === null) return;
  if (region !== 'cn') {
    throw new ReadoutError('batch-unavailable', `DashScope's ${region === 'intl' ? 'Singapore' : 'Virginia'} region has no Batch API for OCR models (only Beijing batches qwen-vl-ocr): use --region cn with a Beijing key, or read the files live.`);
  }
  if (!BATCH_MODELS.cn.includes(model)) {
    throw new ReadoutError('batch-unavailable', `DashScope batches ${BATCH_MODELS.cn.join(' and ')} among the OCR models, not ${model}: use --model qwen-vl-ocr, or read the files live.`);
  }
}

/** Unfinished jobs the service has: the ones a refresh asks about. */
export const unfinished = (ledger: BatchLedger): JobRow[] => ledger.jobs().filter((job) => job.batchId !== null && job.state !== 'fetched');

export async function refreshJob(job: JobRow, clientFor: (job: JobRow) => BatchClient, ledger: BatchLedger, hooks?: FetchHooks): Promise<FetchReport> {
  return fetchJob(job, clientFor(job), ledger, hooks);
}

/** Asks the service to stop the job; what it had not done fails (retryable) when the job is next fetched. */
export async function cancelJob(job: JobRow, clientFor: (job: JobRow) => BatchClient, ledger: BatchLedger): Promise<JobRow> {
  if (job.state === 'fetched' || FINAL_STATES.has(job.state as BatchState)) {
    throw new ReadoutError('batch-finished', `Batch job ${jobName(job)} has already ended (${job.state}); there is nothing to cancel.`);
  }
  if (job.batchId === null) {
    // Never taken by the service: its entries fail here, ready to be read again.
    for (const request of ledger.pendingRequests(job.id)) ledger.fail(job.id, request.customId, { code: 'cancelled', message: 'The batch job was cancelled before it was sent; retry it.', retryable: true });
    ledger.failJob(job.id, 'cancelled', jobErrors.cancelledUnsent());
    return ledger.job(job.id)!;
  }
  const client = clientFor(job);
  let remote: Awaited<ReturnType<BatchClient['cancel']>>;
  try {
    remote = await client.cancel(job.batchId);
  } catch (error) {
    // The history may not have heard yet that the job ended (the docs cancel only a job "正在进行或排队中"): asked
    // again, an ended job is said as one, and its results are left for fetch to bring in.
    const now = await client.retrieve(job.batchId).catch(() => null);
    if (now && FINAL_STATES.has(now.state)) {
      ledger.heard(job.id, now);
      throw new ReadoutError('batch-finished', `Batch job ${jobName(job)} has already ended (${now.state}); there is nothing to cancel: \`readout batch fetch ${jobName(job)}\` brings its results in.`);
    }
    throw error;
  }
  ledger.heard(job.id, remote);
  return ledger.job(job.id)!;
}

/** A job as the window and `readout batch ... --json` show it: the bridge's contract, one type on both sides. */
export type JobSummary = BatchJobView;

/** Done and failed: the entries filled so far, or, before the fetch, what the service last counted. */
export function summarize(ledger: BatchLedger, job: JobRow): JobSummary {
  const progress = ledger.progress(job.id);
  const state: JobSummary['state'] = job.state === 'local' ? (job.error ? 'failed' : 'validating') : job.state;
  return {
    id: jobName(job), state, createdAt: job.createdAt, finishedAt: job.finishedAt, total: job.total,
    done: Math.max(progress.done, job.completed), failed: Math.max(progress.failed, job.failed),
    cost: job.cost, estimatedCost: job.estimatedCost, model: job.model, region: job.region, error: job.error,
    errorCode: job.error ? job.errorCode : null, unread: job.error ? job.errorCount : null, entryIds: progress.entryIds,
  };
}

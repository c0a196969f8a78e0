/**
 * Brings a job's results into the history: asks the service how the job stands, and once it has ended downloads its
 * output and error files and settles each request (ledger.ts: one transaction each, never twice). Requests a job
 * that expired, was cancelled or failed never answered become failed entries, retryable, with the reason. A line
 * that cannot be read, or names a custom_id the job never held, is reported and the rest are kept.
 */
import type { RecognizeResult } from '../ocr/engine.ts';
import type { Region } from '../ocr/regions.ts';
import type { BatchClient } from './client.ts';
import { jobErrors } from './job-errors.ts';
import { tokensCost } from '../ocr/regions.ts';
import { batchPrice, livePrice } from './cost.ts';
import type { BatchLedger, JobRow } from './ledger.ts';
import { FINAL_STATES, type BatchState } from './limits.ts';
import { parseResultFile } from './output.ts';

export interface FetchReport {
  job: JobRow;
  /** Requests settled by this fetch. */
  done: number;
  failed: number;
  /** Lines that could not be used, each said in one sentence. */
  problems: string[];
}

const REASONS: Partial<Record<BatchState, string>> = {
  expired: 'The batch job expired before this request was done (the service has 24 hours); retry it.',
  cancelled: 'The batch job was cancelled before this request was done; retry it.',
  failed: 'The batch job failed before this request was done; retry it.',
  completed: 'The batch job ended without a result for this request; retry it.',
};

export interface FetchHooks {
  /** After each request is settled (tests stop a fetch half way here). */
  onSettled?: (count: number) => void;
}

/** Asks the service about the job and, when it has ended, fills its entries. A job already fetched is left alone. */
export async function fetchJob(job: JobRow, client: BatchClient, ledger: BatchLedger, hooks: FetchHooks = {}): Promise<FetchReport> {
  const report: FetchReport = { job, done: 0, failed: 0, problems: [] };
  if (job.state === 'fetched' || job.batchId === null) return report;
  const remote = await client.retrieve(job.batchId);
  ledger.heard(job.id, { ...remote });
  if (!FINAL_STATES.has(remote.state)) return { ...report, job: ledger.job(job.id)! };
  const price = batchPrice(livePrice(job.region as Region | null));
  let settled = 0;
  const count = (): void => hooks.onSettled?.(++settled);
  for (const [fileId, kind] of [[remote.outputFileId, 'output'], [remote.errorFileId, 'error']] as const) {
    if (!fileId) continue;
    const { lines, problems } = parseResultFile(await client.content(fileId));
    for (const problem of problems) report.problems.push(`${kind} file ${fileId}, line ${problem.line}: ${problem.reason}; that line was left out.`);
    for (const line of lines) {
      const request = ledger.request(job.id, line.customId);
      if (!request) {
        report.problems.push(`${kind} file ${fileId}: custom_id ${JSON.stringify(line.customId.slice(0, 80))} is not a request of job ${job.batchId}; that line was left out.`);
        continue;
      }
      if (line.ok) {
        const usage = line.usage ? { prompt_tokens: line.usage.prompt_tokens, completion_tokens: line.usage.completion_tokens, total_tokens: line.usage.total_tokens ?? line.usage.prompt_tokens + line.usage.completion_tokens, prompt_tokens_details: line.usage.prompt_tokens_details ?? undefined } : null;
        const result: RecognizeResult = {
          text: line.text, usage: usage as RecognizeResult['usage'], model: job.model, engine: 'qwen', durationMs: 0, requestId: line.requestId,
          cost: usage ? tokensCost(usage.prompt_tokens, usage.completion_tokens, price) : null,
          region: job.region as Region | null, words: null,
        };
        if (ledger.complete(job.id, line.customId, result)) {
          report.done++;
          count();
        }
      } else if (ledger.fail(job.id, line.customId, { code: 'server', message: `The batch service could not read this image (${line.code}): ${line.message}`, retryable: true })) {
        report.failed++;
        count();
      }
    }
  }
  const reason = REASONS[remote.state] ?? REASONS.completed!;
  const unread = ledger.pendingRequests(job.id);
  if (unread.length > 0) {
    const state = remote.state === 'expired' || remote.state === 'cancelled' || remote.state === 'failed' ? remote.state : 'completed';
    ledger.noteError(job.id, jobErrors.unread(state, unread.length));
  }
  for (const request of unread) {
    const code = remote.state === 'cancelled' ? 'cancelled' : remote.state === 'expired' ? 'timeout' : 'server';
    if (ledger.fail(job.id, request.customId, { code, message: remote.state === 'failed' && remote.error ? `${reason.slice(0, -13)}: ${remote.error}; retry it.` : reason, retryable: true })) {
      report.failed++;
      count();
    }
  }
  ledger.markFetched(job.id);
  // The service keeps every file until it is deleted and refuses uploads past 10,000 files or 100 GB (limits.ts):
  // with every result in the history, the job's input file goes, and its result files too unless a line could not
  // be read (then they stay for the user to look at). A file that will not go costs nothing here: it is tried once.
  const done = [job.inputFileId ?? remote.inputFileId, ...(report.problems.length ? [] : [remote.outputFileId, remote.errorFileId])];
  for (const fileId of done) if (fileId) await client.deleteFile(fileId).catch(() => undefined);
  return { ...report, job: ledger.job(job.id)! };
}

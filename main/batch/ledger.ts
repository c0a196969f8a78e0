/**
 * The batch jobs the history knows (migration 12): each job's state as last heard, and each request's custom_id tied to
 * the entry it fills. An entry's result and its request's state change in one transaction, so a fetch killed half
 * way leaves every entry done (its request marked) or still pending (its request too), and the next fetch does the
 * rest; a request already marked is never applied again (fetching twice changes nothing).
 */
import { transaction } from '../history/database.ts';
import type { Failure, HistoryStore } from '../history/store.ts';
import type { RecognizeResult } from '../ocr/engine.ts';
import type { BatchJobErrorCode } from '../../preload/api.ts';
import { jobErrors, type JobError } from './job-errors.ts';
import type { BatchState } from './limits.ts';

/** A job as kept: 'local' until the service has it; 'fetched' once its results are all in the history. */
export type JobState = BatchState | 'local' | 'fetched';

export interface JobRow {
  id: number;
  batchId: string | null;
  createdAt: number;
  finishedAt: number | null;
  baseUrl: string;
  region: string | null;
  model: string;
  inputFileId: string | null;
  outputFileId: string | null;
  errorFileId: string | null;
  state: JobState;
  total: number;
  completed: number;
  failed: number;
  estimatedCost: number | null;
  cost: number | null;
  error: string | null;
  /** The error as a code and its count (job-errors.ts); null for none, or for a row from before migration 14. */
  errorCode: BatchJobErrorCode | null;
  errorCount: number | null;
}

interface Row {
  id: number; batch_id: string | null; created_at: number; finished_at: number | null; base_url: string; region: string | null; model: string;
  input_file_id: string | null; output_file_id: string | null; error_file_id: string | null; state: string; total: number; completed: number;
  failed: number; estimated_cost: number | null; cost: number | null; error: string | null; error_code: string | null; error_count: number | null;
}

const toJob = (r: Row): JobRow => ({
  id: r.id, batchId: r.batch_id, createdAt: r.created_at, finishedAt: r.finished_at, baseUrl: r.base_url, region: r.region, model: r.model,
  inputFileId: r.input_file_id, outputFileId: r.output_file_id, errorFileId: r.error_file_id, state: r.state as JobState, total: r.total,
  completed: r.completed, failed: r.failed, estimatedCost: r.estimated_cost, cost: r.cost, error: r.error,
  errorCode: r.error_code as BatchJobErrorCode | null, errorCount: r.error_count,
});

export type RequestState = 'pending' | 'done' | 'failed';

export class BatchLedger {
  readonly #history: HistoryStore;
  readonly #now: () => number;

  constructor(history: HistoryStore, now: () => number = Date.now) {
    this.#history = history;
    this.#now = now;
  }

  get #db() {
    return this.#history.database;
  }

  /** A job not yet sent, with its requests (custom_id -> entry); its id. */
  createJob(job: { baseUrl: string; region: string | null; model: string; estimatedCost: number | null; requests: Array<{ customId: string; entryId: number }> }): number {
    return transaction(this.#db, () => {
      const id = Number(this.#db
        .prepare("INSERT INTO batch_jobs (created_at, base_url, region, model, state, total, estimated_cost) VALUES (?, ?, ?, ?, 'local', ?, ?)")
        .run(this.#now(), job.baseUrl, job.region, job.model, job.requests.length, job.estimatedCost).lastInsertRowid);
      const insert = this.#db.prepare('INSERT INTO batch_requests (job_id, custom_id, entry_id) VALUES (?, ?, ?)');
      for (const request of job.requests) insert.run(id, request.customId, request.entryId);
      return id;
    });
  }

  /** The service took the job: its ids and first state. */
  sent(id: number, remote: { batchId: string; inputFileId: string | null; state: BatchState }): void {
    this.#db.prepare('UPDATE batch_jobs SET batch_id = ?, input_file_id = ?, state = ? WHERE id = ?').run(remote.batchId, remote.inputFileId, remote.state, id);
  }

  /** What the service last said of the job. A job already fetched stays fetched. */
  heard(id: number, remote: { state: BatchState; total: number; completed: number; failed: number; outputFileId: string | null; errorFileId: string | null; finishedAt: number | null; error: string | null }): void {
    this.#db.prepare(
      `UPDATE batch_jobs SET state = CASE WHEN state = 'fetched' THEN state ELSE ? END, total = ?, completed = ?, failed = ?,
         output_file_id = ?, error_file_id = ?, finished_at = COALESCE(?, finished_at) WHERE id = ?`,
    ).run(remote.state, remote.total, remote.completed, remote.failed, remote.outputFileId, remote.errorFileId, remote.finishedAt, id);
    if (remote.error !== null) this.#setError(id, jobErrors.service(remote.error));
  }

  /** The job could not be sent, or the service says it failed: its reason. */
  failJob(id: number, state: JobState, error: JobError): void {
    this.#db.prepare('UPDATE batch_jobs SET state = ?, finished_at = COALESCE(finished_at, ?) WHERE id = ?').run(state, this.#now(), id);
    this.#setError(id, error);
  }

  /** A reason the job's results fall short (requests left unread), kept only where no other reason is known. */
  noteError(id: number, error: JobError): void {
    this.#db.prepare('UPDATE batch_jobs SET error = ?, error_code = ?, error_count = ? WHERE id = ? AND error IS NULL').run(error.text, error.code, error.count, id);
  }

  #setError(id: number, error: JobError): void {
    this.#db.prepare('UPDATE batch_jobs SET error = ?, error_code = ?, error_count = ? WHERE id = ?').run(error.text, error.code, error.count, id);
  }

  /** Every result is in the history: the job's cost is what its entries cost. */
  markFetched(id: number): void {
    this.#db.prepare(
      `UPDATE batch_jobs SET state = 'fetched', fetched_at = ?,
         cost = (SELECT SUM(e.cost) FROM batch_requests r JOIN entries e ON e.id = r.entry_id WHERE r.job_id = batch_jobs.id AND r.state = 'done')
       WHERE id = ?`,
    ).run(this.#now(), id);
  }

  job(id: number): JobRow | null {
    const row = this.#db.prepare('SELECT * FROM batch_jobs WHERE id = ?').get(id) as Row | undefined;
    return row ? toJob(row) : null;
  }

  jobByBatchId(batchId: string): JobRow | null {
    const row = this.#db.prepare('SELECT * FROM batch_jobs WHERE batch_id = ?').get(batchId) as Row | undefined;
    return row ? toJob(row) : null;
  }

  /** Newest first. */
  jobs(limit = 200): JobRow[] {
    return (this.#db.prepare('SELECT * FROM batch_jobs ORDER BY id DESC LIMIT ?').all(limit) as unknown as Row[]).map(toJob);
  }

  /** The entry a job's custom_id fills, and whether it has been filled; null for an id the job never held. */
  request(jobId: number, customId: string): { entryId: number | null; state: RequestState } | null {
    const row = this.#db.prepare('SELECT entry_id, state FROM batch_requests WHERE job_id = ? AND custom_id = ?').get(jobId, customId) as { entry_id: number | null; state: RequestState } | undefined;
    return row ? { entryId: row.entry_id, state: row.state } : null;
  }

  /**
   * The batch job each of these entries waits for, by entry id: only entries whose request is still pending are found,
   * through migration 12's partial index (batch_requests_entry, WHERE state = 'pending'), so a page of the history
   * costs one indexed look-up per pending entry on it and nothing for the rest. The job as the window names it:
   * its batch id (or local-N), and its state ('local' said as 'validating', as summarize does).
   */
  pendingJobsOf(entryIds: readonly number[]): Map<number, { id: string; state: string }> {
    const found = new Map<number, { id: string; state: string }>();
    if (entryIds.length === 0) return found;
    const query = this.#db.prepare(
      `SELECT r.entry_id AS entry, j.id AS job, j.batch_id AS batch, j.state AS state FROM batch_requests r INDEXED BY batch_requests_entry
       JOIN batch_jobs j ON j.id = r.job_id WHERE r.entry_id = ? AND r.state = 'pending'`,
    );
    for (const entryId of entryIds) {
      const row = query.get(entryId) as { entry: number; job: number; batch: string | null; state: string } | undefined;
      if (row) found.set(entryId, { id: row.batch ?? `local-${row.job}`, state: row.state === 'local' ? 'validating' : row.state });
    }
    return found;
  }

  /** How many of the job's requests are in each state, and its entries' ids in order. */
  progress(jobId: number): { pending: number; done: number; failed: number; entryIds: number[] } {
    const rows = this.#db.prepare('SELECT entry_id, state FROM batch_requests WHERE job_id = ? ORDER BY entry_id').all(jobId) as Array<{ entry_id: number | null; state: RequestState }>;
    const count = (state: RequestState): number => rows.filter((r) => r.state === state).length;
    return { pending: count('pending'), done: count('done'), failed: count('failed'), entryIds: rows.flatMap((r) => (r.entry_id === null ? [] : [r.entry_id])) };
  }

  /** Jobs never taken by the service and not given up on: being sent now, or left so by a process that stopped. */
  localJobs(): JobRow[] {
    return (this.#db.prepare("SELECT * FROM batch_jobs WHERE state = 'local' AND batch_id IS NULL AND error IS NULL ORDER BY id").all() as unknown as Row[]).map(toJob);
  }

  /** The processes that wrote the job's pending entries (history/store.ts owner_pid): the submission's. */
  ownerPids(jobId: number): number[] {
    return (this.#db.prepare(
      `SELECT DISTINCT e.owner_pid AS pid FROM batch_requests r JOIN entries e ON e.id = r.entry_id
       WHERE r.job_id = ? AND r.state = 'pending' AND e.owner_pid IS NOT NULL`,
    ).all(jobId) as Array<{ pid: number }>).map((r) => r.pid);
  }

  /** The custom_ids still pending. */
  pendingRequests(jobId: number): Array<{ customId: string; entryId: number | null }> {
    return (this.#db.prepare("SELECT custom_id, entry_id FROM batch_requests WHERE job_id = ? AND state = 'pending'").all(jobId) as Array<{ custom_id: string; entry_id: number | null }>)
      .map((r) => ({ customId: r.custom_id, entryId: r.entry_id }));
  }

  /**
   * Fills the request's entry with its result and marks the request done, in one transaction; false (nothing changed)
   * when it was already settled.
   */
  complete(jobId: number, customId: string, result: RecognizeResult): boolean {
    return this.#settle(jobId, customId, 'done', (entryId) => this.#history.complete(entryId, result));
  }

  fail(jobId: number, customId: string, failure: Failure): boolean {
    return this.#settle(jobId, customId, 'failed', (entryId) => this.#history.fail(entryId, failure));
  }

  #settle(jobId: number, customId: string, state: RequestState, write: (entryId: number) => void): boolean {
    return transaction(this.#db, () => {
      const request = this.request(jobId, customId);
      if (!request || request.state !== 'pending') return false;
      // The entry may have been deleted meanwhile (entry_id set null): the request is settled all the same.
      if (request.entryId !== null) write(request.entryId);
      this.#db.prepare('UPDATE batch_requests SET state = ? WHERE job_id = ? AND custom_id = ?').run(state, jobId, customId);
      return true;
    });
  }
}

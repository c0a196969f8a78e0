/**
 * Batch jobs for the window (issue 26; main/batch/ does the work): list, submit (the estimate asked through the
 * Confirm port first), refresh, cancel, and a poll while the app runs that fetches a job's results once it ends. Every
 * change goes out as batch:changed (and history:changed when entries filled). The key stays here, in main.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchJobView } from '../../preload/api.ts';
import { ReadoutError } from '../errors.ts';
import { BatchClient } from '../batch/client.ts';
import { gatherFiles } from '../batch/gather.ts';
import { cancelJob, checkCanBatch, findJob, jobName, refreshJob, summarize, unfinished } from '../batch/jobs.ts';
import { BatchLedger, type JobRow } from '../batch/ledger.ts';
import { recoverStranded } from '../batch/stranded.ts';
import { discard, prepare, send } from '../batch/submit.ts';
import { QwenEngine } from '../ocr/qwen.ts';
import { REGIONS, regionOf } from '../ocr/regions.ts';
import { promptForTask } from '../ocr/tasks.ts';
import type { Confirmations } from './confirm.ts';
import { OPENABLE_EXTENSIONS } from '../openable.ts';
import type { AppPorts } from './services.ts';

const money = (amount: number, currency: string): string => `${currency === 'CNY' ? '¥' : '$'}${amount.toFixed(amount < 1 ? 4 : 2)}`;

export interface BatchJobsOptions {
  /** How often an unfinished job is asked about while the app runs (ms); 0 never. */
  pollMs?: number;
  fetch?: typeof fetch;
}

export class AppBatchJobs {
  readonly #ports: Pick<AppPorts, 'emit' | 'history' | 'settings'>;
  readonly #confirmations: Confirmations;
  readonly #ledger: BatchLedger;
  readonly #options: BatchJobsOptions;
  #timer: NodeJS.Timeout | null = null;
  #refreshing: Promise<BatchJobView[]> | null = null;

  constructor(ports: Pick<AppPorts, 'emit' | 'history' | 'settings'>, confirmations: Confirmations, options: BatchJobsOptions = {}) {
    this.#ports = ports;
    this.#confirmations = confirmations;
    this.#ledger = new BatchLedger(ports.history);
    this.#options = options;
  }

  list(): BatchJobView[] {
    return this.#ledger.jobs().map((job) => this.#view(job));
  }

  async submit(paths: string[]): Promise<BatchJobView[] | null> {
    const settings = this.#ports.settings.get();
    const baseURL = settings.baseUrl ?? REGIONS[settings.region];
    const apiKey = this.#ports.settings.keyFor(baseURL);
    if (!apiKey && !settings.baseUrl) throw new ReadoutError('no-key', 'A batch job goes to Qwen, which needs a DashScope API key: add one in Settings.');
    checkCanBatch(baseURL, settings.model);
    const { files } = gatherFiles(paths, { recursive: true, extensions: OPENABLE_EXTENSIONS });
    const outDir = mkdtempSync(join(tmpdir(), 'readout-batch-'));
    try {
      const prompt = promptForTask({ task: 'text' });
      const plan = await prepare(files, {
        model: settings.model, baseURL, region: regionOf(baseURL), prompt, mode: 'text',
        bounds: new QwenEngine({ baseURL, model: settings.model }).pixelBounds(), outDir, history: this.#ports.history,
      });
      if (plan.requests.length === 0) return this.list();
      const yes = await this.#confirmations.askBatch({
        requests: plan.requests.length, files: plan.inputs,
        cost: money(plan.estimate.batch, plan.estimate.currency), live: money(plan.estimate.live, plan.estimate.currency),
      });
      if (!yes) {
        discard(plan, this.#ports.history);
        return null;
      }
      this.#changed(plan.requests.flatMap((r) => (r.entryId === null ? [] : [r.entryId])));
      await send(plan, this.#client(baseURL), this.#ledger);
      this.#changed(null);
      this.#schedule();
      return this.list();
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }

  /** One job, or every unfinished one; one refresh at a time (a second call waits for the first). */
  refresh(id?: string): Promise<BatchJobView[]> {
    this.#refreshing ??= this.#refresh(id).finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async cancel(id: string): Promise<void> {
    await cancelJob(findJob(this.#ledger, id), (job) => this.#clientFor(job), this.#ledger);
    this.#changed(null);
  }

  /** Starts the poll (at start, when a job is submitted); a job a stopped submission left local is settled first. */
  start(): void {
    if (this.#ledger.localJobs().length) void this.refresh().catch(() => undefined);
    this.#schedule();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #refresh(id?: string): Promise<BatchJobView[]> {
    const filled: number[] = [];
    // A job left local by a submission that stopped is adopted from the service or its entries made retryable
    // (batch/stranded.ts); a service that cannot be asked leaves it for the next refresh.
    const named = id ? findJob(this.#ledger, id) : null;
    if (!named || named.batchId === null) {
      try {
        for (const { job } of await recoverStranded(this.#ledger, (j) => this.#clientFor(j), { only: named?.id })) filled.push(...this.#ledger.progress(job.id).entryIds);
      } catch (error) {
        console.warn('readout: batch jobs left unsent could not be checked', error instanceof Error ? error.message : error);
      }
    }
    const jobs = id ? [findJob(this.#ledger, id)] : unfinished(this.#ledger);
    for (const job of jobs) {
      try {
        const report = await refreshJob(job, (j) => this.#clientFor(j), this.#ledger);
        if (report.done + report.failed > 0) filled.push(...this.#ledger.progress(job.id).entryIds);
        for (const problem of report.problems) console.warn(`readout: batch ${jobName(job)}: ${problem}`);
      } catch (error) {
        // One job's service not answering leaves the others to be asked; a job asked for by name says why.
        if (id) throw error;
        console.warn(`readout: batch ${jobName(job)} could not be refreshed`, error instanceof Error ? error.message : error);
      }
    }
    if (filled.length) this.#ports.emit('history:changed', { ids: filled });
    this.#changed(null);
    return this.list();
  }

  #schedule(): void {
    const every = this.#options.pollMs ?? 60_000;
    if (every <= 0 || this.#timer || unfinished(this.#ledger).length === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.refresh().catch(() => undefined).finally(() => this.#schedule());
    }, every);
    this.#timer.unref?.();
  }

  #client(baseURL: string): BatchClient {
    return new BatchClient({ baseURL, apiKey: this.#ports.settings.keyFor(baseURL) ?? 'none', ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}) });
  }

  #clientFor(job: JobRow): BatchClient {
    return this.#client(job.baseUrl);
  }

  #changed(ids: number[] | null): void {
    if (ids) this.#ports.emit('history:changed', { ids });
    this.#ports.emit('batch:changed', { jobs: this.list() });
  }

  #view(job: JobRow): BatchJobView {
    return summarize(this.#ledger, job);
  }
}

/** `readout batch ...`: jobs on DashScope's Batch API (main/batch/), from the command line. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { OPENABLE_EXTENSIONS } from '../openable.ts';
import { BatchClient } from '../batch/client.ts';
import type { Estimate } from '../batch/cost.ts';
import { gatherFiles } from '../batch/gather.ts';
import { cancelJob, checkCanBatch, findJob, jobName, refreshJob, summarize, unfinished, type JobSummary } from '../batch/jobs.ts';
import { BatchLedger, type JobRow } from '../batch/ledger.ts';
import { FINAL_STATES, type BatchState } from '../batch/limits.ts';
import { recoverStranded } from '../batch/stranded.ts';
import { discard, prepare, send } from '../batch/submit.ts';
import { errorMessage, ReadoutError } from '../errors.ts';
import { historyError } from '../history/database.ts';
import type { HistoryStore } from '../history/store.ts';
import { QwenEngine } from '../ocr/qwen.ts';
import { REGIONS, regionOf, type Region } from '../ocr/regions.ts';
import { promptForTask, TASKS } from '../ocr/tasks.ts';
import { defaultDataDir, historyFile } from '../paths.ts';
import { firstIssue, parseFlags, positiveInt, UsageError } from './args.ts';
import { BATCH_USAGE } from './batch-usage.ts';
import { openHistory } from './open-history.ts';
import { printable } from './printable.ts';
import type { CliIo } from './run.ts';

export interface BatchIo extends CliIo {
  stdinIsTty?: boolean;
  stderrIsTty?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

const SUBMIT_FLAGS = {
  recursive: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, 'dry-run': { type: 'boolean' }, out: { type: 'string' }, json: { type: 'boolean' },
  region: { type: 'string' }, 'base-url': { type: 'string' }, model: { type: 'string' }, task: { type: 'string' }, prompt: { type: 'string' },
  'min-pixels': { type: 'string' }, 'max-pixels': { type: 'string' }, pages: { type: 'string' }, password: { type: 'string' }, 'data-dir': { type: 'string' },
} as const;

const submitSchema = z.object({
  recursive: z.boolean().default(false),
  yes: z.boolean().default(false),
  'dry-run': z.boolean().default(false),
  out: z.string().min(1).optional(),
  json: z.boolean().default(false),
  region: z.enum(Object.keys(REGIONS) as [Region, ...Region[]], { error: '--region must be cn, intl or us' }).default('cn'),
  'base-url': z.url({ protocol: /^https?$/, error: '--base-url must be an http(s) URL' }).optional(),
  model: z.string().min(1).max(200).default('qwen-vl-ocr'),
  // Advanced recognition's positions come only over the native protocol, which has no batch.
  task: z.enum(TASKS.filter((t) => t !== 'advanced') as [string, ...string[]], { error: `--task must be one of ${TASKS.filter((t) => t !== 'advanced').join(', ')} (advanced needs the native protocol, which has no batch)` }).default('text'),
  prompt: z.string().max(10_000).optional(),
  'min-pixels': positiveInt('--min-pixels').optional(),
  'max-pixels': positiveInt('--max-pixels').optional(),
  pages: z.string().regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, '--pages takes pages and ranges, like 1-3,7').optional(),
  password: z.string().optional(),
  'data-dir': z.string().min(1).optional(),
}).refine((o) => !o['min-pixels'] || !o['max-pixels'] || o['min-pixels'] <= o['max-pixels'], { message: '--min-pixels must not be larger than --max-pixels' });

const ID_FLAGS = { json: { type: 'boolean' }, wait: { type: 'boolean' }, 'data-dir': { type: 'string' } } as const;

function validate<T extends z.ZodType>(schema: T, values: unknown): z.infer<T> {
  const result = schema.safeParse(values);
  if (!result.success) throw firstIssue(result.error);
  return result.data;
}

const money = (amount: number | null, currency: string): string =>
  amount === null ? '?' : `${currency === 'CNY' ? '¥' : '$'}${amount.toFixed(amount < 1 ? 4 : 2)}`;

const currencyOf = (region: string | null): string => (region === 'intl' || region === 'us' ? 'USD' : 'CNY');

const line = (job: JobSummary): string =>
  `${job.id}  ${job.state.padEnd(11)}  ${job.done}/${job.total} done${job.failed ? `, ${job.failed} failed` : ''}  ${job.cost !== null ? `cost ${money(job.cost, currencyOf(job.region))}` : `est. ${money(job.estimatedCost, currencyOf(job.region))}`}${job.error ? `  ${job.error}` : ''}`;

/** The history opened for writing; its failures said as the history commands say them. */
function withHistory<T>(dataDir: string | undefined, work: (history: HistoryStore) => Promise<T>): Promise<T> {
  const path = historyFile(dataDir ?? defaultDataDir());
  let history: HistoryStore;
  try {
    history = openHistory(dataDir);
  } catch (error) {
    return Promise.reject(historyError(error, path));
  }
  return work(history).finally(() => history.close());
}

/** A client for a job's endpoint, with the key from the environment. */
const clientFor = (env: Env) => (job: Pick<JobRow, 'baseUrl'>): BatchClient => {
  const apiKey = env.DASHSCOPE_API_KEY?.trim();
  if (!apiKey && regionOf(job.baseUrl) !== null) throw new UsageError('batch jobs on DashScope need an API key: set DASHSCOPE_API_KEY');
  return new BatchClient({ baseURL: job.baseUrl, apiKey: apiKey || 'none' });
};

async function ask(question: string, io: BatchIo): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function estimateLines(estimate: Estimate): string {
  return `Estimated cost: ${money(estimate.batch, estimate.currency)} at the batch price (read live: ${money(estimate.live, estimate.currency)}), for ${estimate.inputTokens.toLocaleString('en')} input and about ${estimate.outputTokens.toLocaleString('en')} output tokens`;
}

async function submit(argv: string[], io: BatchIo, env: Env): Promise<number> {
  const { values, positionals } = parseFlags(argv, SUBMIT_FLAGS);
  const o = validate(submitSchema, values);
  if (positionals.length === 0) throw new UsageError('submit needs files or folders');
  const baseURL = o['base-url'] ?? REGIONS[o.region];
  const apiKey = env.DASHSCOPE_API_KEY?.trim();
  if (!o['dry-run'] && !apiKey && !o['base-url']) throw new UsageError('batch jobs on DashScope need an API key: set DASHSCOPE_API_KEY');
  // A region or model that cannot batch is said before anything is read or sent.
  checkCanBatch(baseURL, o.model);
  if (!o['dry-run'] && !o.yes && !io.stdinIsTty) {
    io.stderr('readout: batch submit asks before sending, and stdin is not a terminal: add --yes to send without asking (or --dry-run to write the request files only)\n');
    return 2;
  }
  const { files, problems } = gatherFiles(positionals, { recursive: o.recursive, extensions: OPENABLE_EXTENSIONS });
  let failures = problems.length;
  for (const problem of problems) io.stderr(`readout: ${printable(problem.path)}: ${problem.reason}; left out\n`);
  const outDir = o.out ?? mkdtempSync(join(tmpdir(), 'readout-batch-'));
  mkdirSync(outDir, { recursive: true });
  const prompt = o.prompt?.trim() ? o.prompt : promptForTask({ task: o.task as (typeof TASKS)[number] });
  const bounds = new QwenEngine({ baseURL, model: o.model }).pixelBounds({ minPixels: o['min-pixels'], maxPixels: o['max-pixels'] });
  const run = async (history: HistoryStore | null): Promise<number> => {
    const plan = await prepare(files, {
      model: o.model, baseURL, region: regionOf(baseURL), prompt, mode: o.prompt?.trim() ? null : o.task, bounds, pages: o.pages, password: o.password,
      outDir, history, signal: io.signal,
      onSkipped: (file, message) => {
        failures++;
        io.stderr(`readout: ${printable(message.includes(file) ? message : `${file}: ${message}`)}; left out\n`);
      },
    });
    const say = (text: string): void => (o.json ? io.stderr(`${text}\n`) : io.stdout(`${text}\n`));
    say(`${plan.inputs} files (${plan.pages} PDF pages), ${plan.requests.length} requests in ${plan.files.length} request files${plan.skipped ? `; ${plan.skipped} left out` : ''}`);
    say(estimateLines(plan.estimate));
    if (plan.requests.length === 0) {
      io.stderr('readout: nothing to send\n');
      return 1;
    }
    if (o['dry-run']) {
      say(`Request files (nothing sent): ${plan.files.map((f) => printable(f)).join(' ')}`);
      if (o.json) io.stdout(`${JSON.stringify({ dryRun: true, files: plan.inputs, pages: plan.pages, requests: plan.requests.length, requestFiles: plan.files, estimate: plan.estimate })}\n`);
      return failures > 0 ? 1 : 0;
    }
    if (!o.yes && !(await ask('Submit? [y/N] ', io))) {
      discard(plan, history);
      if (!o.out) rmSync(outDir, { recursive: true, force: true });
      io.stderr('readout: not sent\n');
      return 1;
    }
    const ledger = new BatchLedger(history!);
    const sent = await send(plan, new BatchClient({ baseURL, apiKey: apiKey || 'none' }), ledger).finally(() => {
      // The request files hold every image: once sent (or refused) they are not needed, and a folder of our own making
      // is not left in the temporary folder for anyone to read. One the user named with --out is theirs to keep.
      if (!o.out) rmSync(outDir, { recursive: true, force: true });
    });
    for (const job of sent) {
      if (job.error) {
        failures++;
        io.stderr(`readout: ${printable(job.error)}\n`);
      } else say(`Sent job ${job.batchId} (${job.requests} requests). Fetch its results with: readout batch fetch ${job.batchId} --wait`);
    }
    if (o.json) io.stdout(`${JSON.stringify({ dryRun: false, files: plan.inputs, pages: plan.pages, requests: plan.requests.length, requestFiles: plan.files, estimate: plan.estimate, jobs: sent.map((j) => summarize(ledger, ledger.job(j.jobId)!)) })}\n`);
    return failures > 0 ? 1 : 0;
  };
  return o['dry-run'] ? run(null) : withHistory(o['data-dir'], run);
}

/**
 * Settles the jobs a stopped submission left local (batch/stranded.ts) before the command looks at the jobs: each
 * said in a line; a service that cannot be asked leaves them for the next run.
 */
async function settleStranded(ledger: BatchLedger, io: BatchIo, env: Env, only?: JobRow): Promise<void> {
  if (only && only.batchId !== null) return;
  try {
    for (const { job, outcome } of await recoverStranded(ledger, clientFor(env), { only: only?.id })) {
      io.stderr(outcome === 'adopted'
        ? `readout: local-${job.id} had been sent before Readout stopped: it is job ${job.batchId ?? '?'}, fetched from now on\n`
        : `readout: local-${job.id} was never sent (Readout stopped first): its ${job.total} entries are marked for retry (readout history retry), or submit the files again\n`);
    }
  } catch (error) {
    io.stderr(`readout: jobs left unsent could not be checked with the service (${printable(errorMessage(error))}); the next fetch tries again\n`);
  }
}

function idArgs(argv: string[], name: string, options: { needsId?: boolean } = {}) {
  const { values, positionals } = parseFlags(argv, ID_FLAGS);
  if (positionals.length > 1) throw new UsageError(`${name} takes one job ID (got ${positionals.length})`);
  if (options.needsId && positionals.length === 0) throw new UsageError(`${name} needs a job ID (readout batch list shows them)`);
  return { id: positionals[0], json: values.json === true, wait: values.wait === true, dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined };
}

function print(jobs: JobSummary[], io: BatchIo, json: boolean): void {
  for (const job of jobs) io.stdout(json ? `${JSON.stringify(job)}\n` : `${printable(line(job))}\n`);
}

async function status(argv: string[], io: BatchIo, env: Env, command: 'status' | 'list'): Promise<number> {
  const args = idArgs(argv, command);
  if (command === 'list' && args.id) throw new UsageError('list takes no arguments');
  return withHistory(args.dataDir, async (history) => {
    const ledger = new BatchLedger(history);
    if (command === 'status') await settleStranded(ledger, io, env, args.id ? findJob(ledger, args.id) : undefined);
    const jobs = args.id ? [findJob(ledger, args.id)] : ledger.jobs();
    // status asks the service about unfinished jobs (it fetches nothing); list says what the history knows.
    if (command === 'status') {
      for (const job of jobs.filter((j) => j.batchId !== null && j.state !== 'fetched' && !FINAL_STATES.has(j.state as BatchState))) {
        try {
          ledger.heard(job.id, await clientFor(env)(job).retrieve(job.batchId!));
        } catch (error) {
          if (args.id) throw error;
          io.stderr(`readout: ${jobName(job)}: ${printable(errorMessage(error))}\n`);
        }
      }
    }
    print(jobs.map((job) => summarize(ledger, ledger.job(job.id)!)), io, args.json);
    return 0;
  });
}

async function fetchCommand(argv: string[], io: BatchIo, env: Env): Promise<number> {
  const args = idArgs(argv, 'fetch');
  // A test's way to kill a fetch half way (test/main/batch/batch-cli.test.ts): SIGKILL after this many entries.
  const killAfter = Number(env.READOUT_TEST_KILL_BATCH_FETCH_AFTER ?? 0);
  // The docs: "轮询间隔 > 1分钟，使用指数退避策略" (batch/limits.ts): a minute, doubling to five.
  const pollMs = Math.max(10, Number(env.READOUT_BATCH_POLL_MS ?? 60_000));
  return withHistory(args.dataDir, async (history) => {
    const ledger = new BatchLedger(history);
    await settleStranded(ledger, io, env, args.id ? findJob(ledger, args.id) : undefined);
    const targets = args.id ? [findJob(ledger, args.id)] : unfinished(ledger);
    let failed = 0;
    let settled = 0;
    for (const target of targets) {
      let delay = pollMs;
      let last = '';
      for (;;) {
        let report: Awaited<ReturnType<typeof refreshJob>>;
        try {
          report = await refreshJob(ledger.job(target.id)!, clientFor(env), ledger, {
            onSettled: () => {
              if (killAfter > 0 && ++settled >= killAfter) process.kill(process.pid, 'SIGKILL');
            },
          });
        } catch (error) {
          // One job the service will not answer for (gone after its 30 days, another key) must not keep the others
          // from being fetched: it is said, counted, and the next job is asked.
          if (args.id) throw error;
          io.stderr(`readout: ${jobName(target)}: ${printable(errorMessage(error))}\n`);
          failed++;
          break;
        }
        for (const problem of report.problems) io.stderr(`readout: ${printable(problem)}\n`);
        const job = summarize(ledger, report.job);
        const ended = report.job.state === 'fetched' || report.job.batchId === null;
        if (!args.json) {
          const now = line(job);
          if (io.stderrIsTty && args.wait && !ended) {
            const width = 30;
            const filled = job.total ? Math.round((width * job.done) / job.total) : 0;
            io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${job.id} ${job.state} ${job.done}/${job.total}`);
          } else if (now !== last) io.stderr(`${printable(now)}\n`);
          last = now;
        }
        if (ended || !args.wait || io.signal?.aborted) {
          if (io.stderrIsTty && args.wait && !args.json) io.stderr('\n');
          failed += job.failed;
          if (args.json) io.stdout(`${JSON.stringify(job)}\n`);
          else if (ended) io.stdout(`${printable(line(job))}\n`);
          break;
        }
        // Backoff: the service takes hours for a big job; asking every few seconds at first, then at most every 5 minutes.
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 300_000);
      }
    }
    return failed > 0 ? 1 : 0;
  });
}

async function cancel(argv: string[], io: BatchIo, env: Env): Promise<number> {
  const args = idArgs(argv, 'cancel', { needsId: true });
  return withHistory(args.dataDir, async (history) => {
    const ledger = new BatchLedger(history);
    const job = await cancelJob(findJob(ledger, args.id!), clientFor(env), ledger);
    io.stdout(`${printable(line(summarize(ledger, job)))}\n`);
    return 0;
  });
}

export async function runBatch(argv: string[], io: BatchIo, env: Env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'submit':
        return await submit(rest, io, env);
      case 'status':
        return await status(rest, io, env, 'status');
      case 'list':
        return await status(rest, io, env, 'list');
      case 'fetch':
        return await fetchCommand(rest, io, env);
      case 'cancel':
        return await cancel(rest, io, env);
      default:
        throw new UsageError(`batch: unknown command ${command ?? ''} (submit, status, fetch, cancel or list)`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    io.stderr(`readout: ${printable(error instanceof ReadoutError || error instanceof Error ? errorMessage(error) : String(error))}\n`);
    return 1;
  }
}

export { BATCH_USAGE };

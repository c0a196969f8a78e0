/**
 * DashScope's Files and Batches endpoints (limits.ts cites the pages), through the official openai SDK pointed at the
 * region's compatible base URL: the key goes only in the Authorization header the SDK sets. Every answer is checked
 * with zod before it is believed; every failure comes out as an OcrError with the service's reason, redacted.
 */
import OpenAI, { toFile } from 'openai';
import { z } from 'zod';
import { classify } from '../ocr/classify.ts';
import { OcrError } from '../ocr/errors.ts';
import { redactAndTruncate } from '../ocr/redact.ts';
import { BATCH_ENDPOINT, BATCH_STATES, COMPLETION_WINDOW, type BatchState } from './limits.ts';

const counts = z.object({ total: z.number().int().nonnegative(), completed: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }).partial();

const batchSchema = z.object({
  id: z.string().min(1).max(200),
  status: z.enum(BATCH_STATES),
  input_file_id: z.string().nullish(),
  output_file_id: z.string().nullish(),
  error_file_id: z.string().nullish(),
  request_counts: counts.nullish(),
  created_at: z.number().nullish(),
  completed_at: z.number().nullish(),
  failed_at: z.number().nullish(),
  expired_at: z.number().nullish(),
  cancelled_at: z.number().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  errors: z.object({ data: z.array(z.object({ code: z.string().nullish(), message: z.string().nullish(), line: z.number().nullish() }).passthrough()).nullish() }).passthrough().nullish(),
}).passthrough();

const fileSchema = z.object({ id: z.string().min(1).max(200) }).passthrough();

/** A job as the service says it is. */
export interface RemoteBatch {
  id: string;
  state: BatchState;
  inputFileId: string | null;
  outputFileId: string | null;
  errorFileId: string | null;
  total: number;
  completed: number;
  failed: number;
  /** When it reached a final state, in ms. */
  finishedAt: number | null;
  /** The service's reasons, for a job that failed validation. */
  error: string | null;
  /** When the service created it, in ms. */
  createdAt: number | null;
  /** Its metadata.ds_name: how a job this history lost track of is known again (stranded.ts). */
  name: string | null;
}

export interface BatchClientOptions {
  baseURL: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class BatchClient {
  readonly #client: OpenAI;
  readonly #host: string;
  readonly #apiKey: string;

  constructor(options: BatchClientOptions) {
    this.#apiKey = options.apiKey;
    this.#host = new URL(options.baseURL).host;
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      // Uploads are idempotent only by luck; a failure is said and the user runs the command again.
      maxRetries: 0,
      timeout: options.timeoutMs ?? 600_000,
      logLevel: 'off',
      fetch: options.fetch,
    });
  }

  /** Uploads one JSONL input file with purpose "batch"; its file id. */
  async upload(name: string, bytes: Uint8Array): Promise<string> {
    const file = await this.#call(async () => this.#client.files.create({ file: await toFile(bytes, name, { type: 'application/jsonl' }), purpose: 'batch' }));
    return this.#check(fileSchema, file, 'the uploaded file').id;
  }

  /** Creates the job over an uploaded file. */
  async create(inputFileId: string, metadata: Record<string, string> = {}): Promise<RemoteBatch> {
    return this.#batch(await this.#call(() => this.#client.batches.create({ input_file_id: inputFileId, endpoint: BATCH_ENDPOINT, completion_window: COMPLETION_WINDOW, metadata })));
  }

  async retrieve(batchId: string): Promise<RemoteBatch> {
    return this.#batch(await this.#call(() => this.#client.batches.retrieve(batchId)));
  }

  /** One page of the account's jobs, newest first (`after`: the last id of the page before). */
  async list(options: { after?: string; limit?: number } = {}): Promise<{ jobs: RemoteBatch[]; more: boolean }> {
    const page = await this.#call(() => this.#client.batches.list({ after: options.after, limit: options.limit ?? 20 }));
    return { jobs: page.data.map((b) => this.#batch(b)), more: page.hasNextPage() };
  }

  async cancel(batchId: string): Promise<RemoteBatch> {
    return this.#batch(await this.#call(() => this.#client.batches.cancel(batchId)));
  }

  /** An output or error file's text. */
  async content(fileId: string): Promise<string> {
    const response = await this.#call(() => this.#client.files.content(fileId));
    return this.#call(() => response.text());
  }

  async deleteFile(fileId: string): Promise<void> {
    await this.#call(() => this.#client.files.delete(fileId));
  }

  #batch(value: unknown): RemoteBatch {
    const b = this.#check(batchSchema, value, 'the batch job');
    const final = b.completed_at ?? b.failed_at ?? b.expired_at ?? b.cancelled_at ?? null;
    const reasons = (b.errors?.data ?? []).map((e) => [e.line ? `line ${e.line}` : null, e.code, e.message].filter(Boolean).join(': ')).filter(Boolean);
    return {
      id: b.id,
      state: b.status,
      inputFileId: b.input_file_id ?? null,
      outputFileId: b.output_file_id ?? null,
      errorFileId: b.error_file_id ?? null,
      total: b.request_counts?.total ?? 0,
      completed: b.request_counts?.completed ?? 0,
      failed: b.request_counts?.failed ?? 0,
      finishedAt: final === null ? null : final * 1000,
      error: reasons.length ? redactAndTruncate(reasons.slice(0, 5).join('; '), 1000, this.#apiKey) : null,
      createdAt: b.created_at == null ? null : b.created_at * 1000,
      name: typeof b.metadata?.ds_name === 'string' ? b.metadata.ds_name.slice(0, 200) : null,
    };
  }

  #check<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new OcrError('bad-response', `${this.#host} answered with something that is not ${what} (${issue?.path.join('.') || 'it'}: ${issue?.message ?? 'wrong shape'}).`);
    }
    return parsed.data;
  }

  async #call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw classify(error, { host: this.#host, model: 'batch', apiKey: this.#apiKey });
    }
  }
}

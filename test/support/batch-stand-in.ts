/**
 * DashScope's OpenAI-compatible Files and Batches endpoints, written from Model Studio's "OpenAI compatible - Batch
 * (file input)" pages (main/batch/limits.ts cites them), mounted on the DashScope stand-in (dashscope-server.ts):
 * POST /files (multipart, purpose "batch"), GET /files/{id}/content, DELETE /files/{id}, POST /batches,
 * GET /batches/{id}, GET /batches?after&limit, POST /batches/{id}/cancel. Errors in the compatible shape
 * {"error": {message, type, param, code}, "request_id"}.
 *
 * Jobs move on the test's clock, never on time: advance() takes every unfinished job one state further (validating ->
 * in_progress -> finalizing -> completed; cancelling -> cancelled; or, for a job told to, -> expired). Each request is
 * answered by the stand-in's own chat handler (a non-streamed POST /chat/completions, which checks its shape as a live
 * request is checked), so an output line holds what a live read would have got.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const BATCH_MODELS = new Set(['qwen-vl-ocr', 'qwen-vl-ocr-latest']);
const MAX_LINES = 50_000;
// "单文件最多 50,000 个请求，且不超过 500 MB"; "每个JSON对象不超过 6 MB" (main/batch/limits.ts quotes the page): the
// stand-in holds a file to the stricter reading of "MB" (10^6 bytes), so what Readout writes fits either.
const MAX_FILE_BYTES = 500 * 1000 * 1000;
const MAX_LINE_BYTES = 6 * 1000 * 1000;
const STATES = ['validating', 'in_progress', 'finalizing', 'completed'] as const;

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: Buffer;
  created: number;
}

export interface JobPlan {
  /** custom_ids that fail (into the error file) with this code and message. */
  fail?: (customId: string, index: number) => { code: string; message: string } | null;
  /** The job expires at its next step after in_progress, with this many requests done. */
  expireAfter?: number;
  /** Lines added to the output file: text that is not JSON, and a line for a custom_id the job never held. */
  corrupt?: boolean;
}

interface Job {
  id: string;
  status: string;
  input_file_id: string;
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  completed_at: number | null;
  expired_at: number | null;
  cancelled_at: number | null;
  failed_at: number | null;
  metadata: Record<string, string>;
  completion_window: string;
  key: string;
  plan: JobPlan;
  done: number;
  failed: number;
  total: number;
}

export interface StandInHost {
  baseURL: string;
  validKeys: Set<string>;
}

export class BatchStandIn {
  readonly files = new Map<string, StoredFile>();
  readonly jobs = new Map<string, Job>();
  /** Every request's Authorization header and body as received, for the tests' checks (the key never in a file). */
  readonly uploads: Array<{ filename: string; text: string }> = [];
  /** How many times each job has been asked about (GET /batches/{id}): a test moves a job only after it was seen. */
  readonly retrievals = new Map<string, number>();
  /** The plan the next created job follows. */
  nextPlan: JobPlan = {};
  /** Faults a test asks for: the nth upload (1-based, counted from when set) or job creation refused with this answer. */
  refuseUpload: ((n: number) => { status: number; code: string; message: string } | null) | null = null;
  refuseCreate: ((n: number) => { status: number; code: string; message: string } | null) | null = null;
  /** The next file download sends half its bytes and drops the connection (a network cut mid-fetch). */
  dropNextContent = false;
  #uploadsSeen = 0;
  #createsSeen = 0;
  readonly #host: StandInHost;

  constructor(host: StandInHost) {
    this.#host = host;
  }

  /** True when the request was one of the batch endpoints (and has been answered). */
  async handle(method: string, url: string, headers: Record<string, string | string[] | undefined>, raw: Buffer, response: ServerResponse): Promise<boolean> {
    const { pathname, searchParams } = new URL(url, 'http://stand-in');
    const path = pathname.replace(/^.*\/compatible-mode\/v1/, '');
    if (!/^\/(files|batches)(\/|$)/.test(path)) return false;
    const requestId = randomUUID();
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId });
      response.end(JSON.stringify(body));
    };
    const error = (status: number, code: string, message: string, type = 'invalid_request_error'): boolean => {
      send(status, { error: { message, type, param: null, code }, request_id: requestId });
      return true;
    };
    const key = String(headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.#host.validKeys.has(key)) return error(401, 'invalid_api_key', 'Incorrect API key provided.');

    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/files') return this.#upload(headers, raw, send, error);
    if (method === 'GET' && (match = /^\/files\/([\w-]+)\/content$/.exec(path))) {
      const file = this.files.get(match[1]!);
      if (!file) return error(404, 'NotFound', `File ${match[1]} not found.`);
      // "仅支持下载以file-batch_output开头的file_id对应的文件": an input file cannot be read back.
      if (!file.id.startsWith('file-batch_output')) return error(400, 'InvalidParameter', `File ${file.id} is not a batch output file and cannot be downloaded.`);
      if (this.dropNextContent) {
        this.dropNextContent = false;
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) });
        response.write(file.bytes.subarray(0, Math.floor(file.bytes.length / 2)), () => response.destroy());
        return true;
      }
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(file.bytes);
      return true;
    }
    if (method === 'DELETE' && (match = /^\/files\/([\w-]+)$/.exec(path))) {
      if (!this.files.delete(match[1]!)) return error(404, 'NotFound', `File ${match[1]} not found.`);
      send(200, { id: match[1], object: 'file', deleted: true });
      return true;
    }
    if (method === 'POST' && path === '/batches') return this.#create(raw, key, send, error);
    if (method === 'GET' && path === '/batches') {
      const all = [...this.jobs.values()].reverse();
      const after = searchParams.get('after');
      const start = after ? all.findIndex((job) => job.id === after) + 1 : 0;
      const limit = Math.min(100, Number(searchParams.get('limit') ?? 20));
      const page = all.slice(start, start + limit);
      send(200, { object: 'list', data: page.map((job) => this.#view(job)), first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null, has_more: start + limit < all.length });
      return true;
    }
    if ((match = /^\/batches\/([\w-]+)(\/cancel)?$/.exec(path))) {
      const job = this.jobs.get(match[1]!);
      if (!job) return error(404, 'NotFound', `Batch ${match[1]} not found.`);
      if (method === 'GET' && !match[2]) {
        this.retrievals.set(job.id, (this.retrievals.get(job.id) ?? 0) + 1);
        send(200, this.#view(job));
        return true;
      }
      if (method === 'POST' && match[2]) {
        if (['completed', 'failed', 'expired', 'cancelled'].includes(job.status)) return error(400, 'InvalidParameter', `Batch ${job.id} has ended (${job.status}) and cannot be cancelled.`);
        job.status = 'cancelling';
        send(200, this.#view(job));
        return true;
      }
    }
    return error(404, 'NotFound', 'Not found');
  }

  /** Every unfinished job one state further; the requests answered on the way to finalizing. */
  async advance(): Promise<void> {
    for (const job of this.jobs.values()) await this.#step(job);
  }

  /** Advances until every job has ended. */
  async finishAll(): Promise<void> {
    for (let i = 0; i < 6; i++) await this.advance();
  }

  async #step(job: Job): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    if (job.status === 'cancelling') {
      await this.#answer(job, job.done);
      job.status = 'cancelled';
      job.cancelled_at = now;
      return;
    }
    if (job.status === 'in_progress' && job.plan.expireAfter !== undefined) {
      await this.#answer(job, job.plan.expireAfter);
      job.status = 'expired';
      job.expired_at = now;
      return;
    }
    const at = STATES.indexOf(job.status as (typeof STATES)[number]);
    if (at < 0 || at === STATES.length - 1) return;
    const next = STATES[at + 1]!;
    if (next === 'finalizing') await this.#answer(job, job.total);
    job.status = next;
    if (next === 'completed') job.completed_at = now;
  }

  /** Answers the job's first `count` requests (each through the chat handler), writing the output and error files. */
  async #answer(job: Job, count: number): Promise<void> {
    if (job.output_file_id || job.error_file_id) return;
    const lines = this.files.get(job.input_file_id)!.bytes.toString('utf8').split('\n').filter(Boolean).slice(0, count);
    const output: string[] = [];
    const errors: string[] = [];
    for (const [index, text] of lines.entries()) {
      const line = JSON.parse(text) as { custom_id: string; body: Record<string, unknown> };
      const failure = job.plan.fail?.(line.custom_id, index) ?? null;
      const id = `batch_req_${randomUUID()}`;
      if (failure) {
        errors.push(JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: 400, request_id: randomUUID(), body: { error: { code: failure.code, message: failure.message } } }, error: { code: failure.code, message: failure.message } }));
        continue;
      }
      const answer = await fetch(`${this.#host.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${job.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...line.body, stream: false }),
      });
      const body = (await answer.json()) as unknown;
      const requestId = answer.headers.get('x-request-id') ?? randomUUID();
      const result = JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: answer.status, request_id: requestId, body }, error: null });
      (answer.ok ? output : errors).push(result);
    }
    if (job.plan.corrupt) {
      output.splice(1, 0, '{"id": "batch_req_x", "custom_id": "entry-1", "response": {"status_code": 200, "bod');
      output.push(JSON.stringify({ id: 'batch_req_y', custom_id: 'entry-999999', response: { status_code: 200, request_id: 'r', body: { id: 'c', choices: [{ message: { content: 'stray' } }] } }, error: null }));
    }
    job.done = output.length - (job.plan.corrupt ? 2 : 0);
    job.failed = errors.length;
    if (output.length) job.output_file_id = this.#store(`${job.id}_output.jsonl`, 'batch_output', `${output.join('\n')}\n`).id;
    if (errors.length) job.error_file_id = this.#store(`${job.id}_error.jsonl`, 'batch_output', `${errors.join('\n')}\n`).id;
  }

  #store(filename: string, purpose: string, text: string | Buffer): StoredFile {
    // Input files are "file-batch-xxx", results "file-batch_output-xxx", as the docs' examples name them.
    const file = { id: `${purpose === 'batch' ? 'file-batch' : 'file-batch_output'}-${randomUUID()}`, filename, purpose, bytes: Buffer.from(text), created: Math.floor(Date.now() / 1000) };
    this.files.set(file.id, file);
    return file;
  }

  async #upload(headers: Record<string, string | string[] | undefined>, raw: Buffer, send: (status: number, body: unknown) => void, error: (status: number, code: string, message: string) => boolean): Promise<boolean> {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(raw), { headers: { 'content-type': String(headers['content-type'] ?? '') } }).formData();
    } catch {
      return error(400, 'InvalidParameter', 'The request is not multipart/form-data.');
    }
    const refused = this.refuseUpload?.(++this.#uploadsSeen) ?? null;
    if (refused) return (error as (status: number, code: string, message: string) => boolean)(refused.status, refused.code, refused.message);
    const purpose = form.get('purpose');
    const file = form.get('file');
    if (purpose !== 'batch') return error(400, 'InvalidParameter', `purpose must be "batch" for a batch input file (got ${JSON.stringify(purpose)}).`);
    if (!(file instanceof Blob)) return error(400, 'InvalidParameter', 'file is missing.');
    const bytes = Buffer.from(await file.arrayBuffer());
    const text = bytes.toString('utf8');
    this.uploads.push({ filename: (file as File).name, text });
    const problem = checkInput(text, bytes.length);
    if (problem) return error(400, 'InvalidFile', problem);
    const stored = this.#store((file as File).name, 'batch', bytes);
    send(200, { id: stored.id, object: 'file', bytes: bytes.length, created_at: stored.created, filename: stored.filename, purpose: 'batch', status: 'processed' });
    return true;
  }

  #create(raw: Buffer, key: string, send: (status: number, body: unknown) => void, error: (status: number, code: string, message: string) => boolean): boolean {
    let body: { input_file_id?: unknown; endpoint?: unknown; completion_window?: unknown; metadata?: unknown };
    try {
      body = JSON.parse(raw.toString('utf8')) as typeof body;
    } catch {
      return error(400, 'InvalidParameter', 'The body is not JSON.');
    }
    const refused = this.refuseCreate?.(++this.#createsSeen) ?? null;
    if (refused) return error(refused.status, refused.code, refused.message);
    if (typeof body.input_file_id !== 'string' || !this.files.has(body.input_file_id)) return error(400, 'InvalidParameter', `input_file_id ${JSON.stringify(body.input_file_id)} is not an uploaded file.`);
    if (body.endpoint !== '/v1/chat/completions') return error(400, 'InvalidParameter', 'endpoint must be the input file lines\' url, /v1/chat/completions.');
    const window = typeof body.completion_window === 'string' ? /^(\d+)([hd])$/.exec(body.completion_window) : null;
    const hours = window ? Number(window[1]) * (window[2] === 'd' ? 24 : 1) : 0;
    if (hours < 24 || hours > 336) return error(400, 'InvalidParameter', 'completion_window must be between 24h and 336h.');
    const total = this.files.get(body.input_file_id)!.bytes.toString('utf8').split('\n').filter(Boolean).length;
    const job: Job = {
      id: `batch_${randomUUID()}`, status: 'validating', input_file_id: body.input_file_id, output_file_id: null, error_file_id: null,
      created_at: Math.floor(Date.now() / 1000), completed_at: null, expired_at: null, cancelled_at: null, failed_at: null,
      metadata: (body.metadata as Record<string, string> | undefined) ?? {}, completion_window: body.completion_window as string, key,
      plan: this.nextPlan, done: 0, failed: 0, total,
    };
    this.nextPlan = {};
    this.jobs.set(job.id, job);
    send(200, this.#view(job));
    return true;
  }

  #view(job: Job): object {
    return {
      id: job.id, object: 'batch', endpoint: '/v1/chat/completions', errors: null, input_file_id: job.input_file_id,
      completion_window: job.completion_window, status: job.status, output_file_id: job.output_file_id, error_file_id: job.error_file_id,
      created_at: job.created_at, in_progress_at: null, expires_at: job.created_at + 86_400, finalizing_at: null,
      completed_at: job.completed_at, failed_at: job.failed_at, expired_at: job.expired_at, cancelling_at: null, cancelled_at: job.cancelled_at,
      request_counts: { total: job.total, completed: job.done, failed: job.failed }, metadata: job.metadata,
    };
  }
}

/** The documented input file rules: JSONL, each line {custom_id, method POST, url, body}, one model that batches, ids unique, limits. */
export function checkInput(text: string, size: number): string | null {
  if (size > MAX_FILE_BYTES) return `the file is ${size} bytes; a batch file is at most 500 MB.`;
  const lines = text.split('\n').filter((line) => line.length > 0);
  if (lines.length === 0) return 'the file has no requests.';
  if (lines.length > MAX_LINES) return `the file has ${lines.length} requests; a batch file holds at most 50,000.`;
  const ids = new Set<string>();
  let model: string | null = null;
  for (const [index, line] of lines.entries()) {
    const at = `line ${index + 1}`;
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) return `${at} is larger than 6 MB.`;
    let request: { custom_id?: unknown; method?: unknown; url?: unknown; body?: { model?: unknown } };
    try {
      request = JSON.parse(line) as typeof request;
    } catch {
      return `${at} is not JSON.`;
    }
    if (typeof request.custom_id !== 'string' || !request.custom_id) return `${at} has no custom_id.`;
    if (ids.has(request.custom_id)) return `${at}: custom_id ${request.custom_id} is used twice.`;
    ids.add(request.custom_id);
    if (request.method !== 'POST') return `${at}: method must be POST.`;
    if (request.url !== '/v1/chat/completions') return `${at}: url must be /v1/chat/completions.`;
    const lineModel = request.body?.model;
    if (typeof lineModel !== 'string' || !BATCH_MODELS.has(lineModel)) return `${at}: model ${JSON.stringify(lineModel)} does not batch.`;
    if (model !== null && lineModel !== model) return `${at}: every line of a file must name the same model.`;
    model = lineModel;
  }
  return null;
}

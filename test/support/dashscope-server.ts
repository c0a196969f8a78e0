/**
 * A local server that speaks DashScope's two protocols, written from their documentation:
 * - OpenAI-compatible: POST {base}/chat/completions with a Bearer key; SSE chunks of chat.completion.chunk, the final
 *   usage chunk with empty choices (stream_options.include_usage), then [DONE]; errors as
 *   {"error":{message,type,param,code},"request_id"}.
 * - Native (main/ocr/dashscope-native.ts has the field names and their source): POST
 *   {host}/api/v1/services/aigc/multimodal-generation/generation; with X-DashScope-SSE: enable, "result" events
 *   (incremental text, finish_reason "null" until "stop", usage in each) and "error" events after the 200, each with
 *   its ":HTTP_STATUS/NNN" comment; errors as {code, message, request_id}; advanced_recognition answers words_info
 *   whose locations are found in the image sent (ink-lines.ts), not made up.
 * Each request takes the next scripted behaviour, whichever protocol it speaks, so tests can stage rate limits, cut
 * streams and silence.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import sharp from 'sharp';
import { NATIVE_PATH } from '../../main/ocr/dashscope-native.ts';
import { NATIVE_TASK } from '../../main/ocr/tasks.ts';
import { inkLines } from './ink-lines.ts';
import { BatchStandIn } from './batch-stand-in.ts';
import { isTextRequest, MT_MODELS_KNOWN, isMt, standInTranslation, streamsWholeText, textProblems, type TextRequest } from './qwen-mt-stand-in.ts';

export type Behaviour =
  /**
   * `after`: the answer waits for this promise (a test holds a batch in progress while it looks at it, and lets it
   * go: no answer finishes early however fast or slow the machine); with `holdAt`, only the rest of it after that
   * many pieces (the partial text is there to be seen for as long as the test looks).
   */
  | {
      kind: 'ok'; text?: string; chunkDelayMs?: number; chunkSize?: number; after?: Promise<unknown>; holdAt?: number;
      /** The usage reported in place of the real one (bad-input review 2, M4: negative, 1e308). */
      usage?: { input: number; output: number };
      /** The request id sent (header and body) in place of a fresh one (M1: a key echoed on success). */
      requestId?: string;
    }
  /** Streams some text, then ends the response without finish_reason, usage or [DONE]. */
  | { kind: 'end-early'; text: string }
  /** Streams some text, then destroys the socket. */
  | { kind: 'cut'; text: string }
  /** Accepts the connection and never answers. */
  | { kind: 'hang' }
  | { kind: 'error'; status: number; code: string; message: string; type?: string; retryAfter?: number; requestId?: string }
  // Misbehaving servers (bad-input review M5, L3), bounded so a test never floods the machine:
  /** Streams `chunkChars`-character deltas without end, until the client goes away (at most `limitChars`). */
  | { kind: 'flood'; chunkChars: number; limitChars: number }
  /** 200 with an HTML page, whatever was asked. */
  | { kind: 'garbage' }
  /** A streaming answer whose event data is not JSON. */
  | { kind: 'malformed-sse' }
  /** A streaming answer whose chunks are JSON of the wrong shape (choices: null, content a number). */
  | { kind: 'wrong-type' }
  /** The whole answer as one JSON completion, to a request that asked for a stream. */
  | { kind: 'json-to-stream' }
  // Hostile servers (bad-input review 2, H4, M3), each sending at most limitBytes and stopping when the client goes:
  /** Streams `text` in an event, then a `data:` line that never ends. */
  | { kind: 'endless-line'; text: string; limitBytes: number }
  /** Streams `text` in an event, then one event of short data lines that never ends (no blank line). */
  | { kind: 'endless-event'; text: string; limitBytes: number }
  /** Native only: the answer `text` with `count` word positions (one event, or the whole JSON answer). */
  | { kind: 'many-words'; text: string; count: number }
  /** Native only: streams some text with status 200, then an error event (DashScope's error after the 200). */
  | { kind: 'stream-error'; text: string; status: number; code: string; message: string };

export interface RecordedRequest {
  path: string;
  protocol: 'compatible' | 'native';
  authorization: string | undefined;
  /** The compatible body; for a native request, its messages and parameters in the compatible names' places. */
  body: ChatRequest;
  /** A native request's body as it came. */
  native: NativeBody | null;
  headers: Record<string, string | string[] | undefined>;
  /** Problems with the request's shape; a correct client leaves this empty. */
  problems: string[];
  image: { width: number; height: number; format: string } | null;
}

export interface ContentPart {
  type: string;
  text?: string;
  image_url?: { url?: string };
  min_pixels?: number;
  max_pixels?: number;
}

export interface ChatRequest {
  model?: string;
  messages?: Array<{ role?: string; content?: ContentPart[] | string }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  top_p?: number;
  temperature?: number;
  max_tokens?: number;
}

export interface NativeBody {
  model?: string;
  input?: { messages?: Array<{ role?: string; content?: Array<{ image?: string; text?: string; min_pixels?: number; max_pixels?: number; enable_rotate?: boolean }> }> };
  parameters?: {
    ocr_options?: { task?: string; task_config?: { result_schema?: unknown } };
    incremental_output?: boolean;
    max_tokens?: number;
    temperature?: number;
    top_p?: number;
  };
}

const NATIVE_TASKS = new Set(Object.values(NATIVE_TASK));

function validateNative(body: NativeBody, streaming: boolean): string[] {
  const problems: string[] = [];
  if (typeof body.model !== 'string' || !body.model) problems.push('model missing');
  const messages = body.input?.messages;
  if (messages?.length !== 1 || messages[0]?.role !== 'user') problems.push('expected input.messages with one user message');
  const content = messages?.[0]?.content ?? [];
  const image = content.find((item) => 'image' in item);
  if (!image?.image?.startsWith('data:image/')) problems.push('the image must be a data URL in an {image} content item');
  if (typeof image?.min_pixels !== 'number' || typeof image?.max_pixels !== 'number') problems.push('min_pixels and max_pixels belong in the image content item');
  if (image?.enable_rotate !== undefined && typeof image.enable_rotate !== 'boolean') problems.push('enable_rotate must be a boolean');
  if (!content.some((item) => typeof item.text === 'string')) problems.push('text content item missing');
  const task = body.parameters?.ocr_options?.task;
  if (task !== undefined && !NATIVE_TASKS.has(task)) problems.push(`unknown ocr_options.task ${task}`);
  const schema = body.parameters?.ocr_options?.task_config?.result_schema;
  if (schema !== undefined && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) problems.push('result_schema must be an object');
  if (streaming && body.parameters?.incremental_output !== true) problems.push('a stream without parameters.incremental_output: true repeats the whole text in every event');
  return problems;
}

/** The content parts of a recorded request's one message. */
export function partsOf(request: RecordedRequest | undefined): ContentPart[] {
  const content = request?.body.messages?.[0]?.content;
  return Array.isArray(content) ? content : [];
}

export const DEFAULT_TEXT = 'Readout 识别\nline two';

function validate(body: ChatRequest): string[] {
  const problems: string[] = [];
  if (typeof body.model !== 'string' || !body.model) problems.push('model missing');
  const message = body.messages?.[0];
  if (body.messages?.length !== 1 || message?.role !== 'user') problems.push('expected one user message');
  const content = Array.isArray(message?.content) ? message.content : [];
  const image = content.find((p) => p.type === 'image_url');
  const text = content.find((p) => p.type === 'text');
  if (!image?.image_url?.url?.startsWith('data:image/')) problems.push('image_url must be a data URL');
  if (typeof image?.min_pixels !== 'number' || typeof image?.max_pixels !== 'number') {
    problems.push('min_pixels and max_pixels belong beside image_url in the image part');
  }
  if (!text?.text) problems.push('text part missing');
  if (body.stream && body.stream_options?.include_usage !== true) problems.push('stream_options.include_usage missing');
  return problems;
}

const id = (): string => `chatcmpl-${randomUUID()}`;

export class DashScopeServer {
  readonly requests: RecordedRequest[] = [];
  readonly validKeys = new Set(['sk-test-valid-key-0001']);
  #script: Behaviour[] = [];
  #server: Server;
  #sockets = new Set<Socket>();
  baseURL = '';
  /** The Files and Batches endpoints (batch-stand-in.ts); jobs move when the test calls batches.advance(). */
  readonly batches = new BatchStandIn(this);

  constructor() {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.baseURL = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/compatible-mode/v1`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Behaviours for the next requests, in order; once used up, requests succeed with DEFAULT_TEXT. */
  script(...behaviours: Behaviour[]): void {
    this.#script = behaviours;
    this.requests.length = 0;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (await this.batches.handle(request.method ?? '', request.url ?? '', request.headers, Buffer.concat(chunks), response)) return;
    const requestId = randomUUID();
    const sendError = (status: number, code: string, message: string, type = code, retryAfter?: number, echoedId: string = requestId): void => {
      response.writeHead(status, { 'content-type': 'application/json', ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}) });
      response.end(JSON.stringify({ error: { message, type, param: null, code }, request_id: echoedId }));
    };
    if (request.method === 'POST' && request.url?.endsWith(NATIVE_PATH)) return this.#handleNative(request, response, Buffer.concat(chunks), requestId);
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      return sendError(404, 'NotFound', 'Not found');
    }
    let body: ChatRequest;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
    } catch {
      return sendError(400, 'InvalidParameter', 'Request body is not valid JSON');
    }
    const recorded: RecordedRequest = {
      path: request.url,
      protocol: 'compatible',
      authorization: request.headers.authorization,
      body,
      native: null,
      headers: request.headers,
      // A text request (Qwen-MT, or a chat model asked to translate) follows Qwen-MT's rules (qwen-mt-stand-in.ts).
      problems: isTextRequest(body as TextRequest) ? textProblems(body as TextRequest) : validate(body),
      image: isTextRequest(body as TextRequest) ? null : await this.#imageOf(body),
    };
    this.requests.push(recorded);

    const key = request.headers.authorization?.replace(/^Bearer /, '');
    if (!key || !this.validKeys.has(key)) {
      return sendError(401, 'invalid_api_key', `Incorrect API key provided: ${key ?? ''}.`, 'invalid_request_error');
    }
    if (isMt(body.model) && !MT_MODELS_KNOWN.has(body.model ?? '')) return sendError(404, 'model_not_found', `The model ${body.model} does not exist or you do not have access to it.`, 'invalid_request_error');
    if (recorded.problems.length > 0) return sendError(400, 'InvalidParameter', recorded.problems.join('; '));

    const behaviour = this.#script.shift() ?? { kind: 'ok' };
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'error') {
      return sendError(behaviour.status, behaviour.code, behaviour.message, behaviour.type, behaviour.retryAfter, behaviour.requestId);
    }
    if (behaviour.kind === 'garbage') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Welcome to nginx!</body></html>');
      return;
    }
    if (behaviour.kind === 'stream-error') return sendError(behaviour.status, behaviour.code, behaviour.message);
    if (behaviour.kind === 'endless-line' || behaviour.kind === 'endless-event') {
      const first = `data: ${JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: { content: behaviour.text }, finish_reason: null }] })}\n\n`;
      return endless(response, behaviour, first);
    }
    if (behaviour.kind === 'many-words') return sendError(400, 'InvalidParameter', 'many-words is a native behaviour');
    if (!(await held(behaviour, response))) return;
    if (behaviour.kind === 'flood' || behaviour.kind === 'malformed-sse' || behaviour.kind === 'wrong-type' || behaviour.kind === 'json-to-stream') {
      await misbehave(response, behaviour, body.model ?? '');
      return;
    }
    const scripted = 'text' in behaviour && behaviour.text !== undefined ? behaviour.text : undefined;
    const text = isTextRequest(body as TextRequest) ? standInTranslation(body as TextRequest, scripted) : (scripted ?? DEFAULT_TEXT);
    const usage = behaviour.kind === 'ok' && behaviour.usage
      ? { prompt_tokens: behaviour.usage.input, completion_tokens: behaviour.usage.output, total_tokens: behaviour.usage.input + behaviour.usage.output }
      : this.#usage(recorded, text);
    if (!body.stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: id(),
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null }],
          usage,
        }),
      );
      return;
    }
    await this.#stream(response, body.model ?? '', text, usage, behaviour, streamsWholeText(body.model));
  }

  /** `whole`: each chunk carries the whole text so far (qwen-mt-turbo and qwen-mt-plus), not only the new piece. */
  async #stream(response: ServerResponse, model: string, text: string, usage: object, behaviour: Behaviour, whole = false): Promise<void> {
    const chunkId = id();
    const created = Math.floor(Date.now() / 1000);
    const send = (choices: unknown[], extra: object = {}): void => {
      response.write(`data: ${JSON.stringify({ id: chunkId, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices, usage: null, ...extra })}\n\n`);
    };
    const requestId = behaviour.kind === 'ok' && behaviour.requestId !== undefined ? behaviour.requestId : chunkId.slice(9);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': requestId });
    const size = behaviour.kind === 'ok' ? (behaviour.chunkSize ?? 4) : 4;
    const delay = behaviour.kind === 'ok' ? (behaviour.chunkDelayMs ?? 0) : 0;
    const pieces = Array.from(text).reduce<string[]>((acc, ch, i) => {
      if (i % size === 0) acc.push(ch);
      else acc[acc.length - 1] += ch;
      return acc;
    }, []);
    send([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }]);
    for (const [i, piece] of pieces.entries()) {
      if (delay && i > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (behaviour.kind === 'ok' && behaviour.after && i === behaviour.holdAt) await behaviour.after.catch(() => undefined);
      if (response.destroyed) return;
      const last = i === pieces.length - 1 && behaviour.kind === 'ok';
      const content = whole ? pieces.slice(0, i + 1).join('') : piece;
      send([{ index: 0, delta: { content }, finish_reason: last ? 'stop' : null, logprobs: null }]);
    }
    if (behaviour.kind === 'cut') {
      // Let what was written reach the client first, as when a proxy drops a connection mid-answer.
      await new Promise((resolve) => setTimeout(resolve, 30));
      response.socket?.destroy();
      return;
    }
    if (behaviour.kind === 'end-early') {
      response.end();
      return;
    }
    send([], { usage });
    response.end('data: [DONE]\n\n');
  }

  async #handleNative(request: IncomingMessage, response: ServerResponse, raw: Buffer, freshId: string): Promise<void> {
    let requestId = freshId;
    const sendError = (status: number, code: string, message: string, retryAfter?: number, echoedId: string = requestId): void => {
      response.writeHead(status, { 'content-type': 'application/json', ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}) });
      response.end(JSON.stringify({ code, message, request_id: echoedId }));
    };
    let body: NativeBody;
    try {
      body = JSON.parse(raw.toString('utf8')) as NativeBody;
    } catch {
      return sendError(400, 'InvalidParameter', 'Request body is not valid JSON');
    }
    const streaming = request.headers['x-dashscope-sse'] === 'enable';
    const content = Array.isArray(body.input?.messages?.[0]?.content) ? body.input.messages[0].content : [];
    const imageItem = content.find((item) => 'image' in item);
    const compatible: ChatRequest = {
      model: body.model,
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: imageItem?.image }, min_pixels: imageItem?.min_pixels, max_pixels: imageItem?.max_pixels }, { type: 'text', text: content.find((item) => typeof item.text === 'string')?.text }] }],
      stream: streaming,
      max_tokens: body.parameters?.max_tokens,
      temperature: body.parameters?.temperature,
      top_p: body.parameters?.top_p,
    };
    const recorded: RecordedRequest = {
      path: request.url ?? '',
      protocol: 'native',
      authorization: request.headers.authorization,
      body: compatible,
      native: body,
      headers: request.headers,
      problems: validateNative(body, streaming),
      image: await this.#imageOf(compatible),
    };
    this.requests.push(recorded);
    const key = request.headers.authorization?.replace(/^Bearer /, '');
    if (!key || !this.validKeys.has(key)) return sendError(401, 'InvalidApiKey', 'Invalid API-key provided.');
    if (recorded.problems.length > 0) return sendError(400, 'InvalidParameter', recorded.problems.join('; '));

    const behaviour = this.#script.shift() ?? { kind: 'ok' };
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'error') return sendError(behaviour.status, behaviour.code, behaviour.message, behaviour.retryAfter, behaviour.requestId);
    if (behaviour.kind === 'garbage') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Welcome to nginx!</body></html>');
      return;
    }
    if (!(await held(behaviour, response))) return;
    if (behaviour.kind === 'ok' && behaviour.requestId !== undefined) requestId = behaviour.requestId;
    if (behaviour.kind === 'endless-line' || behaviour.kind === 'endless-event') {
      const first = `event:result\n:HTTP_STATUS/200\ndata:${JSON.stringify({ output: { choices: [{ finish_reason: 'null', message: { role: 'assistant', content: [{ text: behaviour.text }] } }] }, request_id: requestId })}\n\n`;
      return endless(response, behaviour, first);
    }
    if (behaviour.kind === 'many-words') {
      const words_info = Array.from({ length: behaviour.count }, (_, i) => ({ text: `w${i}`, location: [0, 0, 9, 0, 9, 9, 0, 9] }));
      const data = JSON.stringify({ output: { choices: [{ finish_reason: 'stop', message: { role: 'assistant', content: [{ text: behaviour.text, ocr_result: { words_info } }] } }] }, usage: { input_tokens: 10, output_tokens: 10 }, request_id: requestId });
      if (!streaming) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(data);
      } else {
        response.writeHead(200, { 'content-type': 'text/event-stream;charset=UTF-8' });
        response.end(`event:result\n:HTTP_STATUS/200\ndata:${data}\n\n`);
      }
      return;
    }
    const text = 'text' in behaviour && behaviour.text !== undefined ? behaviour.text : DEFAULT_TEXT;
    const advanced = body.parameters?.ocr_options?.task === 'advanced_recognition';
    const words = advanced ? await this.#wordsOf(imageItem?.image, text) : null;
    const shown = words ? words.map((word) => word.text).join('\n') : text;
    const usage = this.#usage(recorded, shown) as { prompt_tokens: number; completion_tokens: number; prompt_tokens_details: { image_tokens: number } };
    const nativeUsage = behaviour.kind === 'ok' && behaviour.usage
      ? { input_tokens: behaviour.usage.input, output_tokens: behaviour.usage.output }
      : { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens, image_tokens: usage.prompt_tokens_details.image_tokens };
    const answer = (piece: string, finish: string, last: boolean): object => ({
      output: { choices: [{ finish_reason: finish, message: { role: 'assistant', content: [{ text: piece, ...(last && words ? { ocr_result: { words_info: words } } : {}) }] } }] },
      usage: nativeUsage,
      request_id: requestId,
    });
    if (!streaming || behaviour.kind === 'json-to-stream') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer(shown, 'stop', true)));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream;charset=UTF-8', 'cache-control': 'no-cache', 'x-dashscope-request-id': requestId });
    let eventId = 0;
    const event = (kind: 'result' | 'error', status: number, data: unknown): boolean =>
      response.write(`id:${++eventId}\nevent:${kind}\n:HTTP_STATUS/${status}\ndata:${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    if (behaviour.kind === 'malformed-sse') {
      event('result', 200, '{"output": { this is not json');
      response.end();
      return;
    }
    if (behaviour.kind === 'wrong-type') {
      event('result', 200, { output: { choices: null }, request_id: requestId });
      response.end();
      return;
    }
    if (behaviour.kind === 'flood') {
      const piece = 'x'.repeat(behaviour.chunkChars);
      for (let sent = 0; sent < behaviour.limitChars && !response.destroyed; sent += piece.length) {
        if (!event('result', 200, answer(piece, 'null', false))) await new Promise((resolve) => response.once('drain', resolve));
      }
      response.end();
      return;
    }
    const size = behaviour.kind === 'ok' ? (behaviour.chunkSize ?? 4) : 4;
    const delay = behaviour.kind === 'ok' ? (behaviour.chunkDelayMs ?? 0) : 0;
    const characters = Array.from(shown);
    const pieces: string[] = [];
    for (let i = 0; i < characters.length; i += size) pieces.push(characters.slice(i, i + size).join(''));
    for (const [i, piece] of pieces.entries()) {
      if (delay && i > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (behaviour.kind === 'ok' && behaviour.after && i === behaviour.holdAt) await behaviour.after.catch(() => undefined);
      if (response.destroyed) return;
      const last = i === pieces.length - 1 && behaviour.kind === 'ok';
      event('result', 200, answer(piece, last ? 'stop' : 'null', last));
    }
    if (pieces.length === 0 && behaviour.kind === 'ok') event('result', 200, answer('', 'stop', true));
    if (behaviour.kind === 'cut') {
      await new Promise((resolve) => setTimeout(resolve, 30));
      response.socket?.destroy();
      return;
    }
    if (behaviour.kind === 'stream-error') event('error', behaviour.status, { code: behaviour.code, message: behaviour.message, request_id: requestId });
    response.end();
  }

  /** advanced_recognition's words_info: the image's lines of ink, read as the scripted text's lines in order. */
  async #wordsOf(url: string | undefined, text: string): Promise<Array<{ text: string; location: number[]; rotate_rect: number[] }>> {
    const match = url && /^data:image\/[\w+]+;base64,(.*)$/.exec(url);
    if (!match) return [];
    const said = text.split('\n');
    const { lines } = await inkLines(Buffer.from(match[1]!, 'base64'));
    return lines.map(({ box }, i) => {
      const [[x0, y0], , [x1, y1]] = box;
      return { text: said[i] ?? `line ${i + 1}`, location: box.flat(), rotate_rect: [(x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0, 0] };
    });
  }

  async #imageOf(body: ChatRequest): Promise<RecordedRequest['image']> {
    const content = body.messages?.[0]?.content;
    const url = Array.isArray(content) ? content.find((p) => p.type === 'image_url')?.image_url?.url : undefined;
    const match = url && /^data:image\/[\w+]+;base64,(.*)$/.exec(url);
    if (!match) return null;
    try {
      const meta = await sharp(Buffer.from(match[1]!, 'base64')).metadata();
      return { width: meta.width ?? 0, height: meta.height ?? 0, format: meta.format ?? '' };
    } catch {
      return null;
    }
  }

  /** Qwen's billing: the image's patches plus two markers, plus the prompt's text tokens. */
  #usage(request: RecordedRequest, text: string): object {
    const factor = /2025-(0[1-9]|10)-|2024-/.test(request.body.model ?? '') ? 28 : 32;
    const imageTokens = request.image ? (request.image.width * request.image.height) / (factor * factor) + 2 : 0;
    const textTokens = 12;
    const completion = Array.from(text).length;
    return {
      prompt_tokens: imageTokens + textTokens,
      completion_tokens: completion,
      total_tokens: imageTokens + textTokens + completion,
      prompt_tokens_details: { image_tokens: imageTokens, text_tokens: textTokens },
    };
  }
}

/** The misbehaviours, each as a broken or hostile server would send it. */
/** Waits for an 'ok' behaviour's `after`; false when the client went away meanwhile (cancelled), so nothing is sent. */
async function held(behaviour: Behaviour, response: ServerResponse): Promise<boolean> {
  if (behaviour.kind !== 'ok' || !behaviour.after || behaviour.holdAt !== undefined) return true;
  await behaviour.after.catch(() => undefined);
  return !response.destroyed && !response.writableEnded;
}

async function misbehave(response: ServerResponse, behaviour: Extract<Behaviour, { kind: 'flood' | 'malformed-sse' | 'wrong-type' | 'json-to-stream' }>, model: string): Promise<void> {
  const chunk = (choices: unknown): string => `data: ${JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 0, model, choices, usage: null })}\n\n`;
  if (behaviour.kind === 'json-to-stream') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'whole' }, finish_reason: 'stop' }] }));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  if (behaviour.kind === 'malformed-sse') {
    response.end('data: {"choices": [ this is not json\n\n');
    return;
  }
  if (behaviour.kind === 'wrong-type') {
    response.write(`data: ${JSON.stringify({ id: 'chatcmpl-x', choices: null })}\n\n`);
    response.end(chunk([{ index: 0, delta: { content: 42 }, finish_reason: null }]));
    return;
  }
  const piece = 'x'.repeat(behaviour.chunkChars);
  for (let sent = 0; sent < behaviour.limitChars && !response.destroyed; sent += piece.length) {
    // Respect back-pressure, so the flood is as fast as the client reads and no faster.
    if (!response.write(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]))) {
      await new Promise((resolve) => response.once('drain', resolve));
    }
  }
  response.end();
}

/**
 * An event with some text, then a line or an event that never ends (bad-input review 2, H4): sent as fast as the client
 * reads, at most `limitBytes`, until it goes away.
 */
async function endless(response: ServerResponse, behaviour: Extract<Behaviour, { kind: 'endless-line' | 'endless-event' }>, first: string): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write(first);
  response.write('data:');
  const piece = behaviour.kind === 'endless-line' ? 'x'.repeat(64 * 1024) : 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\ndata:'.repeat(1024);
  for (let sent = 0; sent < behaviour.limitBytes && !response.destroyed; sent += piece.length) {
    if (!response.write(piece)) await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end();
}

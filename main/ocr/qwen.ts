/**
 * Qwen-VL-OCR over either protocol: OpenAI-compatible (any vision endpoint; through the official openai SDK) or
 * DashScope's native one (the built-in tasks and text positions; dashscope-native.ts maps it), streamed.
 * Retries are ours, not the SDK's: whether one can help depends on DashScope's error codes, and a retry after
 * text has reached the user would show it twice. Both protocols' failures go through the same classify().
 */
import { createParser } from 'eventsource-parser';
import OpenAI, { APIConnectionError, APIError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { compatibleClient } from './compatible-client.ts';
import { compatibleRequest } from './compatible-request.ts';
import type { PixelBounds } from '../image/smart-resize.ts';
import { classify } from './classify.ts';
import type { DeltaListener, EngineImage, OcrEngine, RecognizeOptions, RecognizeResult, Usage } from './engine.ts';
import { MAX_ANSWER_CHARS, OcrError } from './errors.ts';
import { redactAndTruncate } from './redact.ts';
import { boundedFetch } from './stream-bounds.ts';
import { checkedUsage } from './usage-check.ts';
import { costOf, DEFAULT_MODEL, DEFAULT_PRICES, patchFactor, REGION_PRICES, regionOf, type Price, type Region } from './models.ts';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.ts';
import { DEFAULT_PIXEL_BOUNDS } from '../image/smart-resize.ts';
import { MAX_WORDS, nativeEndpoint, nativeRequest, parseNativeAnswer, parseNativeError, statusOfComment } from './dashscope-native.ts';
import { DEFAULT_TASK, promptForTask, type TaskRequest } from './tasks.ts';
import type { Word } from './words.ts';

/** compatible: OpenAI's chat completions (any vision endpoint); native: DashScope's own (tasks, positions). */
export type QwenApi = 'compatible' | 'native';
export const QWEN_APIS = ['compatible', 'native'] as const;

export interface QwenEngineOptions {
  baseURL: string;
  /** Optional for self-hosted endpoints (vLLM, Ollama, LM Studio) that take none. */
  apiKey?: string;
  model?: string;
  maxTokens?: number;
  stream?: boolean;
  /** The whole request, retries not included. */
  timeoutMs?: number;
  /** Longest silence allowed between two streamed chunks. */
  idleTimeoutMs?: number;
  retry?: RetryPolicy;
  prices?: Readonly<Record<string, Price>>;
  fetch?: typeof fetch;
  /** The protocol; compatible when not given. */
  api?: QwenApi;
  /** Hears what was refused from a server's answer (usage that cannot be right); console.warn when not given. */
  log?: (message: string) => void;
}

/** DashScope's request ids are UUIDs (36 characters); a longer one is a server's text, kept only in part. */
const MAX_REQUEST_ID_CHARS = 200;

/** What one attempt brought back. */
interface Answer {
  text: string;
  usage: Usage | null;
  requestId: string | null;
  words: Word[] | null;
}

/** What an attempt's protocol half is handed: the text sink, the idle timer's reset, the abort signal. */
interface Exchange {
  take: (piece: string) => void;
  touch: () => void;
  signal: AbortSignal;
  /** Sets the request id as soon as it is known, for the errors that follow. */
  identify: (requestId: string | null) => void;
}

/** DashScope puts request_id in the error body; the SDK reads only the x-request-id header. Lift it there. */
function liftRequestId(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.ok || response.headers.has('x-request-id')) return response;
    const body = await response.text();
    const headers = new Headers(response.headers);
    try {
      const id = (JSON.parse(body) as { request_id?: unknown }).request_id;
      if (typeof id === 'string') headers.set('x-request-id', id);
    } catch {
      // Not JSON: the SDK will report the status alone.
    }
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

export class QwenEngine implements OcrEngine {
  readonly name = 'qwen' as const;
  readonly model: string;
  readonly #client: OpenAI;
  readonly #options: QwenEngineOptions;
  readonly #host: string;
  readonly api: QwenApi;
  readonly region: Region | null;

  constructor(options: QwenEngineOptions) {
    this.#options = options;
    this.api = options.api ?? 'compatible';
    this.region = regionOf(options.baseURL);
    this.model = options.model ?? DEFAULT_MODEL;
    this.#host = new URL(options.baseURL).host;
    this.#client = compatibleClient(options, liftRequestId);
  }

  pixelBounds(overrides: Partial<Omit<PixelBounds, 'factor'>> = {}): PixelBounds {
    return {
      factor: patchFactor(this.model),
      minPixels: overrides.minPixels ?? DEFAULT_PIXEL_BOUNDS.minPixels,
      maxPixels: overrides.maxPixels ?? DEFAULT_PIXEL_BOUNDS.maxPixels,
    };
  }

  async recognize(image: EngineImage, options: RecognizeOptions, onDelta: DeltaListener, signal?: AbortSignal): Promise<RecognizeResult> {
    const started = performance.now();
    let delivered = '';
    const deliver = (delta: string): void => {
      delivered += delta;
      onDelta(delta);
    };
    const task = options.task ?? { task: DEFAULT_TASK };
    if (this.api === 'compatible' && task.task === 'advanced') {
      throw new OcrError('invalid-request', 'Advanced recognition (text with its positions) needs DashScope’s native API: choose it in Settings, or use --api native.');
    }
    const { text, usage: reported, requestId, words } = await withRetry(() => this.#attempt(image, options, task, deliver, signal), this.#options.retry ?? DEFAULT_RETRY, {
      signal,
      // Once text has reached the listener a retry would repeat it; the caller gets the partial text instead.
      canRetry: (error) => error.retryable && delivered === '',
      onRetry: ({ attempt, of, delayMs, error }) => options.onWait?.({ state: 'retrying', attempt, of, retryAt: Date.now() + delayMs, code: error.code }),
    });
    const usage = checkedUsage(reported, this.#options.log ?? ((message) => console.warn(`readout: ${message}`)));
    return {
      text,
      usage,
      model: this.model,
      engine: 'qwen',
      durationMs: Math.round(performance.now() - started),
      requestId,
      // The region's own list price; another server is priced as Beijing lists the model (a guide, not a bill).
      cost: costOf(usage, this.model, this.#options.prices ?? (this.region ? { [this.model]: REGION_PRICES[this.region] } : DEFAULT_PRICES)),
      region: this.region,
      words,
    };
  }

  #request(image: EngineImage, options: RecognizeOptions): ChatCompletionCreateParamsBase {
    return compatibleRequest(image, options, { model: this.model, maxTokens: this.#options.maxTokens });
  }

  async #attempt(image: EngineImage, options: RecognizeOptions, task: TaskRequest, deliver: DeltaListener, signal?: AbortSignal): Promise<Answer> {
    const controller = new AbortController();
    let timedOut = false;
    const abortForTimeout = (): void => {
      timedOut = true;
      controller.abort();
    };
    const onUserAbort = (): void => controller.abort();
    if (signal?.aborted) throw new OcrError('cancelled', 'Cancelled.');
    signal?.addEventListener('abort', onUserAbort, { once: true });
    const overall = setTimeout(abortForTimeout, this.#options.timeoutMs ?? 120_000);
    const idleMs = this.#options.idleTimeoutMs ?? 30_000;
    let idle = setTimeout(abortForTimeout, idleMs);
    const touch = (): void => {
      clearTimeout(idle);
      idle = setTimeout(abortForTimeout, idleMs);
    };

    let text = '';
    let requestId: string | null = null;
    /** Takes a piece of the answer, up to the cap; past it the answer is cut off and reported. */
    const take = (piece: string): void => {
      const room = MAX_ANSWER_CHARS - text.length;
      const kept = piece.length > room ? piece.slice(0, room) : piece;
      text += kept;
      if (kept) deliver(kept);
      if (piece.length > room) {
        controller.abort();
        throw new OcrError('answer-too-long', `The OCR service kept sending text past ${MAX_ANSWER_CHARS.toLocaleString('en')} characters, far more than any image holds, so Readout stopped reading. The first part is kept.`, { requestId, partialText: text });
      }
    };
    // A request id is the server's text, on success too: redacted before it is kept anywhere, then cut to a length an id
    // has (bad-input review 2, M1).
    const identify = (id: string | null): void => void (requestId ??= id === null ? null : redactAndTruncate(id, MAX_REQUEST_ID_CHARS, this.#options.apiKey));
    const exchange: Exchange = { take, touch, signal: controller.signal, identify };
    const prompt = options.prompt || promptForTask(task);
    // Each attempt starts a wait the window can show until the first text comes (review M13).
    options.onWait?.({ state: 'waiting', since: Date.now() });
    try {
      const { usage, words } = this.api === 'native'
        ? await this.#native(image, { ...options, prompt }, task, exchange)
        : await this.#compatible(image, { ...options, prompt }, exchange);
      return { text, usage, requestId, words };
    } catch (error) {
      throw this.#failure(error, { timedOut, cancelled: signal?.aborted === true, text, requestId });
    } finally {
      clearTimeout(overall);
      clearTimeout(idle);
      signal?.removeEventListener('abort', onUserAbort);
    }
  }

  /** The OpenAI-compatible exchange, through the SDK. */
  async #compatible(image: EngineImage, options: RecognizeOptions, exchange: Exchange): Promise<Pick<Answer, 'usage' | 'words'>> {
    const { take, touch, signal, identify } = exchange;
    const body = this.#request(image, options);
    if (this.#options.stream === false) {
      const { data, request_id } = await this.#client.chat.completions.create({ ...body, stream: false }, { signal }).withResponse();
      const content = wellFormed(data).choices[0]?.message?.content ?? '';
      if (typeof content !== 'string') throw malformed('the answer’s text is not a string');
      identify(request_id ?? data.id ?? null);
      take(content);
      return { usage: (data.usage as Usage | undefined) ?? null, words: null };
    }
    const { data: stream, request_id, response } = await this.#client.chat.completions
      .create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal })
      .withResponse();
    identify(request_id ?? null);
    // Anything but an event stream (a whole JSON answer, a proxy's HTML page) would read as an empty stream.
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('text/event-stream')) throw malformed(`it answered a streaming request with ${this.#said(type.split(';')[0]) || 'no content type'}`);
    let usage: Usage | null = null;
    let finished = false;
    for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
      touch();
      identify(chunk.id ?? null);
      if (chunk.usage) usage = chunk.usage as Usage;
      // The usage chunk has an empty choices array.
      const choice = wellFormed(chunk).choices[0];
      if (choice?.finish_reason) finished = true;
      const delta = choice?.delta?.content;
      if (delta !== undefined && delta !== null && typeof delta !== 'string') throw malformed('a piece of the answer is not text');
      if (delta) take(delta);
    }
    if (!finished && !usage) throw interrupted();
    return { usage, words: null };
  }

  /** DashScope's native exchange (dashscope-native.ts has the shapes), over fetch, its events parsed as they come. */
  async #native(image: EngineImage, options: RecognizeOptions, task: TaskRequest, exchange: Exchange): Promise<Pick<Answer, 'usage' | 'words'>> {
    const { take, touch, signal, identify } = exchange;
    const stream = this.#options.stream !== false;
    const body = nativeRequest(image, options, { model: this.model, maxTokens: this.#options.maxTokens ?? 4096, stream, task });
    let response: Response;
    try {
      response = await boundedFetch(this.#options.fetch ?? globalThis.fetch)(nativeEndpoint(this.#options.baseURL), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.#options.apiKey || 'none'}`,
          'content-type': 'application/json',
          ...(stream ? { 'x-dashscope-sse': 'enable', accept: 'text/event-stream' } : {}),
        },
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new APIConnectionError({ cause: error instanceof Error ? error : undefined });
    }
    const headerId = response.headers.get('x-request-id') ?? response.headers.get('x-dashscope-request-id');
    identify(headerId);
    if (!response.ok) {
      const said = await response.text();
      let json: unknown = null;
      try {
        json = JSON.parse(said);
      } catch {
        // Not JSON: the status alone says what happened.
      }
      throw nativeFailure(response.status, json, response.headers);
    }
    let usage: Usage | null = null;
    let words: Word[] | null = null;
    let finished = false;
    const absorb = (data: unknown): void => {
      const piece = parseNativeAnswer(data);
      if ('malformed' in piece) throw malformed(piece.malformed);
      identify(piece.requestId);
      usage = piece.usage ?? usage;
      words = piece.words ?? words;
      finished ||= piece.finished;
      if (piece.text) take(piece.text);
      if (piece.tooManyWords !== undefined) {
        throw new OcrError('answer-too-long', `The OCR service sent ${piece.tooManyWords.toLocaleString('en')} word positions, more than the ${MAX_WORDS.toLocaleString('en')} any image holds, so Readout stopped reading. The text that had come is kept.`);
      }
    };
    const type = response.headers.get('content-type') ?? '';
    if (!stream) {
      if (!type.includes('json')) throw malformed(`it answered with ${this.#said(type.split(';')[0]) || 'no content type'}`);
      absorb(await response.json());
      return { usage, words };
    }
    if (!type.includes('text/event-stream')) throw malformed(`it answered a streaming request with ${this.#said(type.split(';')[0]) || 'no content type'}`);
    let status: number | null = null;
    const parser = createParser({
      onComment: (comment) => void (status = statusOfComment(comment) ?? status),
      onEvent: (event) => {
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          throw malformed('its event stream is not JSON');
        }
        // An error after the 200: the event's own status and the same error object as a failed request.
        if (event.event === 'error' || (status !== null && status >= 400)) throw nativeFailure(status ?? 500, data, response.headers);
        absorb(data);
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) {
      touch();
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    }
    if (!finished) throw interrupted();
    return { usage, words };
  }

  /** A header's value as a message may quote it: the server's text, so redacted and kept short (review 2, M1). */
  #said(value: string | undefined): string {
    return value ? redactAndTruncate(value, 100, this.#options.apiKey) : '';
  }

  #failure(error: unknown, state: { timedOut: boolean; cancelled: boolean; text: string; requestId: string | null }): OcrError {
    const { text: partialText, requestId } = state;
    if (state.cancelled) return new OcrError('cancelled', 'Cancelled.', { requestId, partialText });
    if (state.timedOut) {
      return new OcrError('timeout', `${this.#host} stopped answering; try again, or raise the time-out.`, { requestId, partialText });
    }
    // Ours, thrown where the text and request id were not at hand: given them here.
    if (error instanceof OcrError && !error.requestId && !error.partialText && (requestId || partialText)) return error.with({ requestId, partialText });
    // The SDK's word for event data that is not JSON: the server is broken, and asking again will not mend it.
    if (error instanceof SyntaxError) return malformed('its event stream is not JSON', requestId, partialText);
    const classified = classify(error, { host: this.#host, model: this.model, apiKey: this.#options.apiKey });
    // A body that breaks off surfaces as a plain error from the stream reader, not as an APIError.
    const streamBroke = !(error instanceof APIError) && !(error instanceof OcrError);
    if (streamBroke || (partialText && classified.code === 'network')) {
      return new OcrError('interrupted', 'The connection dropped before the answer was complete; try again.', {
        requestId,
        partialText,
        cause: error,
      });
    }
    // An error event after some text (the native protocol's error after the 200): what came is kept.
    if (partialText && !classified.partialText) return classified.with({ partialText, cause: error });
    return classified;
  }
}

const interrupted = (): OcrError => new OcrError('interrupted', 'The answer stopped before it was complete; try again.');

/** A native error ({code, message, request_id}) as the SDK's APIError, so one classify() serves both protocols. */
function nativeFailure(status: number, body: unknown, headers: Headers): APIError {
  const error = parseNativeError(body);
  const withId = new Headers(headers);
  if (error?.requestId && !withId.has('x-request-id')) withId.set('x-request-id', error.requestId);
  return APIError.generate(status, error ? { error: { code: error.code, type: error.code, message: error.message } } : undefined, error?.message, withId);
}

/** A server that answered, but not in the protocol's shape: said as such, and never retried (bad-input review L3). */
function malformed(what: string, requestId: string | null = null, partialText = ''): OcrError {
  return new OcrError('bad-response', `The OCR service's answer is not what the protocol says: ${what}.`, { requestId, partialText });
}

/** A completion or chunk whose choices are a list, as the protocol says; anything else is a broken server. */
function wellFormed<T extends { choices: unknown[] }>(data: T): T {
  // The types say choices is a list; a broken server's JSON need not be.
  if (!data || typeof data !== 'object' || !Array.isArray((data as { choices?: unknown }).choices)) throw malformed('its answer has no list of choices');
  return data;
}

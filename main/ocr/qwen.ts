/**
 * Qwen-VL-OCR (or any OpenAI-compatible vision endpoint) through the official openai SDK, streamed.
 * Retries are ours, not the SDK's: whether one can help depends on DashScope's error codes, and a retry after
 * text has reached the user would show it twice.
 */
import OpenAI, { APIError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionContentPartImage, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { toDataUrl } from '../image/prepare.ts';
import type { PixelBounds } from '../image/smart-resize.ts';
import { classify } from './classify.ts';
import type { DeltaListener, EngineImage, OcrEngine, RecognizeOptions, RecognizeResult, Usage } from './engine.ts';
import { MAX_ANSWER_CHARS, OcrError } from './errors.ts';
import { costOf, DEFAULT_MODEL, DEFAULT_PRICES, patchFactor, type Price } from './models.ts';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.ts';
import { DEFAULT_PIXEL_BOUNDS } from '../image/smart-resize.ts';

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

/** DashScope reads min_pixels and max_pixels beside image_url in the content part. */
type ImagePart = ChatCompletionContentPartImage & { min_pixels: number; max_pixels: number };

export class QwenEngine implements OcrEngine {
  readonly name = 'qwen' as const;
  readonly model: string;
  readonly #client: OpenAI;
  readonly #options: QwenEngineOptions;
  readonly #host: string;

  constructor(options: QwenEngineOptions) {
    this.#options = options;
    this.model = options.model ?? DEFAULT_MODEL;
    this.#host = new URL(options.baseURL).host;
    this.#client = new OpenAI({
      apiKey: options.apiKey || 'none',
      baseURL: options.baseURL,
      maxRetries: 0,
      timeout: options.timeoutMs ?? 120_000,
      // The SDK would print its own lines ("Could not parse message into JSON:") without the file's name; every
      // failure reaches the user once, through classify() (bad-input review L3).
      logLevel: 'off',
      fetch: liftRequestId(options.fetch ?? globalThis.fetch),
    });
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
    const { text, usage, requestId } = await withRetry(() => this.#attempt(image, options, deliver, signal), this.#options.retry ?? DEFAULT_RETRY, {
      signal,
      // Once text has reached the listener a retry would repeat it; the caller gets the partial text instead.
      canRetry: (error) => error.retryable && delivered === '',
    });
    return {
      text,
      usage,
      model: this.model,
      engine: 'qwen',
      durationMs: Math.round(performance.now() - started),
      requestId,
      cost: costOf(usage, this.model, this.#options.prices ?? DEFAULT_PRICES),
    };
  }

  #request(image: EngineImage, options: RecognizeOptions): ChatCompletionCreateParamsBase {
    const imagePart: ImagePart = {
      type: 'image_url',
      image_url: { url: toDataUrl(image) },
      min_pixels: options.bounds.minPixels,
      max_pixels: options.bounds.maxPixels,
    };
    return {
      model: this.model,
      messages: [{ role: 'user', content: [imagePart, { type: 'text', text: options.prompt }] }],
      top_p: 0.01,
      temperature: 0.1,
      max_tokens: this.#options.maxTokens ?? 4096,
    };
  }

  async #attempt(
    image: EngineImage,
    options: RecognizeOptions,
    deliver: DeltaListener,
    signal?: AbortSignal,
  ): Promise<{ text: string; usage: Usage | null; requestId: string | null }> {
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
    try {
      const body = this.#request(image, options);
      if (this.#options.stream === false) {
        const { data, request_id } = await this.#client.chat.completions
          .create({ ...body, stream: false }, { signal: controller.signal })
          .withResponse();
        const content = wellFormed(data).choices[0]?.message?.content ?? '';
        if (typeof content !== 'string') throw malformed('the answer’s text is not a string');
        requestId = request_id ?? data.id ?? null;
        take(content);
        return { text, usage: (data.usage as Usage | undefined) ?? null, requestId };
      }
      const { data: stream, request_id, response } = await this.#client.chat.completions
        .create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal: controller.signal })
        .withResponse();
      requestId = request_id ?? null;
      // Anything but an event stream (a whole JSON answer, a proxy's HTML page) would read as an empty stream.
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('text/event-stream')) throw malformed(`it answered a streaming request with ${type.split(';')[0] || 'no content type'}`);
      let usage: Usage | null = null;
      let finished = false;
      for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
        touch();
        requestId ??= chunk.id ?? null;
        if (chunk.usage) usage = chunk.usage as Usage;
        // The usage chunk has an empty choices array.
        const choice = wellFormed(chunk).choices[0];
        if (choice?.finish_reason) finished = true;
        const delta = choice?.delta?.content;
        if (delta !== undefined && delta !== null && typeof delta !== 'string') throw malformed('a piece of the answer is not text');
        if (delta) take(delta);
      }
      if (!finished && !usage) {
        throw new OcrError('interrupted', 'The answer stopped before it was complete; try again.', { requestId, partialText: text });
      }
      return { text, usage, requestId };
    } catch (error) {
      throw this.#failure(error, { timedOut, cancelled: signal?.aborted === true, text, requestId });
    } finally {
      clearTimeout(overall);
      clearTimeout(idle);
      signal?.removeEventListener('abort', onUserAbort);
    }
  }

  #failure(error: unknown, state: { timedOut: boolean; cancelled: boolean; text: string; requestId: string | null }): OcrError {
    const { text: partialText, requestId } = state;
    if (state.cancelled) return new OcrError('cancelled', 'Cancelled.', { requestId, partialText });
    if (state.timedOut) {
      return new OcrError('timeout', `${this.#host} stopped answering; try again, or raise the time-out.`, { requestId, partialText });
    }
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
    return classified;
  }
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

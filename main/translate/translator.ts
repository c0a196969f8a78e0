/**
 * A translation over the OpenAI-compatible chat completions endpoint of the chosen region (or a custom server), with
 * the official openai SDK, streamed. Reading may use DashScope's native protocol; translating always goes over the
 * compatible one (Qwen-MT's documented way). The key stays here: errors go through classify() and its redaction.
 */
import type OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { classify } from '../ocr/classify.ts';
import { OcrError } from '../ocr/errors.ts';
import { regionOf, type Region } from '../ocr/regions.ts';
import { compatibleClient } from '../ocr/compatible-client.ts';
import { isQwenMt, streamsIncrementally, translationCost } from './models.ts';
import { translationBody, type TranslateRequest } from './request.ts';
import { nextText, type StreamStyle } from './stream.ts';

export interface TranslatorOptions {
  /** The compatible endpoint's base URL (…/compatible-mode/v1 for DashScope's regions). */
  baseURL: string;
  apiKey?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface Translated {
  text: string;
  model: string;
  usage: { inputTokens: number | null; outputTokens: number | null };
  cost: number | null;
  region: Region | null;
  durationMs: number;
}

/** The whole text so far, after each chunk. */
export type TextListener = (wholeTextSoFar: string) => void;

/** Far more than any screen of text translates to: a server that keeps going is cut off. */
const MAX_TRANSLATION_CHARS = 1_000_000;

export class Translator {
  readonly #client: OpenAI;
  readonly #options: TranslatorOptions;
  readonly region: Region | null;

  constructor(options: TranslatorOptions) {
    this.#options = options;
    this.region = regionOf(options.baseURL);
    this.#client = compatibleClient(options);
  }

  async translate(request: TranslateRequest, onText: TextListener, signal?: AbortSignal): Promise<Translated> {
    const started = performance.now();
    const host = new URL(this.#options.baseURL).host;
    const style: StreamStyle = isQwenMt(request.model) && !streamsIncrementally(request.model) ? 'whole' : 'incremental';
    let text = '';
    let usage: Translated['usage'] = { inputTokens: null, outputTokens: null };
    try {
      if (signal?.aborted) throw new OcrError('cancelled', 'Cancelled.');
      const body = translationBody(request);
      const stream = await this.#client.chat.completions.create(
        { ...body, stream: true, stream_options: { include_usage: true } } as Parameters<OpenAI['chat']['completions']['create']>[0] & { stream: true },
        { signal },
      );
      let finished = false;
      for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
        if (chunk.choices?.[0]?.finish_reason) finished = true;
        if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens ?? null, outputTokens: chunk.usage.completion_tokens ?? null };
        if (!Array.isArray(chunk.choices)) throw new OcrError('bad-response', 'The translation service’s answer has no list of choices.');
        const piece = chunk.choices[0]?.delta?.content;
        if (typeof piece !== 'string' || piece === '') continue;
        const next = nextText(text, piece, style);
        if (next.length > MAX_TRANSLATION_CHARS) throw new OcrError('answer-too-long', 'The translation service kept sending text far past any page; the translation was stopped.');
        if (next !== text) {
          text = next;
          onText(text);
        }
      }
      // The SDK ends the stream quietly when it is aborted; a stream that stops without its end is cut short.
      if (signal?.aborted) throw new OcrError('cancelled', 'Cancelled.');
      if (!finished && usage.outputTokens === null) throw new OcrError('interrupted', 'The translation stopped before it was complete; try again.');
    } catch (error) {
      if (signal?.aborted) throw new OcrError('cancelled', 'Cancelled.', { partialText: text });
      const failure = error instanceof SyntaxError ? new OcrError('bad-response', 'The translation service’s event stream is not JSON.') : classify(error, { host, model: request.model, apiKey: this.#options.apiKey });
      throw text && !failure.partialText ? failure.with({ partialText: text }) : failure;
    }
    return {
      text,
      model: request.model,
      usage,
      cost: translationCost(request.model, this.region, usage),
      region: this.region,
      durationMs: Math.round(performance.now() - started),
    };
  }
}

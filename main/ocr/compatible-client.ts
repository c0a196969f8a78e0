/**
 * The OpenAI SDK client every chat over a compatible endpoint uses (reading with Qwen-VL-OCR, translating with
 * Qwen-MT), with one policy: no retries of its own (the callers' retry.ts decides, and says the waits), the SDK's
 * own log lines off (it would print "Could not parse message into JSON:" without the file's name; every failure
 * reaches the user once, through classify(): bad-input review L3), and every body bounded by size before the SDK
 * parses it (stream-bounds.ts).
 */
import OpenAI from 'openai';
import { boundedFetch } from './stream-bounds.ts';

export interface CompatibleClientOptions {
  baseURL: string;
  /** None for a server that needs none (the SDK insists on a value). */
  apiKey?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** `wrap` sees the bounded fetch before the SDK does (qwen.ts lifts the request id out of error bodies there). */
export function compatibleClient(options: CompatibleClientOptions, wrap: (bounded: typeof fetch) => typeof fetch = (bounded) => bounded): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey || 'none',
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 120_000,
    logLevel: 'off',
    fetch: wrap(boundedFetch(options.fetch ?? globalThis.fetch)),
  });
}

/** "Test key": one tiny real request, and its outcome as a code the window says in the reader's language. */
import sharp from 'sharp';
import { errorCode, errorMessage, type ErrorCode } from '../errors.ts';
import { prepareImage } from '../image/prepare.ts';
import { QwenEngine, type QwenEngineOptions } from './qwen.ts';

export type KeyTestResult = { ok: true; model: string; durationMs: number } | { ok: false; code: ErrorCode; message: string };

/**
 * What a test says about the key itself (review 2, M9):
 * - works: the request was answered;
 * - rejected: the server refused the key (401) or its access (403): it must not become the key in use;
 * - unchecked: the server could not be asked (no network, no answer, a server error): nothing is known of the key;
 * - accepted: the key got through, and something else failed (quota, model name): the key is right, the rest is said.
 */
export type KeyVerdict = 'works' | 'rejected' | 'unchecked' | 'accepted';

const REJECTED = new Set<ErrorCode>(['auth', 'forbidden']);
const UNCHECKED = new Set<ErrorCode>(['network', 'timeout', 'server', 'rate-limited', 'interrupted', 'bad-response', 'cancelled']);

export function keyVerdict(result: KeyTestResult): KeyVerdict {
  if (result.ok) return 'works';
  return REJECTED.has(result.code) ? 'rejected' : UNCHECKED.has(result.code) ? 'unchecked' : 'accepted';
}

/** A key's shape, checked before anything is sent: DashScope's keys are one word of more than eight characters. */
export function looksLikeKey(key: string): boolean {
  const trimmed = key.trim();
  return trimmed.length >= 8 && !/\s/.test(trimmed);
}

export async function testApiKey(options: QwenEngineOptions): Promise<KeyTestResult> {
  // The smallest image the model takes; a few output tokens are enough to prove the key works.
  const blank = await sharp({ create: { width: 56, height: 56, channels: 3, background: '#ffffff' } }).png().toBuffer();
  const engine = new QwenEngine({ ...options, maxTokens: 8, stream: false, timeoutMs: 20_000, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, budgetMs: 0 } });
  const bounds = engine.pixelBounds();
  try {
    const image = await prepareImage(blank, { file: 'key test', bounds, thumbnail: false });
    const result = await engine.recognize(image, { prompt: 'Reply with OK.', bounds }, () => {});
    return { ok: true, model: result.model, durationMs: result.durationMs };
  } catch (error) {
    return { ok: false, code: errorCode(error), message: errorMessage(error) };
  }
}

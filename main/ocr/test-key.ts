/** "Test key": one tiny real request, and its outcome in plain words. */
import sharp from 'sharp';
import { errorCode, errorMessage } from '../errors.ts';
import { prepareImage } from '../image/prepare.ts';
import { QwenEngine, type QwenEngineOptions } from './qwen.ts';

export type KeyTestResult = { ok: true; model: string; durationMs: number } | { ok: false; code: string; message: string };

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

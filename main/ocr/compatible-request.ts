/**
 * The OpenAI-compatible chat request for one image: the body a live read sends (qwen.ts) and each line of a batch
 * carries (batch/request-lines.ts), made in one place so both ask exactly the same thing.
 */
import type { ChatCompletionContentPartImage, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { EngineImage } from './engine.ts';
import { toDataUrl } from '../image/prepare.ts';
import type { PixelBounds } from '../image/smart-resize.ts';

/** DashScope reads min_pixels and max_pixels beside image_url in the content part. */
type ImagePart = ChatCompletionContentPartImage & { min_pixels: number; max_pixels: number };

export const DEFAULT_MAX_TOKENS = 4096;

export function compatibleRequest(
  image: EngineImage,
  options: { prompt: string; bounds: Pick<PixelBounds, 'minPixels' | 'maxPixels'> },
  settings: { model: string; maxTokens?: number },
): ChatCompletionCreateParamsBase {
  const imagePart: ImagePart = {
    type: 'image_url',
    image_url: { url: toDataUrl(image) },
    min_pixels: options.bounds.minPixels,
    max_pixels: options.bounds.maxPixels,
  };
  return {
    model: settings.model,
    messages: [{ role: 'user', content: [imagePart, { type: 'text', text: options.prompt }] }],
    top_p: 0.01,
    temperature: 0.1,
    max_tokens: settings.maxTokens ?? DEFAULT_MAX_TOKENS,
  };
}

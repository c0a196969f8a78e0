/**
 * Qwen-MT streams in one of two styles (models.ts, streamsIncrementally): each chunk only the new text (qwen-mt-flash,
 * and any ordinary chat model), or each chunk the whole translation so far (qwen-mt-turbo, qwen-mt-plus). Either way
 * the window is handed the whole text so far, never a fragment, so nothing is ever shown twice.
 */
export type StreamStyle = 'incremental' | 'whole';

/** The whole text after one more chunk. */
export function nextText(soFar: string, chunk: string, style: StreamStyle): string {
  if (style === 'incremental') return soFar + chunk;
  // A whole-text chunk replaces what came before; an empty one (a usage or finish chunk) changes nothing.
  return chunk === '' ? soFar : chunk;
}

/** DashScope endpoints, Qwen-VL-OCR models, their patch factors and prices. */
import type { Usage } from './engine.ts';
import { DEFAULT_MODEL, KNOWN_MODELS } from './model-names.ts';
import { tokensCost, type Price } from './regions.ts';

export { FREE_QUOTA, protocolFor, REGION_PRICES, REGIONS, regionOf, type Price, type Region } from './regions.ts';

export { DEFAULT_MODEL, KNOWN_MODELS };

/**
 * Snapshots up to 2025-08-28 are Qwen2.5-VL based (28-pixel patches); 2025-11-20 and the aliases that point at it
 * are Qwen3-VL based (32). Other names: 32 when they say qwen3, else Qwen2/2.5-VL's 28.
 */
export function patchFactor(model: string): 28 | 32 {
  const snapshot = /(\d{4})-(\d{2})-(\d{2})$/.exec(model);
  if (model.startsWith('qwen-vl-ocr')) {
    if (!snapshot) return 32;
    return `${snapshot[1]}${snapshot[2]}${snapshot[3]}` >= '20251120' ? 32 : 28;
  }
  return /qwen3/i.test(model) ? 32 : 28;
}

/** Beijing list prices for the qwen-vl-ocr family; editable through options, since prices change. */
export const DEFAULT_PRICES: Readonly<Record<string, Price>> = Object.fromEntries(
  KNOWN_MODELS.map((model) => [model, { input: 0.005, output: 0.005, currency: 'CNY' }]),
);

export function costOf(usage: Usage | null, model: string, prices: Readonly<Record<string, Price>> = DEFAULT_PRICES): number | null {
  const price = prices[model];
  if (!usage || !price) return null;
  return tokensCost(usage.prompt_tokens, usage.completion_tokens, price);
}

/**
 * Qwen-MT's models and list prices (Alibaba Cloud Model Studio, "Machine translation (Qwen-MT)" and the per-model
 * pages, e.g. https://www.alibabacloud.com/help/en/model-studio/qwen-mt-turbo): prices per 1,000 tokens, like
 * ocr/regions.ts's REGION_PRICES. Beijing bills in CNY, Singapore (and Virginia, billed like it) in USD.
 */
import { tokensCost, type Price, type Region } from '../ocr/regions.ts';

export const DEFAULT_TRANSLATE_MODEL = 'qwen-mt-flash';
export const MT_MODELS = ['qwen-mt-flash', 'qwen-mt-turbo', 'qwen-mt-plus'] as const;

/** The protocol is chosen by the model's name: qwen-mt-* takes translation_options, anything else a chat prompt. */
export const isQwenMt = (model: string): boolean => /^qwen-mt-/i.test(model.trim());

/**
 * Streaming: qwen-mt-flash (and qwen-mt-lite) stream incrementally, each chunk only the new text; the older
 * qwen-mt-turbo and qwen-mt-plus repeat the whole text so far in each chunk (the Qwen-MT page, "Streaming output":
 * "qwen-mt-flash ... supports incremental streaming output"; the others do not). stream.ts copes with either.
 */
export const streamsIncrementally = (model: string): boolean => /^qwen-mt-(flash|lite)/i.test(model.trim());

/**
 * Per 1,000 tokens. Read 2026-12 from the model pages: qwen-mt-turbo (alibabacloud.com/help/en/model-studio/qwen-mt-turbo):
 * Beijing $0.101 / $0.28 per million (listed in CNY on help.aliyun.com: 0.7 / 1.95), Singapore $0.16 / $0.49;
 * qwen-mt-plus, Singapore $2.46 / $7.37 (alibabacloud.com/help/en/model-studio/videos/translation-ability). No page
 * found for qwen-mt-flash's price nor qwen-mt-plus's in Beijing: flash is priced as turbo and plus-in-Beijing from
 * its dollar price, a guide until checked (the cost shown is an estimate, as the reading's is).
 */
export const MT_PRICES: Readonly<Record<string, Readonly<Record<Region, Price>>>> = {
  'qwen-mt-flash': {
    cn: { input: 0.0007, output: 0.00195, currency: 'CNY' },
    intl: { input: 0.00016, output: 0.00049, currency: 'USD' },
    us: { input: 0.00016, output: 0.00049, currency: 'USD' },
  },
  'qwen-mt-turbo': {
    cn: { input: 0.0007, output: 0.00195, currency: 'CNY' },
    intl: { input: 0.00016, output: 0.00049, currency: 'USD' },
    us: { input: 0.00016, output: 0.00049, currency: 'USD' },
  },
  'qwen-mt-plus': {
    cn: { input: 0.0018, output: 0.0054, currency: 'CNY' },
    intl: { input: 0.00246, output: 0.00737, currency: 'USD' },
    us: { input: 0.00246, output: 0.00737, currency: 'USD' },
  },
};

/** What a translation cost in its region's currency; null for a model or server without a list price. */
export function translationCost(model: string, region: Region | null, usage: { inputTokens: number | null; outputTokens: number | null }): number | null {
  const price = region ? MT_PRICES[model]?.[region] : undefined;
  if (!price || usage.inputTokens === null || usage.outputTokens === null) return null;
  return tokensCost(usage.inputTokens, usage.outputTokens, price);
}

/**
 * What a batch costs: the region's real-time list price (ocr/regions.ts REGION_PRICES) times the batch factor (half,
 * limits.ts), on the tokens each output line reports, or, before sending, on the tokens the image will be billed for
 * (image/smart-resize.ts imageTokens) plus the prompt and an expected answer.
 */
import { REGION_PRICES, tokensCost, type Price, type Region } from '../ocr/regions.ts';
import { BATCH_PRICE_FACTOR } from './limits.ts';

export const batchPrice = (price: Price): Price => ({ input: price.input * BATCH_PRICE_FACTOR, output: price.output * BATCH_PRICE_FACTOR, currency: price.currency });

/** The region's price, or Beijing's for another server (a guide, as a live read prices it). */
export const livePrice = (region: Region | null): Price => REGION_PRICES[region ?? 'cn'];

/** Tokens a prompt adds beside the image: its characters, a generous count (a CJK character is about a token). */
export const promptTokens = (prompt: string): number => Array.from(prompt).length + 12;

/** The answer a page is expected to bring back, for the estimate: a typical screenshot's text. */
export const EXPECTED_OUTPUT_TOKENS = 300;

export interface Estimate {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  live: number;
  batch: number;
  currency: string;
}

export function estimate(requests: Array<{ imageTokens: number; promptTokens: number }>, region: Region | null, outputTokens = EXPECTED_OUTPUT_TOKENS): Estimate {
  const price = livePrice(region);
  const input = requests.reduce((sum, r) => sum + r.imageTokens + r.promptTokens, 0);
  const output = requests.length * outputTokens;
  return { requests: requests.length, inputTokens: input, outputTokens: output, live: tokensCost(input, output, price), batch: tokensCost(input, output, batchPrice(price)), currency: price.currency };
}

/**
 * The cost of 1,000 typical screenshots read live and as a batch job (issue 26), from the documented prices: the
 * region's list price (main/ocr/regions.ts REGION_PRICES: Model Studio, "Text extraction (Qwen-OCR)", models and
 * pricing) and the batch price at half of it (main/batch/limits.ts: "50% of the cost of real-time calls",
 * https://help.aliyun.com/zh/model-studio/batch-interfaces-compatible-with-openai). Image tokens by the app's own
 * estimator (smart_resize to the model's pixel bounds, area / factor^2 + 2), the text prompt's tokens as the estimate
 * counts them, and ~300 output tokens a screenshot. Run: node bench/batch-cost.ts
 */
import { batchPrice, EXPECTED_OUTPUT_TOKENS, promptTokens } from '../main/batch/cost.ts';
import { DEFAULT_PIXEL_BOUNDS, imageTokens, smartResize } from '../main/image/smart-resize.ts';
import { DEFAULT_MODEL, patchFactor } from '../main/ocr/models.ts';
import { REGION_PRICES, tokensCost, type Region } from '../main/ocr/regions.ts';
import { promptForTask } from '../main/ocr/tasks.ts';

export function benchBatchCost(count = 1000): string {
  const factor = patchFactor(DEFAULT_MODEL);
  const bounds = { ...DEFAULT_PIXEL_BOUNDS, factor };
  const prompt = promptTokens(promptForTask({ task: 'text' }));
  const shots: Array<[string, number, number]> = [['1920x1080 screenshot', 1920, 1080], ['1280x720 screenshot', 1280, 720], ['800x450 crop', 800, 450]];
  const lines = [`${count.toLocaleString('en')} screenshots, ${DEFAULT_MODEL} (factor ${factor}), ${EXPECTED_OUTPUT_TOKENS} output tokens each:`];
  for (const [name, width, height] of shots) {
    const sent = smartResize(height, width, bounds);
    const input = (imageTokens(sent.width, sent.height, factor) + prompt) * count;
    const output = EXPECTED_OUTPUT_TOKENS * count;
    for (const region of ['cn', 'intl'] as Region[]) {
      const live = tokensCost(input, output, REGION_PRICES[region]);
      const batch = tokensCost(input, output, batchPrice(REGION_PRICES[region]));
      const currency = REGION_PRICES[region].currency;
      lines.push(`  ${name.padEnd(22)} sent ${sent.width}x${sent.height}, ${(input / count).toFixed(0)} input tokens each; ${region}: live ${live.toFixed(2)} ${currency}, batch ${batch.toFixed(2)} ${currency} (${(batch / live).toFixed(2)}x)${region === 'intl' ? ' (Singapore cannot batch OCR models: for comparison only)' : ''}`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchBatchCost());

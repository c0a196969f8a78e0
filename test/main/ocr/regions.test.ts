/** Which DashScope region a server is, what it charges, and that an answer from it is priced and billed to it. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { prepareImage } from '../../../main/image/prepare.ts';
import { QwenEngine } from '../../../main/ocr/qwen.ts';
import { REGION_PRICES, REGIONS, regionOf } from '../../../main/ocr/regions.ts';
import { fixture } from '../../support/paths.ts';

describe('regions', () => {
  it('knows each region by its host, over either protocol, and no other server', () => {
    for (const [region, url] of Object.entries(REGIONS)) {
      expect(regionOf(url)).toBe(region);
      expect(regionOf(`${new URL(url).origin}/api/v1/services/aigc/multimodal-generation/generation`)).toBe(region);
    }
    expect(regionOf('http://127.0.0.1:8000/v1')).toBeNull();
    expect(regionOf('not a url')).toBeNull();
  });

  it('prices an answer from Singapore in dollars at its list price, and says which region billed it', async () => {
    const image = await prepareImage(await readFile(fixture('text/en-zh.png')), { file: 'en-zh.png', bounds: { factor: 32, minPixels: 3136, maxPixels: 1003520 } });
    const answer = { output: { choices: [{ finish_reason: 'stop', message: { role: 'assistant', content: [{ text: 'hi' }] } }] }, usage: { input_tokens: 1000, output_tokens: 200, image_tokens: 980 }, request_id: 'r-1' };
    let asked = '';
    const fetch: typeof globalThis.fetch = async (url) => {
      asked = String(url);
      return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
    };
    const engine = new QwenEngine({ baseURL: REGIONS.intl, apiKey: 'sk-x', api: 'native', stream: false, fetch });
    const result = await engine.recognize(image, { prompt: '', bounds: engine.pixelBounds() }, () => undefined);
    expect(asked).toBe('https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation');
    expect(result.region).toBe('intl');
    expect(REGION_PRICES.intl.currency).toBe('USD');
    expect(result.cost).toBeCloseTo((1000 * REGION_PRICES.intl.input + 200 * REGION_PRICES.intl.output) / 1000, 12);
    expect(result.usage).toEqual({ prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200, prompt_tokens_details: { image_tokens: 980, text_tokens: 20 } });
  });
});

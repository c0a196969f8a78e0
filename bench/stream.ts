/** Time to first streamed text against time to the whole answer, from the local protocol server. */
import { readFile } from 'node:fs/promises';
import { prepareImage } from '../main/image/prepare.ts';
import { QwenEngine } from '../main/ocr/qwen.ts';
import { PROMPTS } from '../main/ocr/prompts.ts';
import { DashScopeServer } from '../test/support/dashscope-server.ts';
import { ms, ratio, summarize, table } from './stats.ts';

const ANSWER = '第一行：Readout 识别屏幕文字。\nSecond line of a longer answer, as an OCR model streams it token by token.\n'.repeat(4);

export async function benchStreaming(): Promise<string> {
  const server = await new DashScopeServer().start();
  try {
    const image = await prepareImage(await readFile(new URL('../test/fixtures/text/en-zh.png', import.meta.url)), { file: 'en-zh.png' });
    const engine = new QwenEngine({ baseURL: server.baseURL, apiKey: 'sk-test-valid-key-0001' });
    const first: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < 5; i++) {
      server.script({ kind: 'ok', text: ANSWER, chunkDelayMs: 15, chunkSize: 3 });
      const started = performance.now();
      let firstAt = 0;
      await engine.recognize(image, { prompt: PROMPTS.text, bounds: engine.pixelBounds() }, () => {
        firstAt ||= performance.now() - started;
      });
      first.push(firstAt);
      total.push(performance.now() - started);
    }
    const f = summarize(first);
    const t = summarize(total);
    return [
      `Streaming: a ${Array.from(ANSWER).length}-character answer in 3-character chunks, 15 ms apart (median of 5)`,
      table([
        ['measure', 'median', 'vs full answer'],
        ['full answer (baseline)', ms(t.median), '1.00x'],
        ['first text on screen', ms(f.median), ratio(f.median, t.median)],
      ]),
    ].join('\n');
  } finally {
    await server.stop();
  }
}

/** DashScope's native protocol: the request as documented, its events, its tasks, its positions and its errors. */
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreparedImage } from '../../../main/image/prepare.ts';
import { nativeEndpoint } from '../../../main/ocr/dashscope-native.ts';
import { OcrError } from '../../../main/ocr/errors.ts';
import { QwenEngine, type QwenEngineOptions } from '../../../main/ocr/qwen.ts';
import type { TaskRequest } from '../../../main/ocr/tasks.ts';
import { toOriginalPixels } from '../../../main/ocr/words.ts';
import { recognizeImage } from '../../../main/recognize.ts';
import { DEFAULT_TEXT } from '../../support/dashscope-server.ts';
import { inkLines } from '../../support/ink-lines.ts';
import { fixture } from '../../support/paths.ts';
import { TEST_KEY, useProtocolServer } from '../../support/protocol-server.ts';

const KEY = TEST_KEY;
const { server, image: prepared } = useProtocolServer();
let image: PreparedImage;
beforeAll(() => void (image = prepared()));

const engine = (options: Partial<QwenEngineOptions> = {}): QwenEngine =>
  new QwenEngine({ baseURL: server.baseURL, apiKey: KEY, api: 'native', retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, budgetMs: 5000 }, ...options });

async function read(e: QwenEngine, task?: TaskRequest, prompt = '') {
  const deltas: string[] = [];
  try {
    const result = await e.recognize(image, { prompt, bounds: e.pixelBounds(), task }, (d) => deltas.push(d));
    return { deltas, result, error: undefined };
  } catch (error) {
    if (!(error instanceof OcrError)) throw error;
    return { deltas, result: undefined, error };
  }
}

describe('the native protocol', () => {
  it('finds the native endpoint beside a compatible-mode base URL', () => {
    expect(nativeEndpoint('https://dashscope.aliyuncs.com/compatible-mode/v1')).toBe('https://dashscope.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation');
    expect(nativeEndpoint('https://dashscope-intl.aliyuncs.com/compatible-mode/v1/')).toBe('https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation');
    expect(nativeEndpoint('http://127.0.0.1:8000')).toBe('http://127.0.0.1:8000/api/v1/services/aigc/multimodal-generation/generation');
  });

  it('sends the documented request and streams the events', async () => {
    const { deltas, result } = await read(engine());
    expect(result?.text).toBe(DEFAULT_TEXT);
    expect(deltas.length).toBeGreaterThan(1);
    const [request] = server.requests;
    expect(request?.protocol).toBe('native');
    expect(request?.problems).toEqual([]);
    expect(request?.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['x-dashscope-sse']).toBe('enable');
    expect(request?.native?.parameters).toMatchObject({ ocr_options: { task: 'text_recognition' }, incremental_output: true, max_tokens: 4096 });
    expect(request?.native?.input?.messages?.[0]?.content?.[0]).toMatchObject({ min_pixels: 3136, max_pixels: 1003520 });
    expect(request?.native?.input?.messages?.[0]?.content?.[0]).not.toHaveProperty('enable_rotate');
    expect(request?.image).toEqual({ width: image.sentWidth, height: image.sentHeight, format: 'png' });
    // The task's own prompt stands in the text item when none is given.
    expect(request?.native?.input?.messages?.[0]?.content?.[1]?.text).toBe('Read all the text in the image.');
  });

  it('reads usage as input, output and image tokens, and prices it', async () => {
    const { result } = await read(engine());
    const imageTokens = (image.sentWidth * image.sentHeight) / 1024 + 2;
    expect(result?.usage).toMatchObject({ prompt_tokens: imageTokens + 12, completion_tokens: Array.from(DEFAULT_TEXT).length, prompt_tokens_details: { image_tokens: imageTokens } });
    expect(result?.cost).toBeCloseTo((result!.usage!.total_tokens * 0.005) / 1000, 10);
    expect(result?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('works without streaming', async () => {
    const { result, deltas } = await read(engine({ stream: false }));
    expect(result?.text).toBe(DEFAULT_TEXT);
    expect(deltas).toEqual([DEFAULT_TEXT]);
    expect(server.requests[0]?.headers['x-dashscope-sse']).toBeUndefined();
    expect(server.requests[0]?.native?.parameters?.incremental_output).toBeUndefined();
  });

  it('names the built-in task, its schema and the rotation', async () => {
    const schema = { invoice_number: 'the invoice number', seller: { name: 'the seller’s name' } };
    await read(engine(), { task: 'key-info', schema, rotate: true });
    const request = server.requests[0]!;
    expect(request.problems).toEqual([]);
    expect(request.native?.parameters?.ocr_options).toEqual({ task: 'key_information_extraction', task_config: { result_schema: schema } });
    expect(request.native?.input?.messages?.[0]?.content?.[0]).toMatchObject({ enable_rotate: true });
    for (const [task, name] of [['document', 'document_parsing'], ['table', 'table_parsing'], ['formula', 'formula_recognition'], ['multi-lang', 'multi_lan']] as const) {
      server.script();
      await read(engine(), { task });
      expect(server.requests[0]?.native?.parameters?.ocr_options?.task).toBe(name);
    }
  });

  it('brings back advanced recognition’s words where the image has its lines', async () => {
    server.script({ kind: 'ok', text: 'first line\nsecond line' });
    const { result } = await read(engine(), { task: 'advanced' });
    const truth = await inkLines(image.data);
    expect(truth.lines.length).toBeGreaterThan(0);
    expect(result?.words).toHaveLength(truth.lines.length);
    expect(result?.words?.[0]).toEqual({ text: 'first line', box: truth.lines[0]!.box, confidence: null });
    // Mapped back to the original, the boxes lie on the original's lines.
    const original = await inkLines(await readFile(fixture('text/en-zh.png')));
    const mapped = toOriginalPixels(result!.words!, { width: image.sentWidth, height: image.sentHeight }, image);
    for (const [i, word] of mapped.entries()) {
      const want = original.lines[i]!.box;
      expect(Math.abs(word.box[0]![1]! - want[0][1])).toBeLessThan(3);
      expect(Math.abs(word.box[2]![1]! - want[2][1])).toBeLessThan(3);
    }
  });

  it('maps advanced recognition’s words to the upright original of an image stored turned (EXIF orientation 6)', async () => {
    const png = await readFile(fixture('text/en-zh.png'));
    const turned = await sharp(await sharp(png).rotate(270).jpeg({ quality: 95 }).toBuffer()).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    server.script({ kind: 'ok', text: 'first line\nsecond line' });
    const outcome = await recognizeImage(turned, 'turned.jpg', { engine: engine(), prompt: '', task: { task: 'advanced' }, source: { kind: 'file', path: 'turned.jpg', name: 'turned.jpg' } });
    if (!outcome.ok) throw outcome.error;
    expect([outcome.prepared.width, outcome.prepared.height]).toEqual([640, 160]);
    const truth = await inkLines(png);
    expect(outcome.result.words).toHaveLength(truth.lines.length);
    for (const [i, word] of outcome.result.words!.entries()) {
      const [[x0, y0], , [x1, y1]] = truth.lines[i]!.box;
      const [[fx0, fy0], , [fx1, fy1]] = word.box as [[number, number], unknown, [number, number]];
      for (const [found, want] of [[fx0, x0], [fy0, y0], [fx1, x1], [fy1, y1]] as Array<[number, number]>) expect(Math.abs(found - want)).toBeLessThan(4);
    }
  });

  it('refuses advanced recognition over the compatible protocol, with what to do', async () => {
    const { error } = await read(engine({ api: 'compatible' }), { task: 'advanced' });
    expect(error?.code).toBe('invalid-request');
    expect(error?.message).toMatch(/native API/);
    expect(server.requests).toHaveLength(0);
  });

  it('turns an error event after the 200 into the same typed error, keeping the text that came', async () => {
    server.script({ kind: 'stream-error', text: 'half of it', status: 400, code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' });
    const { error, deltas } = await read(engine());
    expect(error?.code).toBe('content-blocked');
    expect(error?.status).toBe(400);
    expect(error?.partialText).toBe('half of it');
    expect(error?.message.match(/request id/g)).toHaveLength(1);
    expect(deltas.join('')).toBe('half of it');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a server error event that came before any text', async () => {
    server.script({ kind: 'stream-error', text: '', status: 500, code: 'InternalError', message: 'An internal error has occured' });
    const { result } = await read(engine());
    expect(result?.text).toBe(DEFAULT_TEXT);
    expect(server.requests).toHaveLength(2);
  });

  it('reads the same text however the event stream is cut into pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }), async (text, cuts) => {
        const events = Array.from(text)
          .map((ch, i, all) => ({ output: { choices: [{ finish_reason: i === all.length - 1 ? 'stop' : 'null', message: { role: 'assistant', content: [{ text: ch }] } }] }, usage: { input_tokens: 3, output_tokens: i + 1 }, request_id: 'r' }))
          .map((data, i) => `id:${i + 1}\nevent:result\n:HTTP_STATUS/200\ndata:${JSON.stringify(data)}\n\n`)
          .join('');
        const bytes = new TextEncoder().encode(events);
        const pieces: Uint8Array[] = [];
        for (let at = 0, k = 0; at < bytes.length; k++) {
          const size = cuts[k % cuts.length]!;
          pieces.push(bytes.slice(at, at + size));
          at += size;
        }
        const fake: typeof fetch = async () =>
          new Response(new ReadableStream({ start: (c) => { for (const piece of pieces) c.enqueue(piece); c.close(); } }), { headers: { 'content-type': 'text/event-stream' } });
        const deltas: string[] = [];
        const result = await engine({ fetch: fake }).recognize(image, { prompt: '', bounds: { factor: 32, minPixels: 3136, maxPixels: 1003520 } }, (d) => deltas.push(d));
        expect(result.text).toBe(text);
        expect(deltas.join('')).toBe(text);
        expect(result.usage?.completion_tokens).toBe(Array.from(text).length);
      }),
      { numRuns: 60 },
    );
  });
});

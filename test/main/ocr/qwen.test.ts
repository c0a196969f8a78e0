import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareImage, type PreparedImage } from '../../../main/image/prepare.ts';
import { OcrError } from '../../../main/ocr/errors.ts';
import { QwenEngine, type QwenEngineOptions } from '../../../main/ocr/qwen.ts';
import { PROMPTS } from '../../../main/ocr/prompts.ts';
import { DashScopeServer, DEFAULT_TEXT, partsOf } from '../../support/dashscope-server.ts';
import { fixture } from '../../support/paths.ts';

const KEY = 'sk-test-valid-key-0001';
const server = new DashScopeServer();
let image: PreparedImage;

beforeAll(async () => {
  await server.start();
  image = await prepareImage(await readFile(fixture('text/en-zh.png')), {
    file: 'en-zh.png',
    bounds: { factor: 32, minPixels: 3136, maxPixels: 1003520 },
  });
});
afterAll(() => server.stop());
beforeEach(() => server.script());

const engineFor = (options: Partial<QwenEngineOptions> = {}): QwenEngine =>
  new QwenEngine({
    baseURL: server.baseURL,
    apiKey: KEY,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, budgetMs: 5000 },
    ...options,
  });

async function run(e: QwenEngine, signal?: AbortSignal): Promise<{ deltas: string[]; result?: Awaited<ReturnType<QwenEngine['recognize']>>; error?: OcrError }> {
  const deltas: string[] = [];
  try {
    const bounds = e.pixelBounds();
    const result = await e.recognize(image, { prompt: PROMPTS.text, bounds }, (d) => deltas.push(d), signal);
    return { deltas, result };
  } catch (error) {
    if (!(error instanceof OcrError)) throw error;
    return { deltas, error };
  }
}

const engine = engineFor;

describe('QwenEngine against the protocol server', () => {
  it('sends the documented request and streams the answer', async () => {
    const { deltas, result } = await run(engine());
    expect(result?.text).toBe(DEFAULT_TEXT);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(DEFAULT_TEXT);

    const [request] = server.requests;
    expect(request?.problems).toEqual([]);
    expect(request?.authorization).toBe(`Bearer ${KEY}`);
    const body = request!.body;
    expect(body).toMatchObject({ model: 'qwen-vl-ocr', stream: true, stream_options: { include_usage: true }, top_p: 0.01, temperature: 0.1, max_tokens: 4096 });
    const parts = partsOf(request);
    expect(parts[0]).toMatchObject({ type: 'image_url', min_pixels: 3136, max_pixels: 1003520 });
    expect(parts[1]).toEqual({ type: 'text', text: 'Read all the text in the image.' });
    expect(request!.image).toEqual({ width: image.sentWidth, height: image.sentHeight, format: 'png' });
  });

  it('reads usage from the final chunk and prices it', async () => {
    const { result } = await run(engine());
    const expectedImageTokens = (image.sentWidth * image.sentHeight) / 1024 + 2;
    expect(result?.usage?.prompt_tokens_details?.image_tokens).toBe(expectedImageTokens);
    expect(result?.usage?.prompt_tokens).toBe(expectedImageTokens + 12);
    expect(image.imageTokens).toBe(expectedImageTokens);
    expect(result?.cost).toBeCloseTo((result!.usage!.total_tokens * 0.005) / 1000, 10);
    expect(result?.requestId).toBeTruthy();
    expect(result?.engine).toBe('qwen');
  });

  it('works without streaming', async () => {
    const { deltas, result } = await run(engine({ stream: false }));
    expect(result?.text).toBe(DEFAULT_TEXT);
    expect(deltas).toEqual([DEFAULT_TEXT]);
    expect(server.requests[0]?.body.stream).toBe(false);
    expect(result?.usage?.completion_tokens).toBe(Array.from(DEFAULT_TEXT).length);
  });

  it('uses the 28-pixel factor for the older snapshots', () => {
    expect(engine({ model: 'qwen-vl-ocr-2025-08-28' }).pixelBounds().factor).toBe(28);
    expect(engine({ model: 'qwen-vl-ocr-2025-11-20' }).pixelBounds().factor).toBe(32);
  });
});

describe.each(['compatible', 'native'] as const)('QwenEngine errors (%s protocol)', (api) => {
  const engine = (options: Partial<QwenEngineOptions> = {}): QwenEngine => engineFor({ api, ...options });

  it('rejects a wrong key once, without retrying or echoing the key', async () => {
    const wrong = 'sk-wrong-secret-9999';
    const { error } = await run(engine({ apiKey: wrong }));
    expect(error?.code).toBe('auth');
    expect(error?.retryable).toBe(false);
    expect(error?.message).toMatch(/API key was rejected/);
    expect(error?.message).not.toContain(wrong);
    expect(error?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error?.message).toContain(error!.requestId!);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a rate limit and succeeds', async () => {
    server.script(
      { kind: 'error', status: 429, code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded, please try again later.' },
      { kind: 'error', status: 429, code: 'Throttling', message: 'Requests throttling triggered.' },
    );
    const { result } = await run(engine());
    expect(result?.text).toBe(DEFAULT_TEXT);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a used-up quota', async () => {
    server.script({ kind: 'error', status: 429, code: 'Throttling.AllocationQuota', message: 'Allocated quota exceeded, please increase your quota limit.' });
    const { error } = await run(engine());
    expect(error?.code).toBe('quota');
    expect(error?.message).toMatch(/quota or balance is used up.*Allocated quota exceeded/);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [400, 'DataInspectionFailed', 'content-blocked'],
    [400, 'data_inspection_failed', 'content-blocked'],
    [400, 'InvalidParameter', 'invalid-request'],
    [400, 'Arrearage', 'quota'],
    [403, 'AccessDenied', 'forbidden'],
    [404, 'model_not_found', 'model-not-found'],
  ])('maps HTTP %i %s to %s without retrying', async (status, code, expected) => {
    server.script({ kind: 'error', status, code, message: `server says ${code}` });
    const { error } = await run(engine());
    expect(error?.code).toBe(expected);
    expect(error?.status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it('retries 5xx a bounded number of times, then says so', async () => {
    const failure = { kind: 'error', status: 500, code: 'InternalError', message: 'An internal error has occured' } as const;
    server.script(failure, failure, failure, failure, failure);
    const { error } = await run(engine());
    expect(error?.code).toBe('server');
    expect(error?.retryable).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a connection dropped before any text', async () => {
    server.script({ kind: 'cut', text: '' });
    const { result } = await run(engine());
    expect(result?.text).toBe(DEFAULT_TEXT);
    expect(server.requests).toHaveLength(2);
  });

  it('keeps the partial text of a stream cut mid-way and does not repeat it', async () => {
    server.script({ kind: 'cut', text: 'first half of the answer' });
    const { deltas, error } = await run(engine());
    expect(error?.code).toBe('interrupted');
    expect(error?.partialText).toBe('first half of the answer');
    expect(deltas.join('')).toBe('first half of the answer');
    expect(server.requests).toHaveLength(1);
  });

  it('treats a stream that ends without finishing as interrupted', async () => {
    server.script({ kind: 'end-early', text: 'unfinished' });
    const { error } = await run(engine());
    expect(error?.code).toBe('interrupted');
    expect(error?.partialText).toBe('unfinished');
  });

  it('times out a server that never answers', async () => {
    server.script({ kind: 'hang' }, { kind: 'hang' });
    const started = performance.now();
    const { error } = await run(engine({ timeoutMs: 300, idleTimeoutMs: 200, retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 5000 } }));
    expect(error?.code).toBe('timeout');
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('times out a stream that goes silent mid-way, keeping what arrived', async () => {
    // The rest is held until the test ends: silent however loaded the machine (a 400 ms gap was once read through).
    const rest = Promise.withResolvers<void>();
    server.script({ kind: 'ok', text: 'slow answer here', chunkSize: 4, holdAt: 1, after: rest.promise });
    try {
      const { error, deltas } = await run(engine({ idleTimeoutMs: 150 }));
      expect(error?.code).toBe('timeout');
      expect(deltas.join('')).toBe('slow');
      expect(error?.partialText).toBe(deltas.join(''));
    } finally {
      rest.resolve();
    }
  });

  it('streams a slow answer that keeps coming', async () => {
    server.script({ kind: 'ok', text: 'one two three four', chunkDelayMs: 40, chunkSize: 3 });
    const { result, deltas } = await run(engine({ idleTimeoutMs: 1000 }));
    expect(result?.text).toBe('one two three four');
    expect(deltas.length).toBe(6);
  });

  it('cancels mid-stream', async () => {
    server.script({ kind: 'ok', text: 'a long answer that streams slowly', chunkDelayMs: 50, chunkSize: 2 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    const { error, deltas } = await run(engine(), controller.signal);
    expect(error?.code).toBe('cancelled');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join('').length).toBeLessThan('a long answer that streams slowly'.length);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reports an unreachable server as a network error', async () => {
    const { error } = await run(engine({ baseURL: 'http://127.0.0.1:9/v1', retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 100 } }));
    expect(error?.code).toBe('network');
    expect(error?.message).toMatch(/Cannot reach 127\.0\.0\.1:9/);
  });
});

/**
 * A hostile server against bad-input review 2's stream, key and usage classes, over real HTTP (dashscope-server.ts):
 * a line or an event that never ends and too many word positions each end with a clear error and the text that had
 * come (H4, M3); a trickle ends at the overall deadline; the key never comes back in a request id on success, in
 * base64 at any alignment, or cut by truncation (M1); usage that cannot be right is refused and never billed (M4).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import type { PreparedImage } from '../../../main/image/prepare.ts';
import { OcrError } from '../../../main/ocr/errors.ts';
import { PROMPTS } from '../../../main/ocr/prompts.ts';
import { QwenEngine, type QwenApi, type QwenEngineOptions } from '../../../main/ocr/qwen.ts';
import type { RecognizeResult } from '../../../main/ocr/engine.ts';
import type { Behaviour } from '../../support/dashscope-server.ts';
import { newEntry } from '../../support/entries.ts';
import { TEST_KEY, useProtocolServer } from '../../support/protocol-server.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = TEST_KEY;
const { server, image: prepared } = useProtocolServer();
const tempDir = useTempDir();
let image: PreparedImage;
beforeAll(() => void (image = prepared()));

const retry = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, budgetMs: 5000 };

async function read(behaviour: Behaviour, api: QwenApi, options: Partial<QwenEngineOptions> = {}): Promise<RecognizeResult | OcrError> {
  server.script(behaviour, behaviour, behaviour);
  const engine = new QwenEngine({ baseURL: server.baseURL, apiKey: KEY, api, retry, ...options });
  return engine.recognize(image, { prompt: PROMPTS.text, bounds: engine.pixelBounds() }, () => undefined).catch((error: unknown) => {
    expect(error).toBeInstanceOf(OcrError);
    return error as OcrError;
  });
}

async function failure(behaviour: Behaviour, api: QwenApi, options: Partial<QwenEngineOptions> = {}): Promise<OcrError> {
  const outcome = await read(behaviour, api, options);
  expect(outcome).toBeInstanceOf(OcrError);
  return outcome as OcrError;
}

describe.each(['compatible', 'native'] as const)('a hostile server (%s protocol)', (api) => {
  it('H4: a line that never ends stops at 2 MB with a clear error; the text that had come is kept, and it is not retried', async () => {
    const error = await failure({ kind: 'endless-line', text: 'kept so far', limitBytes: 512 * 1024 * 1024 }, api);
    expect(error.code).toBe('answer-too-long');
    expect(error.message).toMatch(/a line of its event stream longer than 2 MB without ending it/);
    expect(error.partialText).toBe('kept so far');
    expect(server.requests).toHaveLength(1);
  });

  it('H4: an event that never ends (short lines, no blank line) stops at 2 MB with the text kept', async () => {
    const error = await failure({ kind: 'endless-event', text: 'kept so far', limitBytes: 512 * 1024 * 1024 }, api);
    expect(error.code).toBe('answer-too-long');
    expect(error.message).toMatch(/one event longer than 2 MB/);
    expect(error.partialText).toBe('kept so far');
  });

  it('H4: a trickle that keeps the idle timer alive ends at the overall deadline, with what had come', async () => {
    const error = await failure({ kind: 'ok', text: 'x'.repeat(400), chunkSize: 1, chunkDelayMs: 20 }, api, { timeoutMs: 1500, idleTimeoutMs: 1000, retry: { ...retry, attempts: 1 } });
    expect(error.code).toBe('timeout');
    expect(error.partialText.length).toBeGreaterThan(0);
    expect(error.partialText.length).toBeLessThan(400);
  });

  it('M1: a request id that holds the key is redacted on success too (header and body)', async () => {
    const result = (await read({ kind: 'ok', text: 'fine', requestId: `hdr-${KEY}` }, api)) as RecognizeResult;
    expect(result.text).toBe('fine');
    // The whole run of key-like characters around the key goes with it.
    expect(result.requestId).toBe('[API key]');
  });

  it('M1: base64 of "Bearer KEY" in a message, and a key across the 500-character cut, never come back', async () => {
    const bearer = Buffer.from(`Bearer ${KEY}`).toString('base64');
    const first = await failure({ kind: 'error', status: 400, code: 'InvalidParameter', message: `auth was ${bearer}` }, api);
    expect(first.message).not.toContain(bearer.slice(12, 30));
    expect(first.message).toContain('[API key]');
    const cut = await failure({ kind: 'error', status: 400, code: 'InvalidParameter', message: `${'m'.repeat(490)} ${KEY} ${'n'.repeat(600)}` }, api);
    expect(cut.message).not.toMatch(/sk-test/);
    expect(cut.message).toContain('more characters');
  });

  it('M1: a content type that holds the key is not quoted with it', async () => {
    const fetch: typeof globalThis.fetch = async () => new Response('{}', { headers: { 'content-type': `text/x-${Buffer.from(KEY).toString('base64url')}` } });
    // The compatible protocol's whole answer is read as JSON whatever its type (the SDK): only its stream quotes it.
    for (const stream of api === 'native' ? [true, false] : [true]) {
      const error = await failure({ kind: 'ok' }, api, { fetch, stream });
      expect(error.code).toBe('bad-response');
      expect(error.message).toMatch(/it answered (a streaming request )?with \[API key\]\.$/);
    }
  });

  it('M4: negative or non-finite token counts are refused, logged and never priced', async () => {
    for (const usage of [{ input: -1_000_000, output: -2_000_000 }, { input: 1e308, output: 1e308 }, { input: 1.5, output: 2 }]) {
      const said: string[] = [];
      const result = (await read({ kind: 'ok', text: 'priced?', usage }, api, { log: (message) => said.push(message) })) as RecognizeResult;
      expect(result.text).toBe('priced?');
      expect(result.usage).toBeNull();
      expect(result.cost).toBeNull();
      expect(said).toEqual([expect.stringMatching(/token counts that cannot be right \(.*\); this request is not counted/)]);
    }
  });
});

describe('word positions (native protocol, M3)', () => {
  it('past 50,000 positions: a clear error with the answer’s text kept; 20,000 are read', async () => {
    const tooMany = await failure({ kind: 'many-words', text: 'the text', count: 60_000 }, 'native', { stream: false });
    expect(tooMany.code).toBe('answer-too-long');
    expect(tooMany.message).toMatch(/60,000 word positions, more than the 50,000/);
    expect(tooMany.partialText).toBe('the text');
    const enough = (await read({ kind: 'many-words', text: 'the text', count: 20_000 }, 'native', { stream: true })) as RecognizeResult;
    expect(enough.words).toHaveLength(20_000);
  });

  it('an unstreamed answer past 8 MB is refused before it is parsed', async () => {
    const error = await failure({ kind: 'many-words', text: 'the text', count: 400_000 }, 'native', { stream: false });
    expect(error.code).toBe('answer-too-long');
    expect(error.message).toMatch(/an answer longer than 8 MB/);
  });
});

describe('the usage ledger (M4)', () => {
  it('never takes usage that cannot be right, whoever hands it over', () => {
    const store = new HistoryStore(join(tempDir(), 'history.sqlite'));
    try {
      const base = { text: 't', model: 'qwen-vl-ocr', engine: 'qwen' as const, durationMs: 1, requestId: null, region: 'cn' as const };
      const bad = [
        { prompt_tokens: -1_000_000, completion_tokens: -2_000_000, total_tokens: -3_000_000 },
        { prompt_tokens: 1e308, completion_tokens: 1e308, total_tokens: Infinity },
        { prompt_tokens: Number.NaN, completion_tokens: 1, total_tokens: 1 },
      ];
      for (const usage of bad) store.complete(store.createPending(newEntry()), { ...base, usage, cost: -15 });
      expect(store.usageTotals()).toEqual([]);
      store.complete(store.createPending(newEntry()), { ...base, usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 }, cost: 0.5 });
      expect(store.usageTotals()).toEqual([expect.objectContaining({ requests: 1, inputTokens: 100, outputTokens: 10, cost: 0.5 })]);
      expect(store.list().items.map((e) => e.usage.inputTokens)).toEqual([100, null, null, null]);
    } finally {
      store.close();
    }
  });
});

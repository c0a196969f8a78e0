/**
 * Qwen-MT against the DashScope stand-in (test/support/qwen-mt-stand-in.ts has the documented rules it enforces):
 * the request as sent, both streaming styles, the chat-prompt path for other models, the glossary, refusals, and the
 * key never showing in an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrError } from '../../../main/ocr/errors.ts';
import { Translator } from '../../../main/translate/translator.ts';
import type { TranslateRequest } from '../../../main/translate/request.ts';
import { DashScopeServer } from '../../support/dashscope-server.ts';

const KEY = 'sk-test-valid-key-0001';
let server: DashScopeServer;
beforeAll(async () => {
  server = await new DashScopeServer().start();
});
afterAll(() => server.stop());

const ask = (overrides: Partial<TranslateRequest> = {}): TranslateRequest => ({
  text: '你好\n世界',
  targetLang: 'en',
  sourceLang: 'auto',
  model: 'qwen-mt-flash',
  terms: [],
  ...overrides,
});

async function translate(request: TranslateRequest, apiKey = KEY) {
  const seen: string[] = [];
  const result = await new Translator({ baseURL: server.baseURL, apiKey }).translate(request, (text) => seen.push(text));
  return { result, seen };
}

describe('Qwen-MT over the compatible endpoint', () => {
  it('sends one user message holding only the text, with translation_options by English name', async () => {
    server.script();
    const { result } = await translate(ask({ terms: [{ source: '识别', target: 'recognition' }] }));
    const sent = server.requests[0]!;
    expect(sent.problems).toEqual([]);
    expect(sent.path).toBe('/compatible-mode/v1/chat/completions');
    expect(sent.authorization).toBe(`Bearer ${KEY}`);
    const body = sent.body as unknown as Record<string, unknown>;
    expect(body.messages).toEqual([{ role: 'user', content: '你好\n世界' }]);
    expect(body.translation_options).toEqual({ source_lang: 'auto', target_lang: 'English', terms: [{ source: '识别', target: 'recognition' }] });
    expect(body.stream).toBe(true);
    expect(result.text).toBe('[English] 你好\n[English] 世界');
    expect(result.model).toBe('qwen-mt-flash');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('leaves terms out when the glossary is empty, and names a chosen source language', async () => {
    server.script();
    await translate(ask({ sourceLang: 'zh', targetLang: 'ja' }));
    const body = server.requests[0]!.body as unknown as Record<string, unknown>;
    expect(body.translation_options).toEqual({ source_lang: 'Chinese', target_lang: 'Japanese' });
  });

  it.each(['qwen-mt-flash', 'qwen-mt-turbo', 'qwen-mt-plus'])('%s: each listener call holds the whole text so far, never text twice', async (model) => {
    server.script({ kind: 'ok', chunkSize: 3 });
    const { result, seen } = await translate(ask({ model }));
    expect(result.text).toBe('[English] 你好\n[English] 世界');
    expect(seen.at(-1)).toBe(result.text);
    // Each is the one before it with more at the end: a growing prefix.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.startsWith(seen[i - 1]!)).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
  });

  it('a model not named qwen-mt-* gets an ordinary chat prompt and no translation_options', async () => {
    server.script();
    const { result } = await translate(ask({ model: 'qwen-plus', targetLang: 'ko' }));
    const sent = server.requests[0]!;
    expect(sent.problems).toEqual([]);
    const body = sent.body as unknown as Record<string, unknown>;
    expect(body.translation_options).toBeUndefined();
    expect(body.messages).toEqual([{ role: 'user', content: 'Translate the following text to Korean. Output only the translation.\n\n你好\n世界' }]);
    expect(result.text).toBe('[Korean] 你好\n[Korean] 世界');
  });

  it('a wrong key is refused as auth, and the key never appears in the message', async () => {
    server.script();
    const secret = 'sk-wrong-key-abcdef123456';
    const failure = await translate(ask(), secret).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OcrError);
    expect((failure as OcrError).code).toBe('auth');
    expect((failure as OcrError).message).not.toContain(secret);
  });

  it('an unknown Qwen-MT model is model-not-found', async () => {
    server.script();
    const failure = await translate(ask({ model: 'qwen-mt-nonesuch' })).catch((error: unknown) => error);
    expect((failure as OcrError).code).toBe('model-not-found');
  });

  it('a server error keeps the text that came before it', async () => {
    server.script({ kind: 'cut', text: 'partial answer here' });
    const failure = (await translate(ask()).catch((error: unknown) => error)) as OcrError;
    expect(failure).toBeInstanceOf(OcrError);
    expect(failure.partialText).toContain('partial');
  });
});

describe('the stand-in refuses what the Qwen-MT page forbids', () => {
  async function post(body: object): Promise<{ status: number; message: string }> {
    const response = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json()) as { error?: { message?: string } };
    return { status: response.status, message: json.error?.message ?? '' };
  }
  const options = { source_lang: 'auto', target_lang: 'English' };
  it.each([
    ['a system message', { model: 'qwen-mt-flash', messages: [{ role: 'system', content: 'x' }, { role: 'user', content: 'y' }], translation_options: options }, 'System messages'],
    ['two user messages', { model: 'qwen-mt-flash', messages: [{ role: 'user', content: 'x' }, { role: 'user', content: 'y' }], translation_options: options }, 'single message'],
    ['no target_lang', { model: 'qwen-mt-flash', messages: [{ role: 'user', content: 'x' }], translation_options: { source_lang: 'auto' } }, 'target_lang'],
    ['an unknown target_lang', { model: 'qwen-mt-flash', messages: [{ role: 'user', content: 'x' }], translation_options: { target_lang: 'Klingon' } }, 'target_lang'],
    ['no translation_options', { model: 'qwen-mt-turbo', messages: [{ role: 'user', content: 'x' }] }, 'translation_options missing'],
    ['translation_options on a chat model', { model: 'qwen-plus', messages: [{ role: 'user', content: 'x' }], translation_options: options }, 'Qwen-MT parameter'],
    ['malformed terms', { model: 'qwen-mt-flash', messages: [{ role: 'user', content: 'x' }], translation_options: { ...options, terms: ['a'] } }, 'terms'],
  ])('%s', async (_name, body, said) => {
    server.script();
    const { status, message } = await post(body);
    expect(status).toBe(400);
    expect(message).toContain(said);
  });
});

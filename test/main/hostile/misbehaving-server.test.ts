/**
 * A server that misbehaves (bad-input review M5, L1, L3): the answer is bounded, a broken answer is called broken and
 * not retried, the SDK says nothing of its own, long service messages are cut, and the key never shows.
 */
import { join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreparedImage } from '../../../main/image/prepare.ts';
import { MAX_ANSWER_CHARS, OcrError } from '../../../main/ocr/errors.ts';
import { PROMPTS } from '../../../main/ocr/prompts.ts';
import { QwenEngine, type QwenApi } from '../../../main/ocr/qwen.ts';
import type { Behaviour } from '../../support/dashscope-server.ts';
import { fixture } from '../../support/paths.ts';
import { TEST_KEY, useProtocolServer } from '../../support/protocol-server.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = TEST_KEY;
const { server, image: prepared } = useProtocolServer();
const tempDir = useTempDir();
let image: PreparedImage;
beforeAll(() => void (image = prepared()));

async function failure(behaviour: Behaviour, stream = true, api: QwenApi = 'compatible'): Promise<OcrError> {
  server.script(behaviour, behaviour, behaviour);
  const engine = new QwenEngine({ baseURL: server.baseURL, apiKey: KEY, stream, api, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, budgetMs: 5000 } });
  const bounds = engine.pixelBounds();
  const error = await engine.recognize(image, { prompt: PROMPTS.text, bounds }, () => undefined).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(OcrError);
  return error as OcrError;
}

describe.each(['compatible', 'native'] as const)('a misbehaving server (%s protocol)', (api) => {
  it('M5: an answer that never ends is cut off at the cap, reported as such, and not retried', async () => {
    const error = await failure({ kind: 'flood', chunkChars: 64 * 1024, limitChars: 8 * MAX_ANSWER_CHARS }, true, api);
    expect(error.code).toBe('answer-too-long');
    expect(error.partialText.length).toBe(MAX_ANSWER_CHARS);
    expect(server.requests).toHaveLength(1);
  });

  it('L3: non-JSON, wrongly shaped or non-streamed answers are "not what the protocol says", never retried', async () => {
    for (const [behaviour, stream] of [[{ kind: 'garbage' }, true], [{ kind: 'garbage' }, false], [{ kind: 'malformed-sse' }, true], [{ kind: 'wrong-type' }, true], [{ kind: 'json-to-stream' }, true]] as Array<[Behaviour, boolean]>) {
      const error = await failure(behaviour, stream, api);
      expect(error.code, behaviour.kind).toBe('bad-response');
      expect(error.message).toMatch(/not what the protocol says/);
      expect(server.requests, behaviour.kind).toHaveLength(1);
    }
  });

  it('M5: a 50 KB service message is cut to a readable length', async () => {
    const error = await failure({ kind: 'error', status: 400, code: 'InvalidParameter', message: 'm'.repeat(50_000) }, true, api);
    expect(error.message.length).toBeLessThan(1000);
    expect(error.message).toContain('more characters');
  });

  it('L1: a request id that echoes the key is redacted', async () => {
    const error = await failure({ kind: 'error', status: 400, code: 'InvalidParameter', message: 'bad', requestId: `rid-${KEY}` }, true, api);
    expect(error.message).not.toContain(KEY);
    expect(error.requestId).not.toContain(KEY);
  });

  it.runIf(api === 'compatible')('the command: one line naming the file, no SDK lines, and the history keeps at most the cap', async () => {
    const dataDir = tempDir();
    server.script({ kind: 'malformed-sse' });
    const env = { DASHSCOPE_API_KEY: KEY };
    const broken = await runCli(['--base-url', server.baseURL, '--data-dir', dataDir, fixture('text/en-zh.png')], { env });
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim().split('\n')).toEqual([expect.stringMatching(/en-zh\.png: The OCR service's answer is not what the protocol says/)]);
    server.script({ kind: 'flood', chunkChars: 64 * 1024, limitChars: 8 * MAX_ANSWER_CHARS });
    const flooded = await runCli(['--base-url', server.baseURL, '--data-dir', dataDir, '--json', fixture('text/en-zh.png')], { env });
    expect(JSON.parse(flooded.stdout)).toMatchObject({ ok: false, error: { code: 'answer-too-long' } });
    const size = ['history.sqlite', 'history.sqlite-wal'].map((name) => join(dataDir, name)).filter((file) => existsSync(file)).reduce((sum, file) => sum + statSync(file).size, 0);
    // The 1,000,000-character cut plus the image and the index: megabytes, never the hundreds a flood once left.
    expect(size).toBeLessThan(8 * 1024 * 1024);
  });
});

/**
 * A server that never ends a line (bad-input review 2, H4) and one that lists a million word positions (M3), against
 * the engine as it reads now and, in the same run, the reading it replaced: eventsource-parser fed every chunk as it
 * came, and a whole answer parsed however large. Each reader runs in a child process whose resident memory is sampled
 * from /proc every 50 ms; past CAP_MB it is stopped there and reported as such.
 * Usage: node bench/stream-bounds.ts
 */
import { readFileSync } from 'node:fs';
import { createParser } from 'eventsource-parser';
import { prepareImage } from '../main/image/prepare.ts';
import { PROMPTS } from '../main/ocr/prompts.ts';
import { QwenEngine } from '../main/ocr/qwen.ts';
import { DashScopeServer, type Behaviour } from '../test/support/dashscope-server.ts';
import { fixture } from '../test/support/paths.ts';
import { TEST_KEY } from '../test/support/protocol-server.ts';
import { runTree } from './process-tree.ts';

const CAP_MB = 2500;

/** In the child: one reading, its outcome on stdout. */
async function child(kind: string, baseURL: string, stream: boolean): Promise<void> {
  if (kind === 'unbounded') {
    // The reading before: every chunk fed to the parser as it came (it keeps an unfinished line whole), and a whole
    // answer parsed as it was.
    const response = await fetch(baseURL.replace(/\/compatible-mode\/v1$/, '/api/v1/services/aigc/multimodal-generation/generation'), {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json', ...(stream ? { 'x-dashscope-sse': 'enable' } : {}) },
      body: JSON.stringify({ model: 'qwen-vl-ocr', input: { messages: [{ role: 'user', content: [{ image: 'data:image/png;base64,AA==', min_pixels: 3136, max_pixels: 1003520 }, { text: 'x' }] }] }, parameters: { incremental_output: stream } }),
    });
    if (!stream) {
      // As it was: the whole body parsed, every position mapped to a word and kept as the history's JSON column.
      type Info = { text: string; location: number[] };
      const data = (await response.json()) as { output: { choices: Array<{ message: { content: Array<{ ocr_result?: { words_info?: Info[] } }> } }> } };
      const words = data.output.choices[0]!.message.content.flatMap((part) => part.ocr_result?.words_info ?? []).map((info) => {
        const l = info.location;
        return { text: info.text, box: [[l[0], l[1]], [l[2], l[3]], [l[4], l[5]], [l[6], l[7]]], confidence: null };
      });
      process.stdout.write(`read ${words.length} words, a ${(JSON.stringify(words).length / 2 ** 20).toFixed(0)} MB column\n`);
      return;
    }
    const parser = createParser({ onEvent: () => {} });
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    process.stdout.write('read to the end\n');
    return;
  }
  const image = await prepareImage(readFileSync(fixture('text/en-zh.png')), { file: 'en-zh.png' });
  const engine = new QwenEngine({ baseURL, apiKey: TEST_KEY, api: 'native', stream, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 1 } });
  try {
    await engine.recognize(image, { prompt: PROMPTS.text, bounds: engine.pixelBounds() }, () => undefined);
    process.stdout.write('read\n');
  } catch (error) {
    const { code, message, partialText } = error as { code: string; message: string; partialText: string };
    process.stdout.write(`${code}: ${message.slice(0, 70)}… (kept ${JSON.stringify(partialText)})\n`);
  }
}

interface Run {
  seconds: number;
  peakMb: number;
  outcome: string;
}

async function measure(kind: string, baseURL: string, stream: boolean): Promise<Run> {
  const run = await runTree(process.execPath, [import.meta.filename, '--child', kind, baseURL, String(stream)], { killAboveMb: CAP_MB });
  const outcome = run.capped ? `stopped past ${CAP_MB} MB` : run.code === 0 ? run.stdout.trim() : `exit ${run.code}: ${run.stderr.trim().split('\n').at(-1)}`;
  return { seconds: run.ms / 1000, peakMb: Math.round(run.peakMb), outcome };
}

export async function benchStreamBounds(): Promise<string> {
  const server = await new DashScopeServer().start();
  const cases: Array<[string, Behaviour, boolean]> = [
    ['H4 a line that never ends (up to 3 GB)', { kind: 'endless-line', text: 'kept so far', limitBytes: 3 * 1024 ** 3 }, true],
    ['H4 an event that never ends (up to 3 GB)', { kind: 'endless-event', text: 'kept so far', limitBytes: 3 * 1024 ** 3 }, true],
    ['M3 1,000,000 word positions (whole answer)', { kind: 'many-words', text: 'the text', count: 1_000_000 }, false],
  ];
  const rows: string[] = [];
  try {
    for (const [name, behaviour, stream] of cases) {
      for (const kind of ['unbounded', 'bounded']) {
        server.script(behaviour);
        const run = await measure(kind, server.baseURL, stream);
        rows.push(`| ${name} | ${kind === 'unbounded' ? 'before (unbounded)' : 'now'} | ${run.seconds.toFixed(1)} s | ${run.peakMb} MB | ${run.outcome.replace(/\|/g, '/')} |`);
      }
    }
  } finally {
    await server.stop();
  }
  return ['| case | reader | time | peak RSS | outcome |', '|---|---|---|---|---|', ...rows].join('\n');
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!, process.argv[5] === 'true');
} else if (import.meta.filename === process.argv[1]) {
  console.log(await benchStreamBounds());
}

/** `readout <file>...`: every file through the same pipeline as the app, concurrently, printed in order. */
import { createEngine } from '../ocr/create-engine.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import { promptFor } from '../ocr/prompts.ts';
import { recognizeImage, type Outcome } from '../recognize.ts';
import type { CliOptions } from './args.ts';
import { OrderedOutput } from './ordered-output.ts';
import { readInputFile, readStream } from './read-input.ts';
import { toReport } from './report.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: AsyncIterable<Uint8Array | string>;
  signal?: AbortSignal;
}

const STDIN_LABEL = 'stdin';

async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export async function runRecognize(options: CliOptions, io: CliIo): Promise<number> {
  const engine: OcrEngine = createEngine(
    options.engine === 'local'
      ? { engine: 'local' }
      : { engine: 'qwen', baseURL: options.baseURL, apiKey: options.apiKey, model: options.model, stream: options.stream },
  );
  const prompt = promptFor(options.mode, options.prompt);
  // Text mode puts a blank line between files; --json is JSON Lines, one object per line and nothing else.
  const output = new OrderedOutput(options.files.length, io.stdout, options.json ? '' : '\n');
  let failures = 0;

  await runPool(options.files.length, options.concurrency, async (index) => {
    const path = options.files[index]!;
    const file = path === '-' ? STDIN_LABEL : path;
    const started = performance.now();
    let outcome: Outcome;
    try {
      const bytes = path === '-' ? await readStream(io.stdin) : await readInputFile(path);
      outcome = await recognizeImage(bytes, file, {
        engine,
        prompt,
        minPixels: options.minPixels,
        maxPixels: options.maxPixels,
        thumbnail: false,
        signal: io.signal,
        onDelta: options.json ? undefined : (delta) => output.push(index, delta),
      });
    } catch (error) {
      outcome = { ok: false, prepared: null, error };
    }
    const report = toReport(file, outcome, {
      engine: engine.name,
      model: engine.model,
      durationMs: Math.round(performance.now() - started),
      entryId: null,
    });
    if (!outcome.ok) {
      failures++;
      io.stderr(`readout: ${report.error!.message}\n`);
    }
    if (options.json) output.push(index, `${JSON.stringify(report)}\n`);
    else if (report.text && !report.text.endsWith('\n')) output.push(index, '\n');
    output.finish(index);
  });
  await engine.close?.();
  return failures > 0 ? 1 : 0;
}


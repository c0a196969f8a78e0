/** `readout <file>...`: every file through the same pipeline as the app, concurrently, printed in order. */
import { basename, resolve } from 'node:path';
import type { Source } from '../history/types.ts';
import { openImage } from '../image/decode.ts';
import { readInputFile, readStream } from '../read-input.ts';
import { describeError, type FileReport } from '../reading/report.ts';
import type { CliOptions } from './args.ts';
import { openReading } from './open-reading.ts';
import { OrderedOutput } from './ordered-output.ts';
import { printable, printableText } from './printable.ts';

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

const sourceOf = (path: string): Source =>
  path === '-' ? { kind: 'file', path: '-', name: STDIN_LABEL } : { kind: 'file', path: resolve(path), name: basename(path) };

/** `--codes-only`: each file checked as an image (openImage's limits and messages) and scanned; nothing else. */
async function scanOnly(bytes: Uint8Array, file: string, started: number): Promise<FileReport> {
  const empty = { text: null, engine: 'none', model: '', sentWidth: null, sentHeight: null, sentBytes: null, imageTokens: null, usage: null, cost: null, requestId: null, entryId: null, confidence: null, words: null, warnings: null, translation: null };
  try {
    const image = await openImage(bytes, file);
    const codes = await (await import('../codes/scan.ts')).scanCodes(bytes);
    return { file, ok: true, ...empty, sourceFormat: image.format, width: image.width, height: image.height, durationMs: Math.round(performance.now() - started), error: null, codes };
  } catch (error) {
    return { file, ok: false, ...empty, sourceFormat: null, width: null, height: null, durationMs: Math.round(performance.now() - started), error: describeError(file, error), codes: null };
  }
}

export async function runRecognize(options: CliOptions, io: CliIo): Promise<number> {
  if (options.codesOnly) return runCodesOnly(options, io);
  const { reader, close } = await openReading(options, io);
  // Text mode puts a blank line between files; --json is JSON Lines, one object per line and nothing else.
  const output = new OrderedOutput(options.files.length, io.stdout, options.json ? '' : '\n');
  let failures = 0;

  /** A report in its file's turn: a failure said on stderr, --json's line, or the line break text mode ends on. */
  const print = (index: number, report: FileReport): void => {
    if (!report.ok) {
      failures++;
      io.stderr(`readout: ${printable(report.error!.message)}\n`);
    }
    if (report.translation?.error) {
      failures++;
      io.stderr(`readout: ${printable(report.file)}: the translation failed (the text was read and kept): ${printable(report.translation.error.message)}\n`);
    }
    if (options.json) output.push(index, `${JSON.stringify(report)}\n`);
    else {
      if (report.text && !report.text.endsWith('\n')) output.push(index, '\n');
      // The translation after the text, a blank line between them.
      if (report.translation?.status === 'done') output.push(index, `\n${printableText(report.translation.text)}${report.translation.text.endsWith('\n') ? '' : '\n'}`);
      for (const warning of report.warnings ?? []) io.stderr(`readout: warning: ${printable(report.file)}: ${warning.message}\n`);
    }
  };

  await runPool(options.files.length, options.concurrency, async (index) => {
    const path = options.files[index]!;
    const file = path === '-' ? STDIN_LABEL : path;
    let bytes: Uint8Array;
    try {
      bytes = path === '-' ? await readStream(io.stdin) : await readInputFile(path);
    } catch (error) {
      print(index, reader.failed(file, error));
      output.finish(index);
      return;
    }
    await reader.read(bytes, file, sourceOf(path), {
      onReport: (report) => print(index, report),
      // The reading as a terminal should get it: a server's text can hold escape sequences (review 2, L1).
      onDelta: options.json ? undefined : (delta) => output.push(index, printableText(delta)),
      onWarning: (message) => io.stderr(`readout: warning: ${printable(message)}\n`),
      signal: io.signal,
    });
    output.finish(index);
  });
  await close();
  return failures > 0 ? 1 : 0;
}


async function runCodesOnly(options: CliOptions, io: CliIo): Promise<number> {
  const output = new OrderedOutput(options.files.length, io.stdout, options.json ? '' : '\n');
  let failures = 0;
  await runPool(options.files.length, options.concurrency, async (index) => {
    const path = options.files[index]!;
    const file = path === '-' ? STDIN_LABEL : path;
    const started = performance.now();
    let report: FileReport;
    try {
      report = await scanOnly(path === '-' ? await readStream(io.stdin) : await readInputFile(path), file, started);
    } catch (error) {
      report = await scanOnly(new Uint8Array(), file, started).then((r) => ({ ...r, error: describeError(file, error) }));
    }
    if (!report.ok) {
      failures++;
      io.stderr(`readout: ${printable(report.error!.message)}\n`);
    }
    // Each code's content on a line of its own, as text a terminal shows safely (report.ts, printable).
    if (options.json) output.push(index, `${JSON.stringify(report)}\n`);
    else for (const code of report.codes ?? []) output.push(index, `${printable(code.text)}\n`);
    output.finish(index);
  });
  return failures > 0 ? 1 : 0;
}

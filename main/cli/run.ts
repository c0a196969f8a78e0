/** `readout <file>...`: every file through the same pipeline as the app, concurrently, printed in order. */
import { basename, resolve } from 'node:path';
import { errorMessage } from '../errors.ts';
import type { HistoryStore } from '../history/store.ts';
import type { Source } from '../history/types.ts';
import { createEngine } from '../ocr/create-engine.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import { promptForTask } from '../ocr/tasks.ts';
import { recognizeImage, type Outcome } from '../recognize.ts';
import { UsageError, type CliOptions, type EngineOptions } from './args.ts';
import { downloadSize, packFor, type PackCode } from '../languages/catalog.ts';
import { LanguagePacks } from '../languages/packs.ts';
import { LocalEngine } from '../ocr/local.ts';
import { megabytes } from './languages.ts';
import { openHistory } from './open-history.ts';
import { knownDamage } from '../history/damage.ts';
import { historyError } from '../history/database.ts';
import { defaultDataDir, historyFile } from '../paths.ts';
import { OrderedOutput } from './ordered-output.ts';
import { readInputFile, readStream } from '../read-input.ts';
import { describeError, printable, toReport, type FileReport } from './report.ts';
import { printableText } from './printable.ts';
import { openImage } from '../image/decode.ts';
import { ReadoutError } from '../errors.ts';
import { isPdf } from '../pdf/sniff.ts';
import { Translator } from '../translate/translator.ts';
import { translateRead } from './translate.ts';
import { REGIONS, regionOf } from '../ocr/regions.ts';

/** A DashScope region's compatible endpoint for any of its URLs; another server's URL as given. */
const compatibleBase = (baseURL: string): string => {
  const region = regionOf(baseURL);
  return region ? REGIONS[region] : baseURL;
};

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

export function engineFor(options: EngineOptions & { lang?: PackCode | null }): Promise<OcrEngine> {
  if (options.lang) return Promise.resolve(packEngine(options.lang, options.dataDir ?? defaultDataDir()));
  return createEngine(
    options.engine === 'local'
      ? { engine: 'local' }
      : { engine: 'qwen', baseURL: options.baseURL, api: options.api, apiKey: options.apiKey, model: options.model, stream: options.stream },
  );
}

/** The offline engine reading with an installed pack; a pack that is not installed is a usage error that says how to add it. */
function packEngine(code: PackCode, dataDir: string): OcrEngine {
  const installed = new LanguagePacks(dataDir).installed(code);
  if (!installed) {
    const pack = packFor(code)!;
    throw new UsageError(`--lang ${code}: the ${pack.name} pack is not installed. Add it with: readout languages add ${code} (a ${megabytes(downloadSize(pack))} download)`);
  }
  return new LocalEngine().withPack(installed);
}

/** The history is a convenience here: when it cannot be opened, say so and read the files anyway. */
function tryOpenHistory(options: CliOptions, io: CliIo): HistoryStore | undefined {
  if (!options.history) return undefined;
  try {
    const store = openHistory(options.dataDir);
    const damage = knownDamage(historyFile(options.dataDir ?? defaultDataDir()));
    if (damage) {
      io.stderr(`readout: warning: the history at ${printable(historyFile(options.dataDir ?? defaultDataDir()))} is damaged (${printable(damage)}); new entries are still recorded. Save what can be read with \`readout history export\`, then move the file away.\n`);
    }
    return store;
  } catch (error) {
    io.stderr(`readout: warning: not recording into the history: ${errorMessage(error)}\n`);
    return undefined;
  }
}

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
  const engine = await engineFor(options);
  const history = tryOpenHistory(options, io);
  // Over the compatible endpoint of the region (or --base-url), whichever engine reads and whichever protocol it uses.
  const translator = options.translate ? new Translator({ baseURL: compatibleBase(options.baseURL), apiKey: options.apiKey }) : null;
  const prompt = options.prompt?.trim() ? options.prompt : promptForTask(options.task);
  // Text mode puts a blank line between files; --json is JSON Lines, one object per line and nothing else.
  const output = new OrderedOutput(options.files.length, io.stdout, options.json ? '' : '\n');
  let failures = 0;
  // For the warnings' advice: a pack that is installed only has to be chosen.
  const installed = options.engine === 'local' ? new LanguagePacks(options.dataDir ?? defaultDataDir()).list().filter((l) => l.status === 'installed').map((l) => l.code as PackCode) : [];

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
  /** A file (or a document, or one page of it) that failed before any of its images reached the pipeline. */
  const failed = (index: number, file: string, error: unknown, page?: { number: number; pages: number }): void =>
    print(index, { ...toReport(file, { ok: false, prepared: null, error, entryId: null, historyError: null }, { engine: engine.name, model: engine.model, durationMs: 0 }), page: page?.number ?? null, pages: page?.pages ?? null });

  /** One image (or one PDF page) through the pipeline, its report printed in its file's turn. */
  const readImage = async (index: number, bytes: Uint8Array, file: string, source: Source, page?: { engine: OcrEngine; document: { id: number; page: number } | null; number: number; pages: number }): Promise<void> => {
    const started = performance.now();
    const reader = page?.engine ?? engine;
    let outcome: Outcome;
    try {
      outcome = await recognizeImage(bytes, page ? `${file} (page ${page.number})` : file, {
        engine: reader,
        prompt,
        minPixels: options.minPixels,
        maxPixels: options.maxPixels,
        mode: options.prompt?.trim() ? null : options.task.task,
        task: options.task,
        // In the command's own thread: a one-shot run has no window to keep responsive.
        scanCodes: async (image) => (await import('../codes/scan.ts')).scanCodes(image),
        source,
        document: page?.document ?? null,
        recorder: history,
        signal: io.signal,
        // The reading as a terminal should get it: a server's text can hold escape sequences (review 2, L1).
        onDelta: options.json ? undefined : (delta) => output.push(index, printableText(delta)),
      });
    } catch (error) {
      outcome = { ok: false, prepared: null, error, entryId: null, historyError: null };
    }
    if (outcome.historyError) {
      const reason = historyError(outcome.historyError, historyFile(options.dataDir ?? defaultDataDir())).message;
      io.stderr(`readout: warning: ${printable(file)} was not recorded into the history: ${printable(reason)}\n`);
    }
    const report = toReport(file, outcome, { engine: reader.name, model: reader.model, durationMs: Math.round(performance.now() - started), installed });
    if (translator && options.translate && outcome.ok && outcome.result.text.trim()) {
      report.translation = await translateRead(translator, options.translate, { text: outcome.result.text, words: outcome.result.words ?? null, entryId: outcome.entryId }, history, io.signal);
    }
    print(index, { ...report, page: page?.number ?? null, pages: page?.pages ?? null });
  };

  /** A PDF, page by page (each drawn, read and let go before the next), the pages grouped as one document. */
  const readDocument = async (index: number, bytes: Uint8Array, file: string, source: Source): Promise<void> => {
    const { PdfDocument, parsePageRanges, MIN_TEXT_LAYER } = await import('../pdf/pdf.ts');
    const { TextLayerEngine } = await import('../pdf/text-layer.ts');
    const { PAGE_LIMIT, pageLimitMessage } = await import('../pdf/page-limit.ts');
    let pdf: Awaited<ReturnType<typeof PdfDocument.open>>;
    try {
      pdf = await PdfDocument.open(bytes, file, { password: options.password });
    } catch (error) {
      return failed(index, file, error);
    }
    try {
      // Past the page limit a document is read whole only when asked to (review 2, M5): --pages or --max-pages.
      const limit = options.maxPages ?? PAGE_LIMIT;
      if (!options.pages && pdf.pages > limit) return failed(index, file, new ReadoutError('pdf-pages', `${file}: ${pageLimitMessage(pdf.pages, limit)}`));
      const pages = options.pages ? parsePageRanges(options.pages, pdf.pages) : Array.from({ length: pdf.pages }, (_, i) => i + 1);
      if (typeof pages === 'string') return failed(index, file, new ReadoutError('pdf-pages', `${file}: --pages ${options.pages}: ${pages}`));
      let documentId: number | null = null;
      try {
        documentId = history?.createDocument(source.kind === 'file' ? source.name : file, pdf.pages) ?? null;
      } catch {
        // The history is a convenience here; each page's own write reports a failing one.
      }
      const bounds = engine.pixelBounds({ minPixels: options.minPixels, maxPixels: options.maxPixels });
      for (const number of pages) {
        if (io.signal?.aborted) break;
        let rendered: Awaited<ReturnType<typeof pdf.page>>;
        try {
          rendered = await pdf.page(number, bounds);
        } catch (error) {
          // The page that could not be drawn (past its memory or its deadline) is said as that page; the others go on.
          failed(index, file, error, { number, pages: pdf.pages });
          continue;
        }
        const layer = rendered.text.replace(/\s/g, '').length >= MIN_TEXT_LAYER;
        const useLayer = options.pdfText === 'always' || (options.pdfText === 'auto' && layer);
        const reader = useLayer ? new TextLayerEngine(rendered.text, bounds) : engine;
        await readImage(index, rendered.png, file, source, { engine: reader, document: documentId === null ? null : { id: documentId, page: number }, number, pages: pdf.pages });
      }
    } finally {
      await pdf.close();
    }
  };

  await runPool(options.files.length, options.concurrency, async (index) => {
    const path = options.files[index]!;
    const file = path === '-' ? STDIN_LABEL : path;
    let bytes: Uint8Array;
    try {
      bytes = path === '-' ? await readStream(io.stdin) : await readInputFile(path);
    } catch (error) {
      failed(index, file, error);
      output.finish(index);
      return;
    }
    if (isPdf(bytes)) await readDocument(index, bytes, file, sourceOf(path));
    else await readImage(index, bytes, file, sourceOf(path));
    output.finish(index);
  });
  await engine.close?.();
  history?.close();
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

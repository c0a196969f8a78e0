/**
 * One file's bytes through the pipeline exactly as `readout` reads them: an image as one reading, a PDF page by page
 * (each drawn, read and let go before the next; a page with a text layer taken as it is when asked), each reading
 * recorded into the history when there is one, each ending in the `readout --json` object (report.ts). The command,
 * the local API (serve/) and folder watching (watch/) share it, so a file reads the same whichever way it came in.
 * It never throws: a file that cannot be read is a failed report naming it and the cause.
 */
import { historyError } from '../history/database.ts';
import type { HistoryStore } from '../history/store.ts';
import type { Source } from '../history/types.ts';
import type { PackCode } from '../languages/catalog.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import type { TaskRequest } from '../ocr/tasks.ts';
import { ReadoutError } from '../errors.ts';
import { isPdf } from '../pdf/sniff.ts';
import { recognizeImage, type Outcome } from '../recognize.ts';
import type { Translator } from '../translate/translator.ts';
import { toReport, type ErrorHints, type FileReport } from './report.ts';
import { translateRead, type TranslateFlags } from './translate-read.ts';

export interface ReadSettings {
  engine: OcrEngine;
  prompt: string;
  /** The history's name for what was asked: the task, or null for a prompt of the user's own. */
  mode: string | null;
  task: TaskRequest;
  minPixels?: number;
  maxPixels?: number;
  pdf: {
    /** The pages to read ("1-3,7"), all when absent. */
    pages?: string;
    /** The most pages a document may have to be read whole without `pages` (pdf/page-limit.ts's limit when absent). */
    maxPages?: number;
    /** Take a page's own text layer instead of reading it: when it has one, always, or never. */
    text: 'auto' | 'always' | 'never';
    password?: string;
  };
  /** The offline engine's installed packs, for the warnings' advice (a pack that is installed only has to be chosen). */
  installed?: readonly PackCode[];
  /** Where each reading is recorded; none with --no-history, or when it could not be opened. */
  history?: HistoryStore;
  /** The history's file, named in a warning when a reading could not be recorded. */
  historyFile?: string;
  /** Each text, once read, translated (reading/translate-read.ts). */
  translate?: { translator: Translator; flags: TranslateFlags } | null;
}

export interface ReadHooks {
  /** Each report as it is made: one for an image, one per page of a PDF, in page order. */
  onReport?: (report: FileReport) => void;
  /** The text as it streams in. */
  onDelta?: (delta: string) => void;
  /** Something the reader should hear that is not the file's failure (a reading that was not recorded). */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
  /** This file's PDF password, in place of settings.pdf.password (the local API takes one per request). */
  password?: string;
  /** The hints a failed report's message ends with (report.ts describeError): the command's when absent. */
  hints?: ErrorHints;
}

/** What reads a file for a room that takes one (serve/, watch/): FileReader is one, the app's AppReader another. */
export interface ReadPort {
  read(bytes: Uint8Array, file: string, source: Source, hooks?: ReadHooks): Promise<FileReport[]>;
}

type Page = { engine: OcrEngine; document: { id: number; page: number } | null; number: number; pages: number };

export class FileReader implements ReadPort {
  readonly settings: ReadSettings;

  constructor(settings: ReadSettings) {
    this.settings = settings;
  }

  get engine(): OcrEngine {
    return this.settings.engine;
  }

  /** Reads one file's bytes, an image or a PDF; the reports in order, each also handed to hooks.onReport as it is made. */
  async read(bytes: Uint8Array, file: string, source: Source, hooks: ReadHooks = {}): Promise<FileReport[]> {
    const reports: FileReport[] = [];
    const seen = { ...hooks, onReport: (report: FileReport) => (reports.push(report), hooks.onReport?.(report)) };
    if (isPdf(bytes)) await this.readDocument(bytes, file, source, seen);
    else await this.readImage(bytes, file, source, seen);
    return reports;
  }

  /** The report of a file (or a document, or one page of it) that failed before any of its images reached the pipeline. */
  failed(file: string, error: unknown, page?: { number: number; pages: number }, hints?: ErrorHints): FileReport {
    const { engine } = this.settings;
    const outcome: Outcome = { ok: false, prepared: null, error, entryId: null, historyError: null };
    return { ...toReport(file, outcome, { engine: engine.name, model: engine.model, durationMs: 0, hints }), page: page?.number ?? null, pages: page?.pages ?? null };
  }

  /** One image (or one PDF page) through the pipeline. */
  private async readImage(bytes: Uint8Array, file: string, source: Source, hooks: ReadHooks, page?: Page): Promise<void> {
    const s = this.settings;
    const started = performance.now();
    const reader = page?.engine ?? s.engine;
    let outcome: Outcome;
    try {
      outcome = await recognizeImage(bytes, page ? `${file} (page ${page.number})` : file, {
        engine: reader,
        prompt: s.prompt,
        minPixels: s.minPixels,
        maxPixels: s.maxPixels,
        mode: s.mode,
        task: s.task,
        // In the caller's own thread: a command or a server has no window to keep responsive.
        scanCodes: async (image) => (await import('../codes/scan.ts')).scanCodes(image),
        source,
        document: page?.document ?? null,
        recorder: s.history,
        signal: hooks.signal,
        onDelta: hooks.onDelta,
      });
    } catch (error) {
      outcome = { ok: false, prepared: null, error, entryId: null, historyError: null };
    }
    if (outcome.historyError) {
      const reason = historyError(outcome.historyError, s.historyFile ?? 'the history').message;
      hooks.onWarning?.(`${file} was not recorded into the history: ${reason}`);
    }
    const report = toReport(file, outcome, { engine: reader.name, model: reader.model, durationMs: Math.round(performance.now() - started), installed: s.installed ?? [], hints: hooks.hints });
    if (s.translate && outcome.ok && outcome.result.text.trim()) {
      report.translation = await translateRead(s.translate.translator, s.translate.flags, { text: outcome.result.text, words: outcome.result.words ?? null, entryId: outcome.entryId }, s.history, hooks.signal);
    }
    hooks.onReport?.({ ...report, page: page?.number ?? null, pages: page?.pages ?? null });
  }

  /** A PDF, page by page (each drawn, read and let go before the next), the pages grouped as one document. */
  private async readDocument(bytes: Uint8Array, file: string, source: Source, hooks: ReadHooks): Promise<void> {
    const s = this.settings;
    const { PdfDocument, parsePageRanges, MIN_TEXT_LAYER } = await import('../pdf/pdf.ts');
    const { TextLayerEngine } = await import('../pdf/text-layer.ts');
    const { PAGE_LIMIT, pageLimitMessage } = await import('../pdf/page-limit.ts');
    let pdf: Awaited<ReturnType<typeof PdfDocument.open>>;
    try {
      pdf = await PdfDocument.open(bytes, file, { password: hooks.password ?? s.pdf.password });
    } catch (error) {
      return hooks.onReport?.(this.failed(file, error, undefined, hooks.hints));
    }
    try {
      // Past the page limit a document is read whole only when asked to (review 2, M5): pages or maxPages.
      const limit = s.pdf.maxPages ?? PAGE_LIMIT;
      if (!s.pdf.pages && pdf.pages > limit) return hooks.onReport?.(this.failed(file, new ReadoutError('pdf-pages', `${file}: ${pageLimitMessage(pdf.pages, limit)}`), undefined, hooks.hints));
      const pages = s.pdf.pages ? parsePageRanges(s.pdf.pages, pdf.pages) : Array.from({ length: pdf.pages }, (_, i) => i + 1);
      if (typeof pages === 'string') return hooks.onReport?.(this.failed(file, new ReadoutError('pdf-pages', `${file}: --pages ${s.pdf.pages}: ${pages}`), undefined, hooks.hints));
      let documentId: number | null = null;
      try {
        documentId = s.history?.createDocument(source.kind === 'file' ? source.name : file, pdf.pages) ?? null;
      } catch {
        // The history is a convenience here; each page's own write reports a failing one.
      }
      const bounds = s.engine.pixelBounds({ minPixels: s.minPixels, maxPixels: s.maxPixels });
      for (const number of pages) {
        if (hooks.signal?.aborted) break;
        let rendered: Awaited<ReturnType<typeof pdf.page>>;
        try {
          rendered = await pdf.page(number, bounds);
        } catch (error) {
          // The page that could not be drawn (past its memory or its deadline) is said as that page; the others go on.
          hooks.onReport?.(this.failed(file, error, { number, pages: pdf.pages }, hooks.hints));
          continue;
        }
        const layer = rendered.text.replace(/\s/g, '').length >= MIN_TEXT_LAYER;
        const useLayer = s.pdf.text === 'always' || (s.pdf.text === 'auto' && layer);
        const reader = useLayer ? new TextLayerEngine(rendered.text, bounds) : s.engine;
        await this.readImage(rendered.png, file, source, hooks, { engine: reader, document: documentId === null ? null : { id: documentId, page: number }, number, pages: pdf.pages });
      }
    } finally {
      await pdf.close();
    }
  }
}

/**
 * A PDF as one job: its pages drawn and read one at a time (the document stays open between them, each page's
 * pixels let go before the next), each page an entry of one document; progress says the page; a cancel stops after
 * the page being read, the finished ones kept. The text of all pages, in order, is the job's text.
 */
import type { Code } from '../codes/code.ts';
import type { HistoryStore } from '../history/store.ts';
import type { Source } from '../history/types.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import type { TaskRequest } from '../ocr/tasks.ts';
// Static: pdf.ts starts its worker (PDFium) only when a PDF is opened, and a split chunk would be unpacked with the
// worker's (electron-builder.ts unpacks out/main/chunks for it).
import { MIN_TEXT_LAYER, PdfDocument, PdfError } from '../pdf/pdf.ts';
import { PAGE_LIMIT } from '../pdf/page-limit.ts';
import { TextLayerEngine } from '../pdf/text-layer.ts';
import { recognizeImage } from '../recognize.ts';
import type { Settings } from '../settings/schema.ts';
import type { ErrorView } from '../../preload/api.ts';
import { errorCode } from '../errors.ts';
import type { JobReport } from './job-report.ts';
import { fallbackReason, readOfflineInPlace, type CloudRead } from './offline-fallback.ts';
import { toErrorView } from './views.ts';

export interface DocumentJob {
  name: string;
  source: Source;
  bytes: Uint8Array;
  engine: OcrEngine;
  prompt: string;
  task: TaskRequest;
  settings: Settings;
  signal: AbortSignal;
  report: JobReport;
  history: HistoryStore;
  scanCodes: (image: Uint8Array) => Promise<Code[]>;
  /** The user's password for an encrypted PDF, or null (passwords.ts). */
  askPassword: (file: string, wrong: boolean, signal: AbortSignal) => Promise<string | null>;
  /** The file, or one page of it, could not be read: kept as a failed entry and said. */
  unreadable: (error: unknown) => void;
  /**
   * Whether to read every page of a document past PAGE_LIMIT pages (confirm.ts asks the user); no, or no one to
   * ask, reads the first PAGE_LIMIT (bad-input review 2, M5: 100,000 pages would take half a day).
   */
  confirmPages?: (file: string, pages: number, limit: number) => Promise<boolean>;
  /** A page's reading by Qwen, which the user may stop waiting for (offline-fallback.ts); one per page. */
  cloudRead: () => CloudRead;
  /** The offline engine, to stand in for Qwen on a page it could not read. */
  offline: () => OcrEngine;
  /** A page's reading failed (its entry holds the reason). */
  failed: (entryId: number | null, error: ErrorView) => void;
}

type Opened = Awaited<ReturnType<typeof PdfDocument.open>>;

/** The text of every page read, in page order; null when none was (the failures were said as they came). */
export async function readDocument(job: DocumentJob): Promise<string | null> {
  const { name, engine, settings, signal, report } = job;
  const pdf = await open(job);
  if (!pdf) return null;
  const last = pdf.pages > PAGE_LIMIT && !(await job.confirmPages?.(name, pdf.pages, PAGE_LIMIT)) ? PAGE_LIMIT : pdf.pages;
  const texts: string[] = [];
  try {
    const documentId = job.history.createDocument(name, pdf.pages);
    const bounds = engine.pixelBounds({ minPixels: settings.minPixels, maxPixels: settings.maxPixels });
    for (let number = 1; number <= last && !signal.aborted; number++) {
      const pageName = `${name} · ${number}/${pdf.pages}`;
      report.page({ number, of: pdf.pages });
      report.step('preparing', null, pageName);
      let rendered: Awaited<ReturnType<Opened['page']>>;
      try {
        rendered = await pdf.page(number, bounds);
      } catch (error) {
        job.unreadable(error);
        continue;
      }
      // A page's own text, where the settings say to take it, is read from the PDF rather than from its pixels.
      const layer = rendered.text.replace(/\s/g, '').length >= MIN_TEXT_LAYER;
      const reader = settings.pdfText === 'always' || (settings.pdfText === 'auto' && layer) ? new TextLayerEngine(rendered.text, bounds) : engine;
      let entryId: number | null = null;
      const cloud = job.cloudRead();
      const outcome = await recognizeImage(rendered.png, pageName, {
        engine: reader,
        prompt: job.prompt,
        mode: job.task.task,
        task: job.task,
        minPixels: settings.minPixels,
        maxPixels: settings.maxPixels,
        document: { id: documentId, page: number },
        source: job.source,
        signal: cloud.signal,
        scanCodes: job.scanCodes,
        recorder: report.recorder((id) => (entryId = id), pageName),
        onDelta: (delta) => report.delta(entryId, delta),
        onWait: (wait) => report.wait(entryId, wait, pageName),
      });
      if (entryId !== null) report.changed([entryId]);
      if (outcome.ok) {
        texts.push(outcome.result.text);
        continue;
      }
      const reason = entryId === null ? null : fallbackReason(reader, errorCode(outcome.error), cloud, signal, settings.offlineFallback);
      if (reason === null || entryId === null) {
        job.failed(entryId, toErrorView(outcome.error));
        continue;
      }
      const id: number = entryId;
      const offline = await readOfflineInPlace({
        history: job.history,
        entryId: id,
        engine: job.offline(),
        reason,
        prompt: job.prompt,
        task: job.task,
        minPixels: settings.minPixels,
        maxPixels: settings.maxPixels,
        signal,
        onDelta: (delta) => report.delta(id, delta),
        onWait: (wait) => report.wait(id, wait, pageName),
      });
      report.changed([id]);
      if (offline.ok) texts.push(offline.result.text);
      else job.failed(id, offline.error);
    }
  } finally {
    await pdf.close();
  }
  // The last page stays with the job's end, so the window counts the whole document as read.
  report.step(signal.aborted ? 'cancelled' : 'done', null);
  return texts.length > 0 ? texts.join('\n\n') : null;
}

/**
 * The document open, asking for its password while it is encrypted (again when one was wrong); the password lives
 * only in this loop. Null, the failure said, when it cannot be opened or the user gives up.
 */
async function open(job: DocumentJob): Promise<Opened | null> {
  let password: string | undefined;
  for (;;) {
    try {
      return await PdfDocument.open(job.bytes, job.name, { password });
    } catch (error) {
      const locked = error instanceof PdfError && (error.code === 'pdf-password' || error.code === 'pdf-password-wrong');
      const answer = locked && !job.signal.aborted ? await job.askPassword(job.name, error.code === 'pdf-password-wrong', job.signal) : null;
      if (answer === null) {
        job.unreadable(error);
        return null;
      }
      password = answer;
    }
  }
}

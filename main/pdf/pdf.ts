/**
 * PDF documents, a page at a time, read in a worker thread (reader-worker.ts) by PDFium compiled to WebAssembly
 * (pdfium/engine.ts), bounded three ways (bad-input review 2, H1, H2):
 * - memory: PDFium's WebAssembly memory may grow to WASM_MAX_BYTES and no further (the maximum is written into the
 *   module: pdfium/memory-limit.ts), and the worker's JavaScript heap is held by resourceLimits. A decompression bomb
 *   in an image, a soft mask, a content stream or an object stream, or a JBIG2 page declaring a huge size, runs out of
 *   that memory, and the page is said to need more than a page is given;
 * - time: a page that is not drawn within PAGE_DEADLINE_MS (millions of operators) has its worker terminated;
 * - blast radius: a page that broke the engine costs only its worker: the next page is read by a fresh one, the
 *   document opened again, so the other pages are still read.
 * Why PDFium and not pdf.js with a native canvas (@napi-rs/canvas, Skia): the canvas's pixel memory is native, outside
 * any worker's heap limit, and pdf.js decodes streams into ArrayBuffers, outside it too; PDFium's every byte is in
 * the WebAssembly memory we size, it draws without a second graphics library (Skia was 35 MB of the package), and it
 * reads pages as well or better (bench/pdf-engines.ts).
 * A page is drawn at exactly the size the engine's pixel bounds call for (smart_resize), so the pipeline never
 * resizes it again.
 */
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { unpackedUrl } from '../asar.ts';
import { ReadoutError } from '../errors.ts';
import type { PixelBounds } from '../image/smart-resize.ts';
import type { ReaderRequest, ReaderResponse, ReaderSetup } from './reader-protocol.ts';

/** A page drawn for recognition, and the text its own text layer holds (empty for a scan). */
export interface RenderedPage {
  /** 1-based. */
  number: number;
  png: Buffer;
  width: number;
  height: number;
  /** The page's text layer, lines as the PDF ends them; '' when it has none (a scanned page). */
  text: string;
}

export class PdfError extends ReadoutError {
  constructor(code: 'pdf-password' | 'pdf-password-wrong' | 'pdf-corrupt' | 'pdf-page' | 'pdf-pages', file: string, message: string, cause?: unknown) {
    super(code, `${file}: ${message}`, { cause });
    this.name = 'PdfError';
  }
}

/** A text layer this short is a page number or a stamp on a scan: the page is read, not taken from it. */
export const MIN_TEXT_LAYER = 20;

/** The most a page may take to draw (the bound: 20 s a page). */
export const PAGE_DEADLINE_MS = 20_000;
/**
 * PDFium's memory at most: the document's bytes, a page's decoded images and streams, and its bitmap (4 MB at the
 * default max_pixels). A 600 dpi A4 scan decodes to about 100 MB. The whole process tree may use 1,200 MB, and the
 * command with the offline engine loaded is about 600 MB before a page is drawn (bench/pdf-bounds.ts: an image bomb
 * between pages the offline engine reads peaked at 1,020 MB with 384 MB here, at 817 MB with 256), so a page gets
 * 256 MB.
 */
export const WASM_MAX_BYTES = 256 * 2 ** 20;
/** The worker's JavaScript heap (its own code and a page's pixels on their way out: a few MB). */
const WORKER_HEAP_MB = 96;
/**
 * WebAssembly memory never shrinks: a worker whose memory grew past this on a page is let go after it, so a heavy
 * page does not hold its memory while the next one is read (and while the engine reads this one).
 */
const RECYCLE_ABOVE_BYTES = 96 * 2 ** 20;

/** The worker beside this file: .ts from the sources, the self-contained .mjs in the built app, unpacked when packaged. */
function workerUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./reader-worker.ts', import.meta.url);
  // Built, this module is main's entry or one of its chunks (out/main/chunks): the worker is out/main/pdf-worker.mjs.
  return unpackedUrl(new URL(import.meta.url.includes('/chunks/') ? '../pdf-worker.mjs' : './pdf-worker.mjs', import.meta.url));
}

type Outcome = ReaderResponse | { type: 'deadline' } | { type: 'died'; memory: boolean; message: string };

/** One worker with PDFium in it: a request at a time, each with a deadline. */
class ReaderThread {
  readonly #worker: Worker;
  #pending: ((outcome: Outcome) => void) | null = null;
  #dead = false;

  constructor() {
    const setup: ReaderSetup = { wasmMaxBytes: WASM_MAX_BYTES };
    this.#worker = new Worker(workerUrl(), {
      workerData: setup,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    // PDFium's own messages are silenced (engine.ts); anything else the worker prints is dropped, never the user's.
    this.#worker.stdout.resume();
    this.#worker.stderr.resume();
    this.#worker.on('message', (response: ReaderResponse) => this.#settle(response));
    // ERR_WORKER_OUT_OF_MEMORY when the heap limit was reached; anything else thrown in the worker.
    this.#worker.on('error', (error: Error & { code?: string }) => {
      this.#dead = true;
      this.#settle({ type: 'died', memory: error.code === 'ERR_WORKER_OUT_OF_MEMORY', message: error.message });
    });
    this.#worker.on('exit', () => {
      this.#dead = true;
      this.#settle({ type: 'died', memory: false, message: 'the PDF reader stopped' });
    });
    // The worker keeps no command-line run alive by itself; a request out holds it (see ask).
    this.#worker.unref();
  }

  get dead(): boolean {
    return this.#dead;
  }

  #settle(outcome: Outcome): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.(outcome);
  }

  /** Sends `request` and waits for its answer, or `deadlineMs`, or the worker's end. */
  ask(request: ReaderRequest, deadlineMs: number, transfer: ArrayBuffer[] = []): Promise<Outcome> {
    if (this.#dead) return Promise.resolve({ type: 'died', memory: false, message: 'the PDF reader stopped' });
    return new Promise<Outcome>((resolve) => {
      this.#worker.ref();
      const timer = setTimeout(() => {
        this.#settle({ type: 'deadline' });
        void this.stop();
      }, deadlineMs);
      this.#pending = (outcome) => {
        clearTimeout(timer);
        this.#worker.unref();
        resolve(outcome);
      };
      this.#worker.postMessage(request, transfer);
    });
  }

  async stop(): Promise<void> {
    this.#dead = true;
    await this.#worker.terminate();
  }
}

export interface OpenOptions {
  password?: string;
  /** Tests and benches only: the page deadline (PAGE_DEADLINE_MS otherwise). */
  pageDeadlineMs?: number;
}

const seconds = (ms: number): string => `${ms / 1000} s`;

export class PdfDocument {
  readonly pages: number;
  readonly #bytes: Uint8Array;
  readonly #file: string;
  /** Only while the document is open: a fresh worker opens it again after a page that broke the last one. */
  readonly #password: string | undefined;
  readonly #deadline: number;
  #thread: ReaderThread | null;

  private constructor(thread: ReaderThread, pages: number, bytes: Uint8Array, file: string, options: OpenOptions) {
    this.#thread = thread;
    this.pages = pages;
    this.#bytes = bytes;
    this.#file = file;
    this.#password = options.password;
    this.#deadline = options.pageDeadlineMs ?? PAGE_DEADLINE_MS;
  }

  /** Opens `bytes` (named `file` in every error); a password opens an encrypted one and is never stored. */
  static async open(bytes: Uint8Array, file: string, options: OpenOptions = {}): Promise<PdfDocument> {
    // A copy: the caller's buffer stays whole, and this one is the document's for as long as it is open.
    const own = new Uint8Array(bytes);
    const thread = new ReaderThread();
    // Opening (the worker started, PDFium compiled, the cross-reference read) has the file's 20 s, whatever a page has.
    const deadline = PAGE_DEADLINE_MS;
    const outcome = await PdfDocument.#openIn(thread, own, options.password, deadline);
    if (outcome.type === 'opened') return new PdfDocument(thread, outcome.pages, own, file, options);
    await thread.stop();
    switch (outcome.type) {
      case 'open-failed':
        if (outcome.reason === 'password') throw new PdfError('pdf-password', file, 'the PDF is protected by a password');
        if (outcome.reason === 'password-wrong') throw new PdfError('pdf-password-wrong', file, 'the password is not right for this PDF');
        if (outcome.reason === 'memory') throw new PdfError('pdf-corrupt', file, `the PDF cannot be opened within the ${WASM_MAX_BYTES / 2 ** 20} MB a PDF is given; it may be damaged or built to exhaust memory`);
        throw new PdfError('pdf-corrupt', file, `the PDF cannot be read (${outcome.detail || 'its structure is damaged'}); it may be damaged or cut short`);
      case 'deadline':
        throw new PdfError('pdf-corrupt', file, `the PDF could not be opened within ${seconds(deadline)}; it may be damaged or built to never end`);
      default:
        throw new PdfError('pdf-corrupt', file, `the PDF cannot be read (${outcome.type === 'died' && outcome.memory ? 'it needs more memory than a PDF is given' : 'the reader stopped on it'})`);
    }
  }

  static #openIn(thread: ReaderThread, bytes: Uint8Array, password: string | undefined, deadline: number): Promise<Outcome> {
    // The worker gets its own copy (structured clone); the document keeps this one to open it again.
    return thread.ask({ type: 'open', bytes, password }, deadline);
  }

  /** Draws page `number` at the size `bounds` call for, and reads its text layer. */
  async page(number: number, bounds: PixelBounds): Promise<RenderedPage> {
    const fail = (reason: string): PdfError => new PdfError('pdf-page', this.#file, `page ${number} cannot be read (${reason})`);
    if (!Number.isInteger(number) || number < 1 || number > this.pages) throw fail(`the document has ${this.pages} pages`);
    const thread = await this.#ready(fail);
    const outcome = await thread.ask({ type: 'page', number, bounds: { factor: bounds.factor, minPixels: bounds.minPixels, maxPixels: bounds.maxPixels } }, this.#deadline);
    switch (outcome.type) {
      case 'page': {
        if (outcome.heapBytes > RECYCLE_ABOVE_BYTES) await this.#retire();
        const png = await sharp(outcome.rgb, { raw: { width: outcome.width, height: outcome.height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
        return { number, png, width: outcome.width, height: outcome.height, text: outcome.text };
      }
      case 'page-failed':
        if (outcome.broken) await this.#retire();
        throw fail(outcome.broken ? this.#memoryReason() : outcome.message);
      case 'deadline':
        await this.#retire();
        throw fail(`drawing it took longer than ${seconds(this.#deadline)}, so it was stopped; it may hold far too many drawing operations`);
      case 'died':
        await this.#retire();
        throw fail(outcome.memory ? this.#memoryReason() : outcome.message);
      default:
        await this.#retire();
        throw fail('the reader answered out of turn');
    }
  }

  #memoryReason(): string {
    return `it needs more than the ${WASM_MAX_BYTES / 2 ** 20} MB of memory a PDF page is given, so it was left out; it may hold a decompression bomb`;
  }

  /** The worker, a fresh one with the document opened again when the last page broke the one before. */
  async #ready(fail: (reason: string) => PdfError): Promise<ReaderThread> {
    if (this.#thread && !this.#thread.dead) return this.#thread;
    const thread = new ReaderThread();
    const outcome = await PdfDocument.#openIn(thread, this.#bytes, this.#password, PAGE_DEADLINE_MS);
    if (outcome.type !== 'opened') {
      await thread.stop();
      throw fail('the document could not be opened again after an earlier page was stopped');
    }
    this.#thread = thread;
    return thread;
  }

  async #retire(): Promise<void> {
    const thread = this.#thread;
    this.#thread = null;
    await thread?.stop();
  }

  /** Frees the document and the worker that held it. */
  async close(): Promise<void> {
    await this.#retire();
  }
}

/**
 * `--pages`: "1-3,7" as page numbers in order, each once, within 1..pages; a sentence saying what is wrong otherwise.
 */
export function parsePageRanges(spec: string, pages: number): number[] | string {
  const chosen = new Set<number>();
  for (const part of spec.split(',').map((p) => p.trim())) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) return `"${part}" is not a page or a range of pages (like 1-3,7)`;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 1 || to < from) return `"${part}" is not a range of pages`;
    if (to > pages) return `page ${to} is past the end (the document has ${pages})`;
    for (let n = from; n <= to; n++) chosen.add(n);
  }
  return [...chosen].sort((a, b) => a - b);
}

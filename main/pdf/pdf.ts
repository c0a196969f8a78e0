/**
 * PDF documents, a page at a time: pdf.js (pdfjs-dist, Apache-2.0) parses, @napi-rs/canvas (prebuilt N-API) draws.
 * Fonts, character maps, colour profiles and the JPEG 2000 / JBIG2 decoders come from the package's own folders
 * (standardFontDataUrl, cMapUrl, iccUrl, wasmUrl), never from a CDN. A page is drawn at exactly the size the engine's
 * pixel bounds call for (as large as its max_pixels allows, on its patch grid: smart_resize), so the pipeline never
 * resizes it again,
 * and is freed before the next is drawn.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ReadoutError } from '../errors.ts';
import { smartResize, type PixelBounds } from '../image/smart-resize.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type LoadingTask = ReturnType<PdfJs['getDocument']>;
type PdfDocumentProxy = Awaited<LoadingTask['promise']>;

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
  constructor(code: 'pdf-password' | 'pdf-password-wrong' | 'pdf-corrupt' | 'pdf-page', file: string, message: string, cause?: unknown) {
    super(code, `${file}: ${message}`, { cause });
    this.name = 'PdfError';
  }
}

/** The most a page is enlarged: four pixels a point, 288 dpi. */
const MAX_SCALE = 4;

/** A text layer this short is a page number or a stamp on a scan: the page is read, not taken from it. */
export const MIN_TEXT_LAYER = 20;

// Read with Electron's file system, which reads inside app.asar: these folders need not be unpacked.
const packageDir = (): string => dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const folderUrl = (folder: string): string => `${pathToFileURL(join(packageDir(), folder)).href}/`;

export class PdfDocument {
  readonly pages: number;
  readonly #doc: PdfDocumentProxy;
  readonly #task: LoadingTask;
  readonly #file: string;

  private constructor(task: LoadingTask, doc: PdfDocumentProxy, file: string) {
    this.#task = task;
    this.#doc = doc;
    this.pages = doc.numPages;
    this.#file = file;
  }

  /** Opens `bytes` (named `file` in every error); a password opens an encrypted one and is never kept. */
  static async open(bytes: Uint8Array, file: string, options: { password?: string } = {}): Promise<PdfDocument> {
    const pdfjs: PdfJs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const task = pdfjs.getDocument({
      // pdf.js takes the bytes over (it may detach them): a copy, so the caller's buffer stays whole.
      data: new Uint8Array(bytes),
      password: options.password,
      standardFontDataUrl: folderUrl('standard_fonts'),
      cMapUrl: folderUrl('cmaps'),
      cMapPacked: true,
      iccUrl: folderUrl('iccs'),
      wasmUrl: folderUrl('wasm'),
      useSystemFonts: false,
      verbosity: 0,
    });
    try {
      return new PdfDocument(task, await task.promise, file);
    } catch (error) {
      await task.destroy().catch(() => undefined);
      const name = (error as { name?: string }).name;
      const code = (error as { code?: number }).code;
      if (name === 'PasswordException') {
        // pdf.js: code 1 when a password is needed, 2 when the one given is wrong.
        throw code === 2
          ? new PdfError('pdf-password-wrong', file, 'the password is not right for this PDF', error)
          : new PdfError('pdf-password', file, 'the PDF is protected by a password', error);
      }
      throw new PdfError('pdf-corrupt', file, `the PDF cannot be read (${error instanceof Error ? error.message : String(error)}); it may be damaged or cut short`, error);
    }
  }

  /** Draws page `number` at the size `bounds` call for, and reads its text layer. */
  async page(number: number, bounds: PixelBounds): Promise<RenderedPage> {
    const { createCanvas } = await import('@napi-rs/canvas');
    let page: Awaited<ReturnType<PdfDocumentProxy['getPage']>>;
    try {
      page = await this.#doc.getPage(number);
    } catch (error) {
      throw new PdfError('pdf-page', this.#file, `page ${number} cannot be read (${error instanceof Error ? error.message : String(error)})`, error);
    }
    try {
      const natural = page.getViewport({ scale: 1 });
      // As large as the engine takes (its max_pixels), up to 288 dpi: at 72 dpi (a pixel a point) small print is lost.
      const scale = Math.min(MAX_SCALE, Math.sqrt(bounds.maxPixels / (natural.width * natural.height)));
      const size = smartResize(Math.max(1, Math.round(natural.height * scale)), Math.max(1, Math.round(natural.width * scale)), bounds);
      const viewport = page.getViewport({ scale: size.width / natural.width });
      const canvas = createCanvas(size.width, size.height);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, size.width, size.height);
      // The height is the grid's too: stretched by the hair that rounding to the patch size asks.
      const stretch = size.height / viewport.height;
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport, transform: [1, 0, 0, stretch, 0, 0] }).promise;
      const png = await canvas.encode('png');
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/[ \t]+\n/g, '\n')
        .trim();
      return { number, png, width: size.width, height: size.height, text };
    } catch (error) {
      if (error instanceof PdfError) throw error;
      throw new PdfError('pdf-page', this.#file, `page ${number} cannot be drawn (${error instanceof Error ? error.message : String(error)})`, error);
    } finally {
      page.cleanup();
    }
  }

  /** Frees the document and everything pdf.js holds for it. */
  async close(): Promise<void> {
    await this.#task.destroy();
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

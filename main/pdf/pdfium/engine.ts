/**
 * PDFium (Chrome's PDF engine, BSD-3-Clause) compiled to WebAssembly by @embedpdf/pdfium (MIT): a PDF opened from
 * memory, a page drawn into a bitmap at the size the reader asks and its text read. It runs in the PDF worker
 * (reader-worker.ts), never in the main thread: everything it holds lives in its WebAssembly memory, whose maximum is
 * written into the module before it is compiled (memory-limit.ts), so no page can take more than that.
 *
 * The calls are PDFium's public C API (fpdfview.h, fpdf_text.h in pdfium's public/ folder); the comments cite it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init, type WrappedPdfiumModule } from '@embedpdf/pdfium';
import { unpackedPath } from '../../asar.ts';
import { AspectRatioError, smartResize, type PixelBounds } from '../../image/smart-resize.ts';
import { withMemoryLimit } from './memory-limit.ts';

/** fpdfview.h: FPDF_GetLastError. */
const FPDF_ERR_PASSWORD = 4;
/** fpdfview.h render flags: draw annotations' appearances (as a viewer shows the page); bytes R, G, B, not B, G, R. */
const FPDF_ANNOT = 0x01;
const FPDF_REVERSE_BYTE_ORDER = 0x10;

/** The most a page is enlarged: four pixels a point, 288 dpi. */
const MAX_SCALE = 4;

export type OpenFailure = 'password' | 'password-wrong' | 'corrupt';

/** A page's failure the reader can say in a sentence (the engine itself stayed sound). */
export class PageFailure extends Error {}

export interface DrawnPage {
  /** Interleaved 8-bit RGB, rows top to bottom. */
  rgb: Uint8Array;
  width: number;
  height: number;
  text: string;
}

/** The engine's WebAssembly, from the package's own file (never fetched: the package's default URL is a CDN). */
function wasmBytes(): Uint8Array {
  return readFileSync(unpackedPath(createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm')));
}

export class PdfiumEngine {
  readonly #m: WrappedPdfiumModule;
  #doc = 0;
  #data = 0;

  private constructor(m: WrappedPdfiumModule) {
    this.#m = m;
  }

  /** A fresh engine whose memory may grow to `maxBytes` at most. Its messages (a failed grow, an abort) are dropped. */
  static async start(maxBytes: number): Promise<PdfiumEngine> {
    const patched = withMemoryLimit(wasmBytes(), maxBytes);
    const quiet = (): void => undefined;
    const m = await init({ wasmBinary: patched.buffer as ArrayBuffer, print: quiet, printErr: quiet });
    // PDFiumExt_Init: FPDF_InitLibraryWithConfig with the build's defaults (its fonts are compiled in).
    m.PDFiumExt_Init();
    return new PdfiumEngine(m);
  }

  /** The WebAssembly memory's size now: it only grows, so a large one is a reason to start a fresh engine. */
  get heapBytes(): number {
    return this.#m.pdfium.HEAPU8.length;
  }

  /** Opens `bytes`; the page count, or why not. */
  open(bytes: Uint8Array, password: string | undefined): number | OpenFailure {
    this.close();
    const m = this.#m;
    // FPDF_LoadMemDocument keeps reading from the buffer while the document is open: it lives in the engine's memory.
    this.#data = m.pdfium.wasmExports.malloc(Math.max(1, bytes.length));
    if (this.#data === 0) throw new PageFailure('the PDF does not fit in the memory a PDF is given');
    m.pdfium.HEAPU8.set(bytes, this.#data);
    this.#doc = m.FPDF_LoadMemDocument(this.#data, bytes.length, password ?? '');
    if (this.#doc === 0) {
      const error = m.FPDF_GetLastError();
      this.close();
      if (error === FPDF_ERR_PASSWORD) return password ? 'password-wrong' : 'password';
      return 'corrupt';
    }
    return m.FPDF_GetPageCount(this.#doc);
  }

  /** Draws page `index` (0-based) at the size `bounds` call for, on white, and reads its text. */
  page(index: number, bounds: PixelBounds): DrawnPage {
    const m = this.#m;
    const page = m.FPDF_LoadPage(this.#doc, index);
    if (page === 0) throw new PageFailure('it cannot be read (its page object is missing or damaged)');
    let bitmap = 0;
    let textPage = 0;
    let chars = 0;
    try {
      // In points, as the page is shown (its /Rotate applied: fpdfview.h FPDF_GetPageWidthF).
      const width = m.FPDF_GetPageWidthF(page);
      const height = m.FPDF_GetPageHeightF(page);
      if (!(width > 0 && height > 0 && Number.isFinite(width * height))) throw new PageFailure('it has no size (its MediaBox is empty or not a box)');
      // As large as the engine takes (its max_pixels), up to 288 dpi: at 72 dpi (a pixel a point) small print is lost.
      const scale = Math.min(MAX_SCALE, Math.sqrt(bounds.maxPixels / (width * height)));
      let size: { width: number; height: number };
      try {
        size = smartResize(Math.max(1, Math.round(height * scale)), Math.max(1, Math.round(width * scale)), bounds);
      } catch (error) {
        if (error instanceof AspectRatioError) throw new PageFailure(`${error.message}; it cannot be read as one image`);
        throw error;
      }
      // No alpha (fpdfview.h FPDFBitmap_Create: 4 bytes a pixel, the fourth unused), filled white, the page drawn on
      // it stretched to the patch grid in both directions (size_x, size_y), as the pipeline would resize it.
      bitmap = m.FPDFBitmap_Create(size.width, size.height, 0);
      if (bitmap === 0) throw new PageFailure('it does not fit in the memory a PDF page is given');
      m.FPDFBitmap_FillRect(bitmap, 0, 0, size.width, size.height, 0xffffffff);
      m.FPDF_RenderPageBitmap(bitmap, page, 0, 0, size.width, size.height, 0, FPDF_ANNOT | FPDF_REVERSE_BYTE_ORDER);
      const stride = m.FPDFBitmap_GetStride(bitmap);
      const buffer = m.FPDFBitmap_GetBuffer(bitmap);
      const heap = m.pdfium.HEAPU8;
      const rgb = new Uint8Array(size.width * size.height * 3);
      for (let y = 0; y < size.height; y++) {
        const row = buffer + y * stride;
        for (let x = 0, o = y * size.width * 3; x < size.width; x++, o += 3) {
          rgb[o] = heap[row + x * 4]!;
          rgb[o + 1] = heap[row + x * 4 + 1]!;
          rgb[o + 2] = heap[row + x * 4 + 2]!;
        }
      }
      m.FPDFBitmap_Destroy(bitmap);
      bitmap = 0;
      textPage = m.FPDFText_LoadPage(page);
      let text = '';
      if (textPage !== 0) {
        const count = m.FPDFText_CountChars(textPage);
        if (count > 0) {
          // fpdf_text.h FPDFText_GetText: UTF-16LE, count characters and a terminating NUL.
          chars = m.pdfium.wasmExports.malloc((count + 1) * 2);
          if (chars === 0) throw new PageFailure('its text does not fit in the memory a PDF page is given');
          m.FPDFText_GetText(textPage, 0, count, chars);
          text = cleanText(m.pdfium.UTF16ToString(chars));
        }
      }
      return { rgb, width: size.width, height: size.height, text };
    } finally {
      if (chars !== 0) m.pdfium.wasmExports.free(chars);
      if (textPage !== 0) m.FPDFText_ClosePage(textPage);
      if (bitmap !== 0) m.FPDFBitmap_Destroy(bitmap);
      m.FPDF_ClosePage(page);
    }
  }

  /** Closes the open document and frees its bytes. */
  close(): void {
    if (this.#doc !== 0) this.#m.FPDF_CloseDocument(this.#doc);
    if (this.#data !== 0) this.#m.pdfium.wasmExports.free(this.#data);
    this.#doc = 0;
    this.#data = 0;
  }
}

/**
 * PDFium's page text as lines: it ends a line it infers with CR LF; soft hyphens and the marks it generates for
 * them (U+0002, U+FFFE) and other control characters go; spaces before a line end go; the whole is trimmed.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

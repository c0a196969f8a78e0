/** What the PDF worker (reader-worker.ts) and its host (pdf.ts) say to each other. */
import type { PixelBounds } from '../image/smart-resize.ts';
import type { OpenFailure } from './pdfium/engine.ts';

export type ReaderRequest =
  | { type: 'open'; bytes: Uint8Array; password: string | undefined }
  | { type: 'page'; number: number; bounds: PixelBounds };

export type ReaderResponse =
  | { type: 'opened'; pages: number }
  | { type: 'open-failed'; reason: OpenFailure | 'memory'; detail: string }
  | { type: 'page'; number: number; rgb: Uint8Array; width: number; height: number; text: string; heapBytes: number }
  /** `broken`: the engine itself stopped (its memory ran out, or it trapped): the host starts a fresh one. */
  | { type: 'page-failed'; number: number; message: string; broken: boolean };

/** What the worker is started with (workerData). */
export interface ReaderSetup {
  /** The most memory PDFium's WebAssembly may hold. */
  wasmMaxBytes: number;
}

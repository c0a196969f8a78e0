/** Messages between the offline engine and its worker thread. */
/**
 * An image to read (with an installed language pack's models, when `pack` is given: languages/read-lines.ts);
 * `warm`: load the models and run each once, so the first real image is as fast as the rest; `codes`: an image file
 * to scan for QR codes and barcodes (codes/scan.ts), off the app's main thread too.
 */
export type LocalRequest = { id: number; image: Uint8Array; pack?: PackModels } | { id: number; warm: true } | { id: number; codes: Uint8Array };

/** A line as the pipeline reads it: text, mean character confidence, four corners clockwise from top-left. */
import type { Code } from '../codes/code.ts';
import type { PackModels } from '../languages/read-lines.ts';
import type { OcrLine as LocalLine } from './ppocr/pipeline.ts';
export type { LocalLine };

/**
 * `confidence`: how sure the engine is of the whole image, 0 to 1 (ppocr/pipeline.ts, readingConfidence); `codes`:
 * what a `codes` request found (no lines then); `unread`: lines found and left unread (ppocr/pipeline.ts, Reading).
 */
export type LocalResponse = { id: number; ok: true; lines: LocalLine[]; confidence: number; codes?: Code[]; unread?: number } | { id: number; ok: false; message: string };

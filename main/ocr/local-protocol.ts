/** Messages between the offline engine and its worker thread. */
/** An image to read, or `warm`: load the models and run each once, so the first real image is as fast as the rest. */
export type LocalRequest = { id: number; image: Uint8Array } | { id: number; warm: true };

/** A line as the pipeline reads it: text, mean character confidence, four corners clockwise from top-left. */
import type { OcrLine as LocalLine } from './ppocr/pipeline.ts';
export type { LocalLine };

/** `confidence`: how sure the engine is of the whole image, 0 to 1 (ppocr/pipeline.ts, readingConfidence). */
export type LocalResponse = { id: number; ok: true; lines: LocalLine[]; confidence: number } | { id: number; ok: false; message: string };

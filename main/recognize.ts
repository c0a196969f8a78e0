/**
 * One image through the pipeline: prepare it, then recognise it. The CLI and the app share this.
 * It never throws: the outcome says how far the image got, so a caller can report sizes even when OCR failed.
 */
import { prepareImage, type PreparedImage } from './image/prepare.ts';
import type { DeltaListener, OcrEngine, RecognizeResult } from './ocr/engine.ts';

export interface RecognizeImageOptions {
  engine: OcrEngine;
  prompt: string;
  minPixels?: number;
  maxPixels?: number;
  thumbnail?: boolean;
  onDelta?: DeltaListener;
  signal?: AbortSignal;
}

export type Outcome =
  | { ok: true; prepared: PreparedImage; result: RecognizeResult }
  | { ok: false; prepared: PreparedImage | null; error: unknown };

export async function recognizeImage(bytes: Uint8Array, file: string, options: RecognizeImageOptions): Promise<Outcome> {
  const bounds = options.engine.pixelBounds({ minPixels: options.minPixels, maxPixels: options.maxPixels });
  let prepared: PreparedImage | null = null;
  try {
    prepared = await prepareImage(bytes, { file, bounds, thumbnail: options.thumbnail });
    const result = await options.engine.recognize(prepared, { prompt: options.prompt, bounds }, options.onDelta ?? (() => {}), options.signal);
    return { ok: true, prepared, result };
  } catch (error) {
    return { ok: false, prepared, error };
  }
}

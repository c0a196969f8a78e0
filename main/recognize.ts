/**
 * One image through the pipeline: prepare it, record it as pending (image first: nothing is lost if OCR fails),
 * recognise it, then complete or fail the record. The CLI and the app share this. It never throws: the outcome
 * says how far the image got, so a caller can report sizes even when OCR failed.
 */
import { errorCode, errorMessage, ReadoutError } from './errors.ts';
import type { Failure, NewEntry } from './history/store.ts';
import type { Source } from './history/types.ts';
import { openImage } from './image/decode.ts';
import { prepareImage, type PreparedImage } from './image/prepare.ts';
import type { DeltaListener, EngineWait, OcrEngine, RecognizeResult } from './ocr/engine.ts';
import { OcrError } from './ocr/errors.ts';
import type { Code } from './codes/code.ts';
import type { TaskRequest } from './ocr/tasks.ts';
import { toOriginalPixels } from './ocr/words.ts';

/** What the history offers the pipeline; HistoryStore is one. */
export interface JobRecorder {
  createPending(entry: NewEntry): number;
  complete(id: number, result: RecognizeResult): void;
  fail(id: number, failure: Failure): void;
}

export interface RecognizeImageOptions {
  engine: OcrEngine;
  prompt: string;
  /** The history's name for what was asked (a task, or null for a prompt of the user's own). */
  mode?: string | null;
  /** A built-in task, where the engine knows them (engine.ts). */
  task?: TaskRequest;
  /**
   * Scans the image for QR codes and barcodes, beside the recognition (off the caller's thread where it can: the
   * app's offline-engine worker). A failed scan leaves the codes out; it never fails the text.
   */
  scanCodes?: (bytes: Uint8Array) => Promise<Code[]>;
  /** The image is a page of a PDF document the history holds (HistoryStore.createDocument). */
  document?: { id: number; page: number } | null;
  minPixels?: number;
  maxPixels?: number;
  thumbnail?: boolean;
  onDelta?: DeltaListener;
  /** A long wait, as the engine says it (engine.ts): the window shows it (review M13). */
  onWait?: (wait: EngineWait) => void;
  signal?: AbortSignal;
  recorder?: JobRecorder;
  source: Source;
}

export type Outcome = (
  | { ok: true; prepared: PreparedImage; result: RecognizeResult }
  | { ok: false; prepared: PreparedImage | null; error: unknown }
) & {
  entryId: number | null;
  /** Recording failed; the recognition itself went on. */
  historyError: unknown;
};

export function failureOf(error: unknown): Failure {
  return {
    code: errorCode(error),
    message: errorMessage(error),
    // A cancelled reading is ready to be read again, as the README promises (review L16): the window offers Retry.
    retryable: (error instanceof ReadoutError && error.retryable) || errorCode(error) === 'cancelled',
    partialText: error instanceof OcrError ? error.partialText : '',
  };
}

export async function recognizeImage(bytes: Uint8Array, file: string, options: RecognizeImageOptions): Promise<Outcome> {
  const { engine, recorder } = options;
  const bounds = engine.pixelBounds({ minPixels: options.minPixels, maxPixels: options.maxPixels });
  let prepared: PreparedImage | null = null;
  let entryId: number | null = null;
  let historyError: unknown = null;
  const record = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      historyError ??= error;
    }
  };
  try {
    // The scan starts once the file's header has passed openImage's checks (its format, its size: a bomb is refused
    // before any scan), so it runs while the image is prepared as well as while it is read.
    const scanning = options.scanCodes ? openImage(bytes, file).then(() => options.scanCodes!(bytes)).catch(() => null) : Promise.resolve(null);
    prepared = await prepareImage(bytes, { file, bounds, thumbnail: options.thumbnail ?? recorder !== undefined });
    const image = prepared;
    if (recorder) {
      record(() => {
        entryId = recorder.createPending({
          source: options.source,
          engine: engine.name,
          model: engine.model,
          mode: options.mode ?? null,
          prompt: options.prompt,
          image: { data: image.data, mime: image.mime, thumbnail: image.thumbnail },
          width: image.width,
          height: image.height,
          sentWidth: image.sentWidth,
          sentHeight: image.sentHeight,
          imageTokens: engine.name === 'qwen' ? image.imageTokens : null,
          document: options.document ?? null,
        });
      });
    }
    const read = await engine.recognize(prepared, { prompt: options.prompt, bounds, task: options.task, onWait: options.onWait }, options.onDelta ?? (() => {}), options.signal);
    const words = read.words ? toOriginalPixels(read.words, { width: image.sentWidth, height: image.sentHeight }, image) : read.words;
    // The text has streamed already; the entry completes with the codes, which are found well within a reading.
    const result = { ...read, words, codes: await scanning };
    if (recorder && entryId !== null) record(() => recorder.complete(entryId!, result));
    return { ok: true, prepared, result, entryId, historyError };
  } catch (error) {
    if (recorder && entryId !== null) record(() => recorder.fail(entryId!, failureOf(error)));
    return { ok: false, prepared, error, entryId, historyError };
  }
}

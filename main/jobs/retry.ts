/**
 * Reading an entry again from its stored image, in place: shared by `readout history retry` and the app. It sits
 * beside the queue, above the history it writes and the pipeline it borrows from (recognize.ts), so the history
 * never imports upward.
 */
import type { Failure, HistoryStore } from '../history/store.ts';
import { prepareImage } from '../image/prepare.ts';
import type { DeltaListener, EngineWait, OcrEngine, RecognizeResult } from '../ocr/engine.ts';
import { taskOfMode, type TaskRequest } from '../ocr/tasks.ts';
import { toOriginalPixels } from '../ocr/words.ts';
import { failureOf } from '../recognize.ts';

export type RetryOutcome = { ok: true; result: RecognizeResult } | { ok: false; failure: Failure };

export async function retryEntry(
  store: HistoryStore,
  entryId: number,
  engine: OcrEngine,
  options: { prompt: string; task?: TaskRequest; onDelta?: DeltaListener; onWait?: (wait: EngineWait) => void; signal?: AbortSignal; minPixels?: number; maxPixels?: number },
): Promise<RetryOutcome> {
  const stored = store.beginRetry(entryId, engine.name, engine.model);
  const bounds = engine.pixelBounds({ minPixels: options.minPixels, maxPixels: options.maxPixels });
  try {
    // The stored image is already prepared; preparing it again only re-fits it to this engine's grid.
    const prepared = await prepareImage(stored.image, { file: `entry ${entryId}`, bounds, thumbnail: false });
    const original = store.get(entryId);
    // The task it was read with, unless the caller says otherwise (the app adds its schema and rotation).
    const mode = taskOfMode(original?.mode ?? null);
    const task = options.task ?? (mode ? { task: mode } : undefined);
    const read = await engine.recognize(prepared, { prompt: options.prompt, bounds, task, onWait: options.onWait }, options.onDelta ?? (() => {}), options.signal);
    // Words in the pixels of the entry's original, as a first reading keeps them (recognize.ts), not the stored copy's.
    const size = original?.width && original.height ? { width: original.width, height: original.height } : prepared;
    const result = read.words ? { ...read, words: toOriginalPixels(read.words, { width: prepared.sentWidth, height: prepared.sentHeight }, size) } : read;
    store.complete(entryId, result);
    return { ok: true, result };
  } catch (error) {
    const failure = failureOf(error);
    store.fail(entryId, failure);
    return { ok: false, failure };
  }
}

/**
 * The offline engine standing in for Qwen (review H4): when Qwen cannot be reached (network, time-out, server
 * errors) and the setting allows it, or when the user stops waiting ("Read offline instead", review M13), the entry
 * Qwen failed is read again in place by the offline engine, and keeps why (HistoryStore.noteFallback), so the result
 * says "Read offline" after a reload too.
 */
import type { ErrorView, JobWait } from '../../preload/api.ts';
import { errorCode } from '../errors.ts';
import type { HistoryStore } from '../history/store.ts';
import { retryEntry } from '../jobs/retry.ts';
import type { OcrEngine, RecognizeResult } from '../ocr/engine.ts';
import type { TaskRequest } from '../ocr/tasks.ts';

/** Qwen's errors that say it could not be reached or could not answer, not that it refused (a key, a quota). */
export const UNREACHABLE: ReadonlySet<string> = new Set(['network', 'timeout', 'server']);

/** The reason kept when the user chose to stop waiting. */
export const ASKED = 'asked';

/**
 * A reading by Qwen that the user may stop waiting for: its own abort under the job's, so "Read offline instead"
 * ends the wait and the job goes on (a Cancel of the job still ends everything).
 */
export class CloudRead {
  readonly #controller = new AbortController();
  #asked = false;

  constructor(job: AbortSignal) {
    if (job.aborted) this.#controller.abort();
    else job.addEventListener('abort', () => this.#controller.abort(), { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get asked(): boolean {
    return this.#asked;
  }

  goOffline(): void {
    this.#asked = true;
    this.#controller.abort();
  }
}

/**
 * Why the offline engine should read in Qwen's place, or null: the user asked, or Qwen could not be reached and the
 * setting allows it. Never for the offline engine itself, nor for a job the user cancelled.
 */
export function fallbackReason(engine: Pick<OcrEngine, 'name'>, code: string, read: { asked: boolean }, job: AbortSignal, enabled: boolean): string | null {
  if (engine.name !== 'qwen' || job.aborted) return null;
  if (read.asked) return ASKED;
  return enabled && UNREACHABLE.has(code) ? code : null;
}

export interface InPlace {
  history: HistoryStore;
  entryId: number;
  /** The offline engine. */
  engine: OcrEngine;
  reason: string;
  prompt: string;
  task: TaskRequest;
  minPixels: number;
  maxPixels: number;
  signal: AbortSignal;
  onDelta: (delta: string) => void;
  /** Said before the reading starts, so the window can say the offline engine has it. */
  onWait: (wait: JobWait) => void;
}

export type InPlaceOutcome = { ok: true; result: RecognizeResult } | { ok: false; error: ErrorView };

/** The entry Qwen left failed, read by the offline engine from its stored image, and marked with why. */
export async function readOfflineInPlace(job: InPlace): Promise<InPlaceOutcome> {
  job.onWait({ state: 'offline', from: job.reason });
  const outcome = await retryEntry(job.history, job.entryId, job.engine, {
    prompt: job.prompt,
    task: job.task,
    signal: job.signal,
    minPixels: job.minPixels,
    maxPixels: job.maxPixels,
    onDelta: job.onDelta,
  }).catch((error: unknown) => ({ ok: false as const, failure: { code: errorCode(error), message: error instanceof Error ? error.message : String(error), retryable: false } }));
  if (!outcome.ok) return { ok: false, error: { code: outcome.failure.code, message: outcome.failure.message, retryable: outcome.failure.retryable } };
  job.history.noteFallback(job.entryId, job.reason);
  return { ok: true, result: outcome.result };
}

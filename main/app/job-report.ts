/**
 * What the window hears of one job: its steps (ocr:progress, under the job's name or a PDF page's), its text as it
 * streams (ocr:delta), and each history entry it writes, said as the entry is created so the list shows it at once.
 */
import type { ErrorView, EventName, EventPayloads, JobWait } from '../../preload/api.ts';
import type { HistoryStore } from '../history/store.ts';
import type { JobRecorder } from '../recognize.ts';
import type { BatchRef } from './batches.ts';

type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface JobInfo {
  jobId: number;
  name: string;
  /** The user action it belongs to: the window counts progress per batch. */
  batch: BatchRef;
  /** Open its entry as it starts: only a capture the user just made. */
  reveal: boolean;
}

export class JobReport {
  readonly #emit: Emit;
  readonly #history: HistoryStore;
  readonly #job: JobInfo;
  /** A PDF's page being read: every step says it, so the window counts pages (review M3). */
  #page: { number: number; of: number } | null = null;

  constructor(emit: Emit, history: HistoryStore, job: JobInfo) {
    this.#emit = emit;
    this.#history = history;
    this.#job = job;
  }

  /** A step of the job, or of one of its pages (`name`). */
  step(state: 'queued' | 'preparing' | 'reading' | 'done' | 'cancelled', entryId: number | null, name = this.#job.name): void {
    this.#emit('ocr:progress', { ...this.#job, name, state, entryId, error: null, page: this.#page, wait: null });
  }

  /** The PDF page the next steps are about; null once the document is done. */
  page(page: { number: number; of: number } | null): void {
    this.#page = page;
  }

  /** A long wait while the entry is read (review M13): Qwen silent, a retry's pause, or the offline engine standing in. */
  wait(entryId: number | null, wait: JobWait, name = this.#job.name): void {
    this.#emit('ocr:progress', { ...this.#job, name, state: 'reading', entryId, error: null, page: this.#page, wait });
  }

  /** The job failed, or was cancelled (a failure whose code says so). */
  failed(entryId: number | null, error: ErrorView): void {
    this.#emit('ocr:progress', { ...this.#job, state: error.code === 'cancelled' ? 'cancelled' : 'failed', entryId, error, page: this.#page, wait: null });
  }

  delta(entryId: number | null, delta: string): void {
    this.#emit('ocr:delta', { jobId: this.#job.jobId, entryId, delta });
  }

  changed(ids: number[]): void {
    this.#emit('history:changed', { ids });
  }

  /** The pipeline's history writes; `created` learns the entry's id, which the window then hears (reading, changed). */
  recorder(created: (entryId: number) => void, name = this.#job.name): JobRecorder {
    return {
      createPending: (entry) => {
        const entryId = this.#history.createPending(entry);
        created(entryId);
        this.step('reading', entryId, name);
        this.changed([entryId]);
        return entryId;
      },
      complete: (id, result) => this.#history.complete(id, result),
      fail: (id, failure) => this.#history.fail(id, failure),
    };
  }
}

/** Recognitions run as a queue, a few at a time; each can be cancelled, queued or running. */
export class JobQueue {
  readonly #concurrency: number;
  readonly #waiting: Array<{ id: number; run: (signal: AbortSignal) => Promise<void> }> = [];
  readonly #controllers = new Map<number, AbortController>();
  #running = 0;
  #nextId = 1;

  constructor(concurrency = 2) {
    this.#concurrency = concurrency;
  }

  /**
   * Queues `run`; it starts when a slot is free, never before add() has returned (so the caller can announce the job
   * first), and gets a signal that cancel() aborts.
   */
  add(run: (signal: AbortSignal) => Promise<void>): number {
    const id = this.#nextId++;
    this.#controllers.set(id, new AbortController());
    this.#waiting.push({ id, run });
    queueMicrotask(() => this.#pump());
    return id;
  }

  cancel(id: number): boolean {
    const controller = this.#controllers.get(id);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Whether anything is queued or running. */
  get busy(): boolean {
    return this.#running > 0 || this.#waiting.length > 0;
  }

  /** Cancels every job, queued or running (on quit). */
  cancelAll(): void {
    for (const controller of this.#controllers.values()) controller.abort();
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.#running > 0 || this.#waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#waiting.length > 0) {
      const job = this.#waiting.shift()!;
      const controller = this.#controllers.get(job.id)!;
      this.#running++;
      void job
        .run(controller.signal)
        // Jobs report their own failures; anything that escapes is a bug, and is logged rather than lost.
        .catch((error: unknown) => console.error('A recognition job failed unexpectedly', error))
        .finally(() => {
          this.#running--;
          this.#controllers.delete(job.id);
          this.#pump();
        });
    }
  }
}

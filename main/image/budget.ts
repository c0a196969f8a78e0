/**
 * One memory budget for decoding, shared by every image this process prepares (bad-input review M2). A file's cost
 * is what its header declares (pixels x 4 bytes, for the decoded buffer and the copy libvips makes of it), known
 * before any pixel memory is taken; decodes run together while their costs fit the budget, and one larger than the
 * whole budget runs alone. So `--concurrency 4` over four 100-megapixel files costs one of them at a time, not four.
 */
export class DecodeBudget {
  readonly #capacity: number;
  #inUse = 0;
  readonly #waiting: Array<{ cost: number; admit: () => void }> = [];

  constructor(capacityBytes: number) {
    this.#capacity = capacityBytes;
  }

  /** Runs `work` once `cost` bytes of the budget are free (or nothing else runs), and gives them back after. */
  async use<T>(cost: number, work: () => Promise<T>): Promise<T> {
    const charged = Math.min(cost, this.#capacity);
    // Admission charges the budget: here when it fits at once, in #admit() for one that waited.
    if (this.#waiting.length === 0 && this.#fits(charged)) this.#inUse += charged;
    else await new Promise<void>((admit) => this.#waiting.push({ cost: charged, admit }));
    try {
      return await work();
    } finally {
      this.#inUse -= charged;
      this.#admit();
    }
  }

  /** Bytes charged now (for tests). */
  get inUse(): number {
    return this.#inUse;
  }

  #fits(cost: number): boolean {
    return this.#inUse === 0 || this.#inUse + cost <= this.#capacity;
  }

  /** First come, first served: the head of the queue goes as soon as it fits, and none overtakes it. */
  #admit(): void {
    while (this.#waiting.length > 0 && this.#fits(this.#waiting[0]!.cost)) {
      const next = this.#waiting.shift()!;
      this.#inUse += next.cost;
      next.admit();
    }
  }
}

/** 512 MB: a 100-megapixel decode alone, or many screenshots together. */
export const decodeBudget = new DecodeBudget(512 * 1024 * 1024);

/**
 * How many requests read at once, and how many may wait. A request takes its place here BEFORE its body is read:
 * one that waits holds only its socket (its bytes stay in the client, held back by TCP), so the server holds at most
 * `slots` bodies and readings at a time, the memory bound of the command's --concurrency. Past `maxWaiting` waiting,
 * a request is answered 503 at once rather than queued without end.
 *
 * main/jobs/queue.ts runs jobs handed to it whole; here a waiting request must be able to leave (its client gone)
 * and the caller must hear "full" at once, so this is a small semaphore of its own.
 */
export type Release = () => void;

export class Gate {
  readonly slots: number;
  readonly maxWaiting: number;
  #running = 0;
  readonly #waiting: Array<(release: Release) => void> = [];

  constructor(slots: number, maxWaiting: number) {
    this.slots = slots;
    this.maxWaiting = maxWaiting;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * A place: resolves with its release once a slot is free (at once when one is), null when the queue is full.
   * `signal` aborted while waiting (the client went away) gives the place up; the promise then never resolves.
   */
  enter(signal?: AbortSignal): Promise<Release> | null {
    if (this.#running < this.slots) {
      this.#running++;
      return Promise.resolve(this.#release());
    }
    if (this.#waiting.length >= this.maxWaiting) return null;
    return new Promise<Release>((resolve) => {
      const turn = (release: Release): void => {
        signal?.removeEventListener('abort', leave);
        resolve(release);
      };
      const leave = (): void => {
        const at = this.#waiting.indexOf(turn);
        if (at >= 0) this.#waiting.splice(at, 1);
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.#waiting.push(turn);
    });
  }

  /** A release that frees its slot once, however often it is called, handing it to the next in line. */
  #release(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.#waiting.shift();
      if (next) next(this.#release());
      else this.#running--;
    };
  }
}

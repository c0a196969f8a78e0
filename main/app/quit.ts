/**
 * Quitting without losing a recognition half-written (review m12): on the first quit request, running and queued
 * jobs are cancelled (each then records itself as cancelled, retryable), and the history is closed only once they
 * have settled; then the quit goes ahead. A job that hangs cannot hold the quit past `graceMs`.
 */
export interface QuitPorts {
  cancelAll(): void;
  /** Resolves once no job runs. */
  idle(): Promise<void>;
  /** Releases what the app holds: hotkeys, overlays, the offline engine, then the history file. */
  close(): Promise<void> | void;
  /** Quits for real (app.quit() again, now let through). */
  quit(): void;
  log(message: string): void;
}

export class QuitSequence {
  readonly #ports: QuitPorts;
  readonly #graceMs: number;
  #state: 'running' | 'closing' | 'closed' = 'running';

  constructor(ports: QuitPorts, options: { graceMs?: number } = {}) {
    this.#ports = ports;
    this.#graceMs = options.graceMs ?? 3000;
  }

  /** From before-quit: true when the quit must wait (the caller calls event.preventDefault()). */
  request(): boolean {
    if (this.#state === 'closed') return false;
    if (this.#state === 'running') {
      this.#state = 'closing';
      void this.#close();
    }
    return true;
  }

  async #close(): Promise<void> {
    this.#ports.cancelAll();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.#graceMs)));
    if ((await Promise.race([this.#ports.idle().then(() => 'idle' as const), grace])) === 'late') {
      this.#ports.log('Quitting with a recognition still running; it is recorded as interrupted and can be retried.');
    }
    clearTimeout(timer);
    try {
      await this.#ports.close();
    } catch (error) {
      this.#ports.log(`Closing failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.#state = 'closed';
    this.#ports.quit();
  }
}

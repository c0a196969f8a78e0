/**
 * An encrypted PDF's password, asked of the window and waited for. The questions are kept here until answered, not
 * only pushed (ocr:passwordNeeded): a window still loading (a cold "Open with", a window recreated on macOS) misses
 * the push, so the page also asks for the ones waiting once it listens (review N6; the same race as m13's views).
 * A password lives only in the job's loop that asked for it; nothing here keeps it.
 */
import type { PasswordRequest } from '../../preload/api.ts';

/** A question left on screen must not hold a queue slot for ever. */
export const PASSWORD_WAIT_MS = 10 * 60_000;

export class PdfPasswords {
  readonly #announce: (request: PasswordRequest) => void;
  readonly #waitMs: number;
  /** In the order asked: the window asks them one after another in that order. */
  readonly #waiting = new Map<number, { request: PasswordRequest; answer: (password: string | null) => void }>();
  #nextId = 1;

  constructor(announce: (request: PasswordRequest) => void, waitMs = PASSWORD_WAIT_MS) {
    this.#announce = announce;
    this.#waitMs = waitMs;
  }

  /** The user's password for `file`; null when they give up, the job is cancelled, or nobody answers in time. */
  ask(file: string, wrong: boolean, signal: AbortSignal): Promise<string | null> {
    if (signal.aborted) return Promise.resolve(null);
    const request: PasswordRequest = { requestId: this.#nextId++, file, wrong };
    return new Promise<string | null>((resolve) => {
      const answer = (password: string | null): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', cancel);
        this.#waiting.delete(request.requestId);
        resolve(password);
      };
      const cancel = (): void => answer(null);
      const timer = setTimeout(cancel, this.#waitMs);
      signal.addEventListener('abort', cancel, { once: true });
      this.#waiting.set(request.requestId, { request, answer });
      this.#announce(request);
    });
  }

  /** The window's answer; one to a question no longer waiting (answered, cancelled, timed out) is ignored. */
  answer(requestId: number, password: string | null): void {
    this.#waiting.get(requestId)?.answer(password);
  }

  /** The questions still waiting, for a page that could not hear them asked. */
  pending(): PasswordRequest[] {
    return [...this.#waiting.values()].map(({ request }) => request);
  }
}

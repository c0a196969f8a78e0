/**
 * Objects held until they are done with. An Electron Notification whose JavaScript wrapper is garbage collected
 * loses its events: ~Notification clears its delegate (shell/browser/api/electron_api_notification.cc), so a
 * 'failed' that arrives later, as UNNotification's does on macOS, never reaches the fallback (electron/electron#16922,
 * #12690: "the notification object is being garbage collected… store it"; review N7). Each is kept here until its
 * last event; a desktop that never sends one (many Linux daemons send no 'close') costs at most `limit` of them,
 * the oldest let go first.
 */
export class KeepAlive<T> {
  readonly #held = new Set<T>();
  readonly #limit: number;

  constructor(limit = 32) {
    this.#limit = limit;
  }

  get size(): number {
    return this.#held.size;
  }

  /** Holds `item`; the returned function lets it go (calling it twice is harmless). */
  hold(item: T): () => void {
    this.#held.add(item);
    while (this.#held.size > this.#limit) this.#held.delete(this.#held.values().next().value as T);
    return () => void this.#held.delete(item);
  }

  has(item: T): boolean {
    return this.#held.has(item);
  }
}

/**
 * Files handed to the app by the OS (macOS open-file, a second launch, the first launch's own arguments), taken
 * from the first moment: app.md says to listen for open-file "very early … even before the ready event", and a file
 * that cold-launches the app arrives before the services exist (review m3). They wait here until a consumer is set.
 */
export class FileInbox {
  #waiting: string[] = [];
  #consumer: ((paths: string[]) => void) | null = null;

  add(paths: readonly string[]): void {
    if (paths.length === 0) return;
    if (this.#consumer) this.#consumer([...paths]);
    else this.#waiting.push(...paths);
  }

  /** From now on files go straight to `consumer`; those that came early go first. */
  deliverTo(consumer: (paths: string[]) => void): void {
    this.#consumer = consumer;
    const early = this.#waiting;
    this.#waiting = [];
    if (early.length > 0) consumer(early);
  }
}

/**
 * What a second launch sends (app.requestSingleInstanceLock(additionalData)): its argv and working directory exactly,
 * since the `argv` of 'second-instance' "will not be exactly the same … order might change and additional arguments
 * might be appended" (electron.d.ts). Anything else in the message is ignored.
 */
export interface LaunchData {
  argv: string[];
  cwd: string;
}

export function launchData(data: unknown, fallback: LaunchData): LaunchData {
  if (!data || typeof data !== 'object') return fallback;
  const { argv, cwd } = data as Record<string, unknown>;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string') || typeof cwd !== 'string') return fallback;
  return { argv: argv as string[], cwd };
}

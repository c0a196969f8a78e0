/**
 * The one error shape every service throws. `code` is stable (scripts and the --json output rely on it);
 * `message` is written for the person reading it and says what to do next.
 */
export class ReadoutError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ReadoutError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export function errorCode(error: unknown): string {
  return error instanceof ReadoutError ? error.code : 'internal';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one error shape every service throws. `code` is stable (scripts and the --json output rely on it);
 * `message` is written for the person reading it and says what to do next.
 */

/**
 * Every code the main process can give an error. The window says each in the reader's language from its catalogue
 * (errorCode.<code>, test/main/error-codes.test.ts checks both catalogues have every one), so a code is added here,
 * and in both catalogues, before it is thrown: ReadoutError takes no other.
 */
export const ERROR_CODES = [
  // Reading, by either engine (ocr/errors.ts) and the key's test (app/settings.ts).
  'auth', 'forbidden', 'quota', 'rate-limited', 'model-not-found', 'invalid-request', 'content-blocked', 'server',
  'network', 'timeout', 'cancelled', 'interrupted', 'bad-response', 'answer-too-long', 'engine-failed', 'no-key',
  'key-invalid',
  // Images and files (image/errors.ts, read-input.ts).
  'image-empty', 'image-not-an-image', 'image-unsupported', 'image-corrupt', 'image-too-many-pixels',
  'image-aspect-ratio', 'image-too-large', 'file-unreadable', 'file-too-large',
  // PDFs (pdf/pdf.ts; pdf-pages is the command's --pages).
  'pdf-password', 'pdf-password-wrong', 'pdf-corrupt', 'pdf-page', 'pdf-pages',
  // Screen capture (capture/, linux/screenshot-portal.ts).
  'capture-permission', 'capture-failed', 'capture-empty', 'capture-region-gone', 'capture-corrupt',
  'capture-unknown-display', 'capture-unavailable', 'capture-cancelled',
  // The desktop around a result.
  'clipboard-failed', 'codes-failed', 'url-refused', 'export-failed', 'export-empty', 'export-no-table',
  // The history (history/).
  'history-damaged', 'history-read-only', 'history-no-image', 'history-not-found', 'history-unreadable',
  'history-too-new', 'history-busy', 'history-bad-cursor', 'history-unwritable',
  // Settings.
  'hotkey-taken', 'hotkey-invalid', 'settings-invalid',
  // Language packs (languages/).
  'language-download', 'language-integrity', 'language-damaged', 'language-busy', 'language-unknown',
  'language-not-installed', 'language-built-in', 'language-file', 'language-missing-file',
  // Batch jobs (batch/): a region or model that cannot batch, a job the history does not know, one that cannot be cancelled.
  'batch-unavailable', 'batch-not-found', 'batch-finished',
  // The app as a local service (issue 25): the Local API's port taken or refused, a watched folder gone or unreadable.
  'api-port-in-use', 'api-unavailable', 'watch-folder-missing', 'watch-folder-unreadable',
  // The bridge refusing a call, and anything not thrown as a ReadoutError.
  'ipc-invalid', 'ipc-forbidden', 'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class ReadoutError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ReadoutError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export function errorCode(error: unknown): ErrorCode {
  return error instanceof ReadoutError ? error.code : 'internal';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

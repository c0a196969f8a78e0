/** Every way an OCR request can fail, as a typed error with a message a user can act on. */
import { ReadoutError } from '../errors.ts';
import { redactSecret } from './redact.ts';

export type OcrErrorCode =
  | 'auth'
  | 'forbidden'
  | 'quota'
  | 'rate-limited'
  | 'model-not-found'
  | 'invalid-request'
  | 'content-blocked'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'interrupted'
  | 'bad-response'
  | 'answer-too-long'
  | 'engine-failed';

/**
 * The most text one answer may bring: max_tokens is 4096 (a few tens of kilobytes of text at most), so a megabyte
 * is only ever a server that does not stop. Past it the answer is cut off and reported (bad-input review M5).
 */
export const MAX_ANSWER_CHARS = 1_000_000;

/** The most of a service's own error message that is shown or kept. */
export const MAX_SERVICE_MESSAGE_CHARS = 500;

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

const RETRYABLE = new Set<OcrErrorCode>(['rate-limited', 'server', 'network', 'timeout', 'interrupted']);

export class OcrError extends ReadoutError {
  readonly requestId: string | null;
  readonly status: number | null;
  /** Text that had streamed in before the failure, so nothing the user saw is lost. */
  readonly partialText: string;
  /** The server's Retry-After, when it sent one. */
  readonly retryAfterMs: number | null;
  /** The message as given, before the request id was added to it. */
  readonly #said: string;

  constructor(code: OcrErrorCode, message: string, details: OcrErrorDetails = {}) {
    const requestId = details.requestId ?? null;
    super(code, requestId ? `${message} (request id ${requestId})` : message, {
      retryable: RETRYABLE.has(code),
      cause: details.cause,
    });
    this.name = 'OcrError';
    this.requestId = requestId;
    this.status = details.status ?? null;
    this.partialText = details.partialText ?? '';
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.#said = message;
  }

  /** The same failure with what was not known where it was thrown (the request id, the text that had come). */
  with(details: Pick<OcrErrorDetails, 'requestId' | 'partialText' | 'cause'>): OcrError {
    return new OcrError(this.code as OcrErrorCode, this.#said, {
      requestId: details.requestId ?? this.requestId,
      status: this.status,
      partialText: details.partialText ?? this.partialText,
      retryAfterMs: this.retryAfterMs,
      cause: details.cause ?? this.cause,
    });
  }
}

export interface OcrErrorDetails {
  requestId?: string | null;
  status?: number | null;
  partialText?: string;
  retryAfterMs?: number | null;
  cause?: unknown;
}

/**
 * Removes a secret from text that may end up in a message or a log: as it is, and inside base64 or base64url at any
 * byte offset, whole or cut short (redact.ts).
 */
export const redact = (text: string, secret: string | undefined): string => redactSecret(text, secret);

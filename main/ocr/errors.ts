/** Every way an OCR request can fail, as a typed error with a message a user can act on. */
import { ReadoutError } from '../errors.ts';

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
  | 'engine-failed';

const RETRYABLE = new Set<OcrErrorCode>(['rate-limited', 'server', 'network', 'timeout', 'interrupted']);

export class OcrError extends ReadoutError {
  readonly requestId: string | null;
  readonly status: number | null;
  /** Text that had streamed in before the failure, so nothing the user saw is lost. */
  readonly partialText: string;
  /** The server's Retry-After, when it sent one. */
  readonly retryAfterMs: number | null;

  constructor(
    code: OcrErrorCode,
    message: string,
    details: {
      requestId?: string | null;
      status?: number | null;
      partialText?: string;
      retryAfterMs?: number | null;
      cause?: unknown;
    } = {},
  ) {
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
  }
}

/**
 * Removes a secret from text that may end up in a message or a log: as it is, and in the base64 forms a server may
 * echo it in (an Authorization header, say), padding or not.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  const forms = [secret, ...['base64', 'base64url'].map((encoding) => Buffer.from(secret).toString(encoding as BufferEncoding).replace(/=+$/, ''))];
  return forms.filter((form) => form.length >= 4).reduce((out, form) => out.split(form).join('[API key]'), text);
}

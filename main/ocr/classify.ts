/**
 * Turns what the OpenAI SDK throws into an OcrError. DashScope's compatible mode answers errors as
 * {"error": {"message", "type", "param", "code"}, "request_id"}; the codes decide whether a retry can help.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { MAX_SERVICE_MESSAGE_CHARS, OcrError, redact } from './errors.ts';
import { redactAndTruncate } from './redact.ts';

const QUOTA_CODES = new Set(['Throttling.AllocationQuota', 'insufficient_quota', 'Arrearage', 'Throttling.FreeTierOnly']);
const CONTENT_CODES = new Set(['DataInspectionFailed', 'data_inspection_failed', 'DataInspection']);

export interface ClassifyContext {
  host: string;
  model: string;
  apiKey?: string;
}

/** The service's own message, redacted before it is cut short (a cut through the key leaves a part of it). */
function serverMessage(error: APIError, apiKey: string | undefined): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? redactAndTruncate(body.message.trim(), MAX_SERVICE_MESSAGE_CHARS, apiKey) : '';
}

export function classify(error: unknown, context: ClassifyContext): OcrError {
  if (error instanceof OcrError) return error;
  if (error instanceof APIUserAbortError) return new OcrError('cancelled', 'Cancelled.');
  if (error instanceof APIConnectionTimeoutError) {
    return new OcrError('timeout', `${context.host} did not answer in time; try again, or check your connection.`);
  }
  if (error instanceof APIConnectionError) {
    return new OcrError('network', `Cannot reach ${context.host}: check your internet connection, proxy or base URL.`, {
      cause: error,
    });
  }
  if (!(error instanceof APIError)) {
    const text = redactAndTruncate(error instanceof Error ? error.message : String(error), MAX_SERVICE_MESSAGE_CHARS, context.apiKey);
    return new OcrError('bad-response', `The OCR service sent something Readout could not read: ${text}`, { cause: error });
  }

  const code = error.code ?? error.type ?? '';
  const status = error.status ?? null;
  const said = serverMessage(error, context.apiKey);
  const detail = said ? ` The service said: "${said}"` : '';
  // A request id is the server's text too: a misbehaving one can echo the key there (bad-input review L1).
  const requestId = error.requestID ? redact(error.requestID, context.apiKey) : null;
  const retryAfter = Number(error.headers?.get('retry-after'));
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null;
  const make = (kind: ConstructorParameters<typeof OcrError>[0], message: string) =>
    new OcrError(kind, redact(message + detail, context.apiKey), { requestId, status, retryAfterMs });

  if (status === 401 || code === 'invalid_api_key' || code === 'InvalidApiKey') {
    return make('auth', 'The API key was rejected. Keys work only in their own region.');
  }
  if (QUOTA_CODES.has(code)) {
    return make('quota', 'Your quota or balance is used up: top up or raise the limit in the Model Studio console, or switch to the offline engine.');
  }
  if (CONTENT_CODES.has(code)) return make('content-blocked', "The service's content inspection refused this image.");
  if (status === 429) return make('rate-limited', 'Too many requests right now; wait a moment and try again.');
  if (status === 403) {
    return make('forbidden', `Access to ${context.model} was denied: check that the model is activated for your account and region.`);
  }
  if (status === 404) {
    return make('model-not-found', `${context.host} has no model "${context.model}": check the model name and the region.`);
  }
  if (status !== null && status >= 500) return make('server', `The OCR service failed (HTTP ${status}); try again later.`);
  if (status === 400 || status === 413 || status === 422) return make('invalid-request', 'The OCR service refused the request.');
  return make('bad-response', `The OCR service answered with an error${status ? ` (HTTP ${status})` : ''}.`);
}

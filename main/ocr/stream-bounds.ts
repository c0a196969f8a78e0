/**
 * An answer's body bounded by size before anything parses it (bad-input review 2, H4 and M3). The answer's text is
 * capped once an event is parsed (MAX_ANSWER_CHARS), but an event-stream parser (eventsource-parser, the OpenAI
 * SDK's own line decoder) keeps an unfinished line, and an event's data lines, until they end: a server that never
 * ends a line fills the heap until V8 aborts. So the bytes are counted as they arrive, against:
 * - a line of an event stream: MAX_EVENT_BYTES without a line end (CR, LF or CRLF: the WHATWG event-stream grammar);
 * - an event: MAX_EVENT_BYTES between two blank lines (an event is dispatched at a blank line);
 * - a body that is not an event stream (a whole JSON answer or error): MAX_BODY_BYTES.
 * Past a bound the body errors with an OcrError, which the engine reports with the text that had come. Chunks are
 * passed on at most CHUNK_BYTES at a time, so a parser never holds more than a bound and one chunk.
 */
import { OcrError } from './errors.ts';

/** A whole answer event of 4096 tokens with its word positions is tens of kilobytes; two megabytes is a broken server. */
export const MAX_EVENT_BYTES = 2 * 1024 * 1024;
/** A whole (unstreamed) answer, or an error body. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

const CR = 0x0d;
const LF = 0x0a;

const tooLong = (what: string): OcrError =>
  new OcrError('answer-too-long', `The OCR service sent ${what}, far more than any answer holds, so Readout stopped reading. The text that had come is kept.`);

/** Counts an event stream's unfinished line and event; throws past either bound. */
export class EventStreamBounds {
  readonly #maxLine: number;
  readonly #maxEvent: number;
  #line = 0;
  #event = 0;
  #lastWasCr = false;

  constructor(maxLine = MAX_EVENT_BYTES, maxEvent = MAX_EVENT_BYTES) {
    this.#maxLine = maxLine;
    this.#maxEvent = maxEvent;
  }

  take(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === LF && this.#lastWasCr) {
        // The LF of a CRLF: the line already ended at its CR.
        this.#lastWasCr = false;
        continue;
      }
      this.#lastWasCr = byte === CR;
      if (byte === CR || byte === LF) {
        // A line end after an empty line is a blank line: the event ends there.
        if (this.#line === 0) this.#event = 0;
        this.#line = 0;
        continue;
      }
      this.#line++;
      this.#event++;
    }
    if (this.#line > this.#maxLine) throw tooLong(`a line of its event stream longer than ${megabytes(this.#maxLine)} without ending it`);
    if (this.#event > this.#maxEvent) throw tooLong(`one event longer than ${megabytes(this.#maxEvent)}`);
  }
}

/** Counts a body's bytes; throws past the bound. */
export class BodyBounds {
  readonly #max: number;
  #seen = 0;

  constructor(max = MAX_BODY_BYTES) {
    this.#max = max;
  }

  take(bytes: Uint8Array): void {
    this.#seen += bytes.length;
    if (this.#seen > this.#max) throw tooLong(`an answer longer than ${megabytes(this.#max)}`);
  }
}

const megabytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes.toLocaleString('en')} bytes`);

/** The response with its body bounded: an event stream by line and event, anything else by its whole size. */
export function boundedResponse(response: Response, limits: { event?: number; body?: number } = {}): Response {
  if (!response.body) return response;
  const eventStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
  const bounds = eventStream ? new EventStreamBounds(limits.event, limits.event) : new BodyBounds(limits.body);
  const bounded = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        for (let at = 0; at < chunk.length; at += CHUNK_BYTES) {
          const piece = chunk.subarray(at, at + CHUNK_BYTES);
          // Counted before it is passed on: what is past the bound never reaches a parser.
          bounds.take(piece);
          controller.enqueue(piece);
        }
      },
    }),
  );
  return new Response(bounded, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** A fetch whose every response's body is bounded (boundedResponse). */
export function boundedFetch(inner: typeof fetch, limits: { event?: number; body?: number } = {}): typeof fetch {
  return async (input, init) => boundedResponse(await inner(input, init), limits);
}

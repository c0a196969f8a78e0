/**
 * One batch request line per image: {custom_id, method, url, body} (the docs' input file format, limits.ts), its
 * body exactly the live read's (ocr/compatible-request.ts).
 *
 * custom_id is `entry-<id>`: the history entry the request fills. It is unique within a history as long as the entry
 * lives, so unique within any file, and a person reading a request or output file sees which entry a line is. The
 * ledger (ledger.ts) maps each custom_id of each job to its entry, so an id the job never held (or an entry number
 * SQLite gave again after a deletion) is never taken for another entry: it is reported, not applied.
 */
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { BATCH_ENDPOINT } from './limits.ts';

export interface RequestLine {
  custom_id: string;
  method: 'POST';
  url: typeof BATCH_ENDPOINT;
  body: ChatCompletionCreateParamsBase;
}

export const customIdOf = (entryId: number): string => `entry-${entryId}`;

/** The line's JSON text, without its line break. */
export function requestLine(customId: string, body: ChatCompletionCreateParamsBase): string {
  const line: RequestLine = { custom_id: customId, method: 'POST', url: BATCH_ENDPOINT, body };
  return JSON.stringify(line);
}

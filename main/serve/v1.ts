/**
 * Readout's own API (README, "Local API"):
 * - POST /v1/read: the file's bytes as the body (image/*, application/pdf, application/octet-stream; ?file=NAME
 *   names it), or JSON {base64, file?, password?}. An encrypted PDF's password comes as `"password"` in the JSON body,
 *   or in the header X-Readout-Pdf-Password (for a body of bytes); never in the URL, where logs and histories keep it. The answer is application/json: an array of the objects `readout --json`
 *   prints, one for an image, one per page of a PDF. An array rather than JSON Lines: one request is one file, read
 *   whole before the answer, so there is nothing to stream, and any HTTP client parses an array. A file that cannot
 *   be read is still HTTP 200, its object saying ok: false and why, as `readout --json` says it.
 * - GET /v1/history?q=WORDS&limit=N: the entries the history's search finds, newest first.
 * - POST /v1/capture: starts a capture as the hotkey does (the app; `readout serve` has no screen to capture).
 * - GET /v1/health: {ok, version, engine, model}.
 */
import { z } from 'zod';
import type { Source } from '../history/types.ts';
import type { ErrorHints, FileReport } from '../reading/report.ts';
import { decodeBase64 } from './base64.ts';
import type { ReadPort, SearchPort } from './ports.ts';

/** The history's name for a reading that came over the API: no file on disk, so no path to open. */
export const API_PATH = '(api)';
export const DEFAULT_FILE_NAME = 'api';

export type V1Error = { status: number; code: string; message: string };

/** A file name a client gave, as a name and nothing more: no folders, no control characters, at most 200 characters. */
export function fileNameOf(given: string | null | undefined): string {
  const name = (given ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, 200);
  return name === '' || name === '.' || name === '..' ? DEFAULT_FILE_NAME : name;
}

const MAX_PASSWORD = 1024;

const readJson = z.object({
  base64: z.string({ error: '"base64" must be a string: the file, base64-encoded' }),
  file: z.string().max(1000).optional(),
  password: z.string({ error: '"password" must be a string: the PDF\'s password' }).max(MAX_PASSWORD, `"password" is at most ${MAX_PASSWORD} characters`).optional(),
});

/** The header that carries an encrypted PDF's password when the body is the file's bytes. */
export const PASSWORD_HEADER = 'x-readout-pdf-password';

/**
 * A password header's text. Node reads header bytes as Latin-1 (RFC 9110 section 5.5: field values are octets), and
 * curl sends what the terminal typed, UTF-8 nearly always: bytes that are valid UTF-8 are read so, any others as given.
 */
export function headerPassword(value: string | string[] | undefined): string | undefined {
  const given = Array.isArray(value) ? value[0] : value;
  if (given === undefined || given === '') return undefined;
  const bytes = Buffer.from(given, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return given;
  }
}

/** What a failed report says to do over this API: the command's hints name flags an HTTP client has not got. */
export const API_HINTS: ErrorHints = {
  'pdf-password': ' (send it as "password" in the JSON body, or in the X-Readout-Pdf-Password header)',
};

export type RequestFile = { ok: true; bytes: Buffer; name: string; password?: string };

/** The file a /v1/read request carries: its bytes, its name and its PDF password if any, or why it carries none. */
export function fileOfRequest(body: Buffer, type: string, query: URLSearchParams, password?: string): RequestFile | ({ ok: false } & V1Error) {
  if (password !== undefined && password.length > MAX_PASSWORD) return { ok: false, status: 400, code: 'bad-request', message: `X-Readout-Pdf-Password is at most ${MAX_PASSWORD} characters` };
  if (type !== 'application/json') {
    if (body.length === 0) return { ok: false, status: 400, code: 'empty', message: 'the request has no body: send the file itself (curl --data-binary @FILE)' };
    return { ok: true, bytes: body, name: fileNameOf(query.get('file')), password };
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, status: 400, code: 'bad-json', message: 'the body is not JSON: send {"base64": "...", "file": "name.png"}, or the file itself as image/*, application/pdf or application/octet-stream' };
  }
  const parsed = readJson.safeParse(json);
  if (!parsed.success) return { ok: false, status: 400, code: 'bad-request', message: parsed.error.issues[0]?.path[0] === undefined ? 'send {"base64": "...", "file": "name.png"}' : parsed.error.issues[0].message };
  const decoded = decodeBase64(parsed.data.base64);
  if (!decoded.ok) return { ok: false, status: 400, code: 'bad-base64', message: `"base64": ${decoded.reason}` };
  return { ok: true, bytes: decoded.bytes, name: fileNameOf(parsed.data.file ?? query.get('file')), password: parsed.data.password ?? password };
}

/** Where the history says a reading came from. */
export const apiSource = (name: string): Source => ({ kind: 'file', path: API_PATH, name });

/** One file read as `readout` reads it, its failure said in this API's terms (API_HINTS). */
export const readFile = (reader: ReadPort, file: { bytes: Buffer; name: string; password?: string }, signal: AbortSignal): Promise<FileReport[]> =>
  reader.read(file.bytes, file.name, apiSource(file.name), { signal, hints: API_HINTS, ...(file.password !== undefined ? { password: file.password } : {}) });

export interface HistoryEntry {
  id: number;
  createdAt: number;
  fileName: string | null;
  /** Where the words were found, or the text's start. */
  text: string;
  status: string;
}

const historyQuery = z.object({
  q: z.string().max(1000, 'q is at most 1000 characters').default(''),
  limit: z.coerce.number({ error: 'limit must be a whole number from 1 to 100' }).int('limit must be a whole number from 1 to 100').min(1, 'limit must be a whole number from 1 to 100').max(100, 'limit must be a whole number from 1 to 100').default(20),
});

/** GET /v1/history's answer, or why the query is refused. */
export function searchHistory(history: SearchPort, query: URLSearchParams): { ok: true; entries: HistoryEntry[] } | ({ ok: false } & V1Error) {
  const parsed = historyQuery.safeParse({ q: query.get('q') ?? undefined, limit: query.get('limit') ?? undefined });
  if (!parsed.success) return { ok: false, status: 400, code: 'bad-request', message: parsed.error.issues[0]?.message ?? 'bad query' };
  const page = history.search(parsed.data.q, { limit: parsed.data.limit });
  return {
    ok: true,
    entries: page.items.map(({ entry, snippet }) => ({ id: entry.id, createdAt: entry.createdAt, fileName: entry.fileName, text: snippet.map((part) => part.text).join(''), status: entry.status })),
  };
}

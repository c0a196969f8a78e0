/**
 * The output and error files' lines (the docs' result format, OpenAI's shape: {id, custom_id, response: {status_code,
 * request_id, body}, error: {code, message} | null}). Every line is checked with zod; a line that does not parse is
 * reported by its number, and the rest are kept.
 */
import { z } from 'zod';
import { MAX_ANSWER_CHARS } from '../ocr/errors.ts';

const usage = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number().optional(),
  prompt_tokens_details: z.object({ image_tokens: z.number().optional() }).passthrough().nullish(),
}).passthrough();

const completion = z.object({
  id: z.string().optional(),
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }).passthrough() }).passthrough()),
  usage: usage.nullish(),
}).passthrough();

// The docs' table names error.code and error.message; their own result-to-CSV script reads error.error_code and
// error.error_message: both spellings are taken.
const errorBody = z.object({
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  error_code: z.union([z.string(), z.number()]).nullish(),
  error_message: z.string().nullish(),
}).passthrough();

const line = z.object({
  id: z.string().nullish(),
  custom_id: z.string().min(1).max(512),
  response: z.object({
    status_code: z.number().int(),
    request_id: z.string().nullish(),
    body: z.unknown(),
  }).passthrough().nullish(),
  error: errorBody.nullish(),
}).passthrough();

export type LineUsage = z.infer<typeof usage>;

export type ParsedLine =
  | { ok: true; customId: string; text: string; usage: LineUsage | null; requestId: string | null }
  | { ok: false; customId: string; code: string; message: string; requestId: string | null };

export type LineProblem = { line: number; reason: string };

/** Request ids and codes are the server's text: kept to a length an id has. */
const short = (text: string | null | undefined, max = 200): string | null => (text ? text.slice(0, max) : null);

/** One line of an output or error file: its answer, its failure, or why it could not be read. */
export function parseResultLine(text: string): ParsedLine | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'it is not JSON' };
  }
  const parsed = line.safeParse(json);
  if (!parsed.success) return { problem: `it is not a batch result line (${parsed.error.issues[0]?.path.join('.') || 'the line'}: ${parsed.error.issues[0]?.message ?? 'wrong shape'})` };
  const { custom_id: customId, response, error } = parsed.data;
  const requestId = short(response?.request_id ?? null);
  const status = response?.status_code ?? null;
  if (error || status === null || status >= 400) {
    const body = errorBody.safeParse((response?.body as { error?: unknown } | undefined)?.error ?? response?.body);
    const code = String(error?.code ?? error?.error_code ?? (body.success ? body.data.code ?? body.data.error_code : null) ?? (status !== null ? `HTTP ${status}` : 'failed'));
    const message = error?.message ?? error?.error_message ?? (body.success ? body.data.message ?? body.data.error_message : null) ?? 'the service gave no reason';
    return { ok: false, customId, code: code.slice(0, 100), message: message.slice(0, 500), requestId };
  }
  const answer = completion.safeParse(response?.body);
  if (!answer.success) return { problem: `its answer is not a chat completion (${answer.error.issues[0]?.path.join('.') || 'body'}: ${answer.error.issues[0]?.message ?? 'wrong shape'})` };
  const content = answer.data.choices[0]?.message.content ?? '';
  return { ok: true, customId, text: content.slice(0, MAX_ANSWER_CHARS), usage: answer.data.usage ?? null, requestId: requestId ?? short(answer.data.id ?? null) };
}

/**
 * Every line of a file: the lines read, and the problems (1-based line numbers); blank lines are skipped. A byte-order
 * mark and CRLF line ends are taken off first: JSON.parse refuses a BOM, which would cost the first line its result.
 */
export function parseResultFile(text: string): { lines: ParsedLine[]; problems: LineProblem[] } {
  const lines: ParsedLine[] = [];
  const problems: LineProblem[] = [];
  for (const [index, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    if (!raw.trim()) continue;
    const parsed = parseResultLine(raw);
    if ('problem' in parsed) problems.push({ line: index + 1, reason: parsed.problem });
    else lines.push(parsed);
  }
  return { lines, problems };
}

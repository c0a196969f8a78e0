/** The per-file record of `readout --json`: a contract, so every field is always present (null when unknown). */
import { errorCode, errorMessage, type ErrorCode } from '../errors.ts';
import type { Usage } from '../ocr/engine.ts';
import type { Word } from '../ocr/words.ts';
import type { Code } from '../codes/code.ts';
import type { Outcome } from '../recognize.ts';
import type { PackCode } from '../languages/catalog.ts';
import { scriptWarnings, type ScriptWarning } from '../languages/script-warnings.ts';
import type { TranslationReport } from './translate-read.ts';

export interface FileReport {
  file: string;
  ok: boolean;
  text: string | null;
  engine: string;
  model: string;
  sourceFormat: string | null;
  width: number | null;
  height: number | null;
  sentWidth: number | null;
  sentHeight: number | null;
  sentBytes: number | null;
  imageTokens: number | null;
  usage: Usage | null;
  cost: number | null;
  requestId: string | null;
  durationMs: number;
  entryId: number | null;
  error: { code: string; message: string } | null;
  /** How sure the engine was of the text, 0 to 1 (the offline engine says); null where it did not. */
  confidence: number | null;
  /** The text with its places on the original image, in reading order (the offline engine's lines); else null. */
  words: Word[] | null;
  /** QR codes and barcodes found in the image ([] for none); null where it could not be scanned. */
  codes: Code[] | null;
  /**
   * Text the offline engine could not read, by its script, with the pack that reads it
   * ([{code, script, pack, installed, message}], languages/script-warnings.ts); [] for none, null where nothing was read.
   */
  warnings: Array<ScriptWarning | UnreadWarning> | null;
  /** --translate's translation of the text (reading/translate-read.ts); null when not asked or nothing was read. */
  translation: TranslationReport | null;
  /** A PDF's page: its number, and how many the document has; null for an image. */
  page?: number | null;
  pages?: number | null;
}

/**
 * The offline engine found more lines than one reading covers (ppocr/pipeline.ts, readColumns: review 2, M7), in the
 * shape of the script warnings so a reader of `warnings` needs no second case.
 */
export interface UnreadWarning {
  code: 'text-not-all-read';
  script: null;
  pack: null;
  installed: false;
  unread: number;
  message: string;
}

function unreadWarnings(unread: number | undefined): UnreadWarning[] {
  if (!unread) return [];
  const message = `the image holds more text than one reading covers: ${unread} of the lines found were not read; crop it, or read its parts one at a time`;
  return [{ code: 'text-not-all-read', script: null, pack: null, installed: false, unread, message }];
}

/**
 * What the command adds to an error's words: the way out on the command line. The services' messages leave these
 * out, because the window shows them too (review 2, M6: no flags or variables in the window's text).
 */
export type ErrorHints = Partial<Record<ErrorCode, string>>;

export const COMMAND_HINTS: ErrorHints = {
  auth: ' Set the key with DASHSCOPE_API_KEY (or in the app’s Settings), for the region it belongs to (--region).',
  'pdf-password': ' (the command takes it with --password)',
  'image-too-large': '; lower --max-pixels',
};

/**
 * Error text that names the file once, whatever produced it, with a hint for its code: the command's by default;
 * another caller passes its own (the local API says how to send a PDF's password over HTTP, not a flag it has not got).
 */
export function describeError(file: string, error: unknown, hints: ErrorHints = COMMAND_HINTS): { code: string; message: string } {
  const code = errorCode(error);
  const said = errorMessage(error);
  const message = said.startsWith(`${file}: `) ? said : `${file}: ${said}`;
  return { code, message: `${message}${hints[code] ?? ''}` };
}

export function toReport(
  file: string,
  outcome: Outcome,
  context: { engine: string; model: string; durationMs: number; installed?: readonly PackCode[]; hints?: ErrorHints },
): FileReport {
  const prepared = outcome.prepared;
  const result = outcome.ok ? outcome.result : null;
  return {
    file,
    ok: outcome.ok,
    text: result?.text ?? null,
    engine: result?.engine ?? context.engine,
    model: result?.model ?? context.model,
    sourceFormat: prepared?.sourceFormat ?? null,
    width: prepared?.width ?? null,
    height: prepared?.height ?? null,
    sentWidth: prepared?.sentWidth ?? null,
    sentHeight: prepared?.sentHeight ?? null,
    sentBytes: prepared?.sentBytes ?? null,
    // The estimate is the Qwen model's billing; the offline engine has no tokens.
    imageTokens: context.engine === 'qwen' ? (prepared?.imageTokens ?? null) : null,
    usage: result?.usage ?? null,
    cost: result?.cost ?? null,
    requestId: result?.requestId ?? null,
    durationMs: context.durationMs,
    entryId: outcome.entryId,
    error: outcome.ok ? null : describeError(file, outcome.error, context.hints),
    confidence: result?.confidence ?? null,
    words: result?.words ?? null,
    codes: result?.codes ?? null,
    translation: null,
    warnings: result ? [...scriptWarnings({ ...result, confidence: result.confidence ?? null, words: result.words ?? null }, context.installed ?? []), ...unreadWarnings(result.unread)] : null,
  };
}

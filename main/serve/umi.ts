/**
 * Umi-OCR's POST /api/ocr, as its documentation and server say it (hiroi-sora/Umi-OCR docs/http/api_ocr.md, and
 * UmiOCR-data/py_src/server/ocr_server.py for the request's own error codes):
 * - the request: JSON {base64, options?};
 * - the answer, always HTTP 200 as Umi's: {code, data, time, timestamp}: code 100 with data the blocks (or the
 *   text, data.format "text"), 101 when the image holds no text, any other code a failure with data its reason;
 * - the codes: 800 the body is not JSON, 801 it is empty, 802 no base64, 803 options not a dict, 804 options that
 *   cannot be read (ocr_server.py); 300 base64 that does not decode and 301 bytes that are not an image (Umi's
 *   default engine, hiroi-sora/PaddleOCR-json cpp/include/task.h: CODE_ERR_BASE64_DECODE, CODE_ERR_BASE64_IM_DECODE);
 *   902 the recognizer failed (the documentation's own example code).
 * A PDF is refused with 301 as Umi's engine refuses one: Umi reads documents through /api/doc; Readout's /v1/read
 * takes PDFs.
 */
import { z } from 'zod';
import type { FileReport } from '../reading/report.ts';
import { isPdf } from '../pdf/sniff.ts';
import { decodeBase64 } from './base64.ts';
import { umiLayout, type UmiBlock } from './umi-layout.ts';
import { parseUmiOptions, type UmiOptions } from './umi-options.ts';

export const UMI_CODE = {
  ok: 100,
  noText: 101,
  base64: 300,
  notAnImage: 301,
  failed: 902,
  notJson: 800,
  empty: 801,
  noBase64: 802,
  optionsNotDict: 803,
  badOptions: 804,
} as const;

export interface UmiAnswer {
  code: number;
  data: UmiBlock[] | string;
  /** Seconds the recognition took. */
  time: number;
  /** When the task started, in seconds since the epoch. */
  timestamp: number;
}

export type UmiRequest = { ok: true; bytes: Buffer; options: UmiOptions } | { ok: false; code: number; message: string };

/** Python's truthiness, which Umi's `if not data` tests: an empty object or list, '', 0, false and null are "empty". */
const empty = (value: unknown): boolean =>
  value === null || value === false || value === 0 || value === '' || (Array.isArray(value) ? value.length === 0 : typeof value === 'object' && Object.keys(value).length === 0);

const request = z.object({ base64: z.unknown(), options: z.unknown().optional() });
const plainObject = z.record(z.string(), z.unknown());

/** The body of a POST /api/ocr, checked in the order Umi's server checks it. */
export function parseUmiRequest(body: Buffer): UmiRequest {
  if (body.length === 0) return { ok: false, code: UMI_CODE.empty, message: 'The request is empty: send JSON {"base64": "...", "options": {...}}.' };
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, code: UMI_CODE.notJson, message: 'The request could not be parsed as JSON: send JSON {"base64": "...", "options": {...}}.' };
  }
  if (empty(data)) return { ok: false, code: UMI_CODE.empty, message: 'The request is empty: send JSON {"base64": "...", "options": {...}}.' };
  const parsed = request.safeParse(data);
  if (!parsed.success || !('base64' in (data as object))) return { ok: false, code: UMI_CODE.noBase64, message: 'The request has no base64 field: put the image, base64-encoded, in "base64".' };
  let options: Record<string, unknown> = {};
  if (parsed.data.options !== undefined) {
    const given = plainObject.safeParse(parsed.data.options);
    if (!given.success) return { ok: false, code: UMI_CODE.optionsNotDict, message: 'The request\'s "options" must be a dictionary (a JSON object).' };
    options = given.data;
  }
  const read = parseUmiOptions(options);
  if (!read.ok) return { ok: false, code: UMI_CODE.badOptions, message: read.message };
  if (typeof parsed.data.base64 !== 'string') return { ok: false, code: UMI_CODE.base64, message: 'Base64 decode failed: "base64" must be a string.' };
  const decoded = decodeBase64(parsed.data.base64);
  if (!decoded.ok) return { ok: false, code: UMI_CODE.base64, message: `Base64 decode failed: ${decoded.reason}.` };
  if (isPdf(decoded.bytes)) return { ok: false, code: UMI_CODE.notAnImage, message: 'Base64 data is a PDF, not an image: /api/ocr reads images; send PDFs to Readout\'s POST /v1/read.' };
  return { ok: true, bytes: decoded.bytes, options: read.options };
}

/**
 * 101's data word for word as Umi's engine says it for a base64 image (PaddleOCR-json: `No text found in image.
 * Path: "<path>"`, the path being "base64" for /api/ocr's input): scripts written for Umi-OCR compare it, whole or
 * with its spaces taken out.
 */
export const NO_TEXT = 'No text found in image. Path: "base64"';

/** Error codes of Readout's that mean the bytes are not an image it can open (Umi's "imdecode failed"). */
const NOT_AN_IMAGE = new Set(['image-empty', 'image-not-an-image', 'image-unsupported', 'image-corrupt']);

/** An image's reading as Umi's answer. */
export function umiAnswer(report: FileReport, options: UmiOptions, started: { epochMs: number; at: number }): UmiAnswer {
  const timing = { time: Math.round(performance.now() - started.at) / 1000, timestamp: started.epochMs / 1000 };
  if (!report.ok) {
    const code = NOT_AN_IMAGE.has(report.error?.code ?? '') ? UMI_CODE.notAnImage : UMI_CODE.failed;
    return { code, data: report.error?.message ?? 'The image could not be read.', ...timing };
  }
  const layout = umiLayout({ text: report.text ?? '', words: report.words, confidence: report.confidence, width: report.width ?? 0, height: report.height ?? 0 }, options);
  if (layout.blocks.length === 0 || layout.text.trim() === '') return { code: UMI_CODE.noText, data: NO_TEXT, ...timing };
  return { code: UMI_CODE.ok, data: options.format === 'text' ? layout.text : layout.blocks, ...timing };
}

/** A refusal before any reading (a bad request, or the security rules), in Umi's shape. */
export const umiError = (code: number, message: string, epochMs = Date.now()): UmiAnswer => ({ code, data: message, time: 0, timestamp: epochMs / 1000 });

/**
 * A QR code or barcode as Readout keeps it (found by scan.ts), read back from the history defensively, and what of
 * an entry goes to the clipboard when it holds codes.
 */
import { z } from 'zod';
import { parseJsonAs } from '../parse-json.ts';

/** A code found in an image: what it says, and where, four corners in the upright original's pixels. */
export interface Code {
  /** ZXing's name: QRCode, MicroQRCode, DataMatrix, Aztec, PDF417, EAN13, EAN8, UPCA, UPCE, Code39, Code93, Code128, ITF, Codabar, … */
  format: string;
  /** The content as text; binary content as hexadecimal. */
  text: string;
  box: number[][];
  /** The content's size in bytes. */
  bytes: number;
  /** The content is not text (shown as hexadecimal, never opened). */
  binary: boolean;
}

const CODES = z.array(
  z.object({ format: z.string(), text: z.string(), box: z.array(z.tuple([z.number(), z.number()])).length(4), bytes: z.number().int().nonnegative(), binary: z.boolean() }),
);

/** Codes as the history keeps them (JSON); anything not of this shape is no codes at all. */
export const parseCodes = (json: string | null): Code[] | null => parseJsonAs(CODES, json);

/** The codes' contents, one a line: what the search index and the clipboard take. */
export const codesText = (codes: readonly Code[]): string => codes.map((code) => code.text).join('\n');

export const CODES_CLIPBOARD = ['codes-first', 'text-first', 'both'] as const;
export type CodesClipboard = (typeof CODES_CLIPBOARD)[number];

/** Fewer characters than this besides the codes' own (a caption, a "Scan me") is "little or no text". */
const LITTLE_TEXT = 20;

/**
 * What goes to the clipboard for an entry with codes. codes-first: the codes' contents when there is little or no
 * other text, else the text; text-first: the text, unless there is none; both: the codes, a blank line, the text.
 */
export function clipboardText(text: string, codes: readonly Code[] | null | undefined, policy: CodesClipboard): string {
  if (!codes || codes.length === 0) return text;
  const contents = codesText(codes);
  if (policy === 'both') return text.trim() ? `${contents}\n\n${text}` : contents;
  if (policy === 'text-first') return text.trim() ? text : contents;
  // Text the engine read off the code's own caption (a URL printed under a QR) does not count as other text.
  let rest = text;
  for (const code of codes) rest = rest.split(code.text).join('');
  return rest.replace(/\s+/g, '').length < LITTLE_TEXT ? contents : text;
}

/**
 * --text-beside: each input's text written next to it, as `<its whole name>.txt` (scan.png -> scan.png.txt), so
 * scan.png and scan.pdf in one folder never share a text file and the name alone says what it came from
 * (file-kinds.ts then ignores it, across restarts too). A PDF's pages are joined by a form feed, as pdftotext
 * separates pages, so a script can split them again. Written atomically (atomic-write.ts); a file of that name that
 * Readout did not write (or that was changed since) is never overwritten: the text goes to `<name>.readout.txt`.
 */
import { statSync } from 'node:fs';
import type { FileReport } from '../reading/report.ts';
import { writeFileAtomic } from './atomic-write.ts';
import type { WrittenOutput } from './ledger.ts';

/** A page's separator in a PDF's text file: form feed, as pdftotext writes it. */
export const PAGE_BREAK = '\f';

/** The text a file's reports hold: an image's, or a PDF's pages in order, a form feed between pages. Null: none read. */
export function besideText(reports: readonly FileReport[]): string | null {
  if (!reports.some((r) => r.ok)) return null;
  const texts = reports.map((r) => (r.ok ? (r.text ?? '') : '').replace(/\n+$/, ''));
  return `${texts.join(`\n${PAGE_BREAK}`)}\n`;
}

const statOf = (path: string): { size: number; mtimeMs: number } | null => {
  try {
    const info = statSync(path);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
};

/**
 * Writes the text beside `input`; `previous` is what Readout wrote for it before (the ledger's), so its own earlier
 * file is replaced and anyone else's is kept. What was written, for the ledger.
 */
export function writeBesideText(input: string, text: string, previous: WrittenOutput | null): WrittenOutput {
  const plain = `${input}.txt`;
  const existing = statOf(plain);
  const ours = existing === null || (previous?.path === plain && previous.size === existing.size && previous.mtimeMs === existing.mtimeMs);
  const target = ours ? plain : `${input}.readout.txt`;
  writeFileAtomic(target, text);
  const written = statOf(target) ?? { size: Buffer.byteLength(text), mtimeMs: Date.now() };
  return { path: target, ...written };
}

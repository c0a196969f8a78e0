/**
 * Which files in a watched folder are read, which are skipped with a line, and which are passed over in silence.
 * The name decides which files are even opened (cheap: no I/O); the content then decides what a candidate really is
 * (image/sniff.ts and pdf/sniff.ts: extensions lie, so a "photo.png" holding text is skipped, not read).
 */
import { basename, extname } from 'node:path';
import { sniffFormat } from '../image/sniff.ts';
import { isPdf } from '../pdf/sniff.ts';

/** The extensions of every format image/sniff.ts decodes, and PDF. */
export const READABLE_EXTENSIONS: ReadonlySet<string> = new Set([
  'png', 'jpg', 'jpeg', 'jpe', 'jfif', 'gif', 'webp', 'tif', 'tiff', 'avif', 'heic', 'heif', 'svg', 'bmp', 'dib', 'ico',
  'icns', 'jp2', 'j2k', 'jpf', 'jpx', 'sgi', 'rgb', 'pdf',
]);

/**
 * Files that are on their way, not there yet: browsers' and download managers' partial files, editors' and Office's
 * lock and swap files, and temporary files that are renamed into place when complete (the rename is then seen).
 */
const PARTIAL_SUFFIXES = ['.crdownload', '.part', '.partial', '.download', '.tmp', '.temp', '.swp', '.opdownload', '~'];

/** What a name says: read it (after it settles and its content agrees), skip it with a line, or ignore it silently. */
export type NameKind = { kind: 'candidate' } | { kind: 'ignore' } | { kind: 'skip'; reason: string };

/**
 * Readout's own text written beside an input (beside-text.ts): `scan.png.txt` or `scan.png.readout.txt`, that is
 * a readable file's whole name followed by .txt. Recognised by name alone, so a restarted watcher knows them too.
 */
export function isBesideTextName(name: string): boolean {
  const lower = name.toLowerCase();
  if (!lower.endsWith('.txt')) return false;
  const stem = lower.endsWith('.readout.txt') ? lower.slice(0, -'.readout.txt'.length) : lower.slice(0, -'.txt'.length);
  return READABLE_EXTENSIONS.has(extname(stem).slice(1));
}

export function classifyName(path: string): NameKind {
  const name = basename(path);
  const lower = name.toLowerCase();
  // Hidden files (.DS_Store, .~lock.x#, a sync tool's .partial files) and Office's owner files (~$report.docx).
  if (name.startsWith('.') || name.startsWith('~$')) return { kind: 'ignore' };
  if (PARTIAL_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return { kind: 'ignore' };
  if (isBesideTextName(name)) return { kind: 'ignore' };
  const extension = extname(lower).slice(1);
  // No extension at all (a camera's or a script's output): the content decides.
  if (extension === '' || READABLE_EXTENSIONS.has(extension)) return { kind: 'candidate' };
  return { kind: 'skip', reason: 'not an image or PDF' };
}

/** What the first bytes of a candidate are; null when neither an image nor a PDF (the reason then says what it is). */
export function contentKind(bytes: Uint8Array): { kind: 'image' | 'pdf' } | { kind: null; reason: string } {
  if (isPdf(bytes)) return { kind: 'pdf' };
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === 'image') return { kind: 'image' };
  const what = sniffed.format === 'text' ? ' (it holds text)' : sniffed.format === 'zip' || sniffed.format === 'gzip' ? ` (it is a ${sniffed.format} archive)` : '';
  return { kind: null, reason: `not an image or PDF${what}` };
}

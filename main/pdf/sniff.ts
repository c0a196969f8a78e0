import { sniffFormat } from '../image/sniff.ts';

/**
 * Whether bytes are a PDF. A file that starts as an image is one, whatever its first kilobyte holds (bad-input
 * review 2, L3: a PNG whose text chunk says "converted from %PDF-1.7" was refused as a broken PDF); otherwise
 * "%PDF-" within the first kilobyte, as readers accept it (PDF 32000-1 annex H.3: Acrobat finds the header there).
 */
export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('%PDF-')) return true;
  if (sniffFormat(bytes).kind === 'image') return false;
  return head.includes('%PDF-');
}

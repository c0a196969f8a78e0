/** An export written to a file, with each entry's image beside it when asked: shared by the app and the CLI. */
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { EXPORT_FORMATS, exportEntries, type ExportFormat, type ExportOptions } from './export.ts';
import { shownText } from './rows.ts';
import type { SearchablePage } from '../pdf/searchable.ts';
import { isPdf } from '../pdf/sniff.ts';
import { ReadoutError } from '../errors.ts';
import type { HistoryStore } from './store.ts';
import type { Entry } from './types.ts';

const EXTENSIONS: Record<string, string> = { 'image/png': '.png', 'image/jpeg': '.jpg' };

/** Writes `entries` to `path`; images go to a folder named after the file. Resolves with the count written. */
export function exportToFile(
  store: HistoryStore,
  entries: Iterable<Entry>,
  format: ExportFormat,
  path: string,
  options: { images?: boolean } = {},
): Promise<number> {
  const exportOptions: ExportOptions = {};
  if (options.images) {
    const folder = join(dirname(path), `${basename(path, extname(path))}-images`);
    mkdirSync(folder, { recursive: true });
    exportOptions.imageLink = (entry) => {
      const stored = entry.hasImage ? store.image(entry.id) : null;
      if (!stored?.image) return null;
      const file = join(folder, `${entry.id}${EXTENSIONS[stored.mime] ?? '.img'}`);
      writeFileSync(file, stored.image);
      return relative(dirname(path), file).split('\\').join('/');
    };
  }
  // The file is opened before anything is exported, and every write error rejects: an export that says it wrote
  // entries has written them (bad-input review M4: a missing folder once reported "exported 40 entries").
  const out = createWriteStream(path);
  return new Promise((resolve, reject) => {
    let failed = false;
    out.on('error', (error) => {
      failed = true;
      reject(new ReadoutError('export-failed', `${path}: the export could not be written (${error.message})`, { cause: error }));
    });
    out.on('open', () => {
      let count: number;
      try {
        count = exportEntries(entries, format, (chunk) => out.write(chunk), exportOptions);
      } catch (error) {
        out.destroy();
        reject(error);
        return;
      }
      out.end((error?: Error | null) => {
        if (!error && !failed) resolve(count);
      });
    });
  });
}

/** What can be written to a file: the text formats, and a searchable PDF of the entries' images (pdf/searchable.ts). */
export const FILE_EXPORT_FORMATS = [...EXPORT_FORMATS, 'pdf'] as const;
export type FileExportFormat = (typeof FILE_EXPORT_FORMATS)[number];

/**
 * The entries as one searchable PDF, a page each (their stored images, their text laid invisibly over them: at the
 * words' places where the engine gave them and the text is not edited, else as lines down the page). Entries
 * without a stored image have no page to carry their text and are left out. Resolves with the pages written.
 */
export async function exportSearchablePdf(
  store: HistoryStore,
  entries: Iterable<Entry>,
  path: string,
  // pdf-lib loaded when a PDF is first exported; the app passes it in (a split chunk would be unpacked with the worker's).
  build: (pages: SearchablePage[]) => Promise<Uint8Array> = async (pages) => (await import('../pdf/searchable.ts')).searchablePdf(pages),
): Promise<number> {
  const pages: SearchablePage[] = [];
  // A PDF's pages are taken from the original file where it is still there and still the PDF it was.
  const originals = new Map<string, Uint8Array | null>();
  const originalOf = (entry: Entry): SearchablePage['original'] => {
    if (!entry.document || entry.source.kind !== 'file') return null;
    const path = entry.source.path;
    if (!originals.has(path)) {
      let bytes: Uint8Array | null = null;
      try {
        bytes = readFileSync(path);
      } catch {
        // Moved or deleted since: the page's image stands in.
      }
      originals.set(path, bytes && isPdf(bytes) ? bytes : null);
    }
    const pdf = originals.get(path);
    return pdf ? { pdf, page: entry.document.page } : null;
  };
  for (const entry of entries) {
    const stored = entry.hasImage ? store.image(entry.id) : null;
    if (!stored?.image || !entry.width || !entry.height) continue;
    const original = originalOf(entry);
    // A page whose text came from its own text layer keeps that layer when it is the original: nothing to add.
    const ownText = original && entry.engine === 'pdf';
    pages.push({ image: stored.image, mime: stored.mime, width: entry.width, height: entry.height, text: ownText ? '' : shownText(entry), words: ownText || entry.editedText !== null ? null : entry.words, original });
  }
  if (pages.length === 0) throw new ReadoutError('export-empty', `${path}: none of these entries has an image to make a page of (images are not kept, or were pruned).`);
  try {
    await writeFile(path, await build(pages));
  } catch (error) {
    throw new ReadoutError('export-failed', `${path}: the export could not be written (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return pages.length;
}

/** An export written to a file, with each entry's image beside it when asked: shared by the app and the CLI. */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { EXPORT_FORMATS, exportEntries, type ExportFormat, type ExportOptions } from './export.ts';
import { outputRefused } from './export-pdf.ts';
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
  // Only a regular file (or a new one) is written: a FIFO would wait for a reader forever (review 2, M2; export-pdf.ts).
  const refused = outputRefused(path);
  if (refused) return Promise.reject(refused);
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

// The searchable PDF is written a page at a time from the stored images (export-pdf.ts).
export { exportSearchablePdf } from './export-pdf.ts';

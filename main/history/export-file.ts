/** An export written to a file, with each entry's image beside it when asked: shared by the app and the CLI. */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { exportEntries, type ExportFormat, type ExportOptions } from './export.ts';
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
  const out = createWriteStream(path);
  const count = exportEntries(entries, format, (chunk) => out.write(chunk), exportOptions);
  return new Promise((resolve, reject) => {
    out.on('error', reject);
    out.end(() => resolve(count));
  });
}

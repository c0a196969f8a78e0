/**
 * The window's exports written to the file the user chose (review M14): the readable formats of export-readable.ts,
 * a Markdown file's images in a folder beside it only when asked, and a name to offer in the save dialog that says
 * what is in the file. The `readout history export` command keeps export-file.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { ReadoutError } from '../errors.ts';
import type { LineMode } from '../text/line-modes.ts';
import { entriesDocx, entryName, localTime, readableMarkdown, readableText, READABLE_FORMATS, tablesCsv, tablesXlsx, entryTable, type ReadableFormat } from './export-readable.ts';
import type { HistoryStore } from './store.ts';
import type { Entry } from './types.ts';

/** What the window may ask for (preload/api.ts ExportFormat): the readable formats, every field as JSON, a searchable PDF. */
export const WINDOW_EXPORT_FORMATS = [...READABLE_FORMATS, 'json', 'pdf'] as const;

export const isReadableFormat = (format: string): format is ReadableFormat => (READABLE_FORMATS as readonly string[]).includes(format);

/** Characters no file system takes in a name (Windows' set, the strictest), and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/**
 * The name the save dialog offers: one entry's own name (a file's without its extension, "Screen capture"), a PDF
 * document's name, or "Readout export" and the local date for several; then the format's extension.
 */
export function exportFileName(entries: readonly Pick<Entry, 'source' | 'document' | 'createdAt'>[], extension: string, timeZone?: string): string {
  const first = entries[0];
  const oneDocument = first?.document && entries.every((entry) => entry.document?.id === first.document!.id);
  let stem: string;
  if (first && (entries.length === 1 || oneDocument)) {
    const base = first.source.kind === 'file' || first.source.kind === 'drop' ? (first.source.name ?? '') : '';
    stem = base ? basename(base, extname(base)) : entryName({ ...first, document: null } as Entry);
    if (first.document && entries.length === 1) stem = `${stem} p${first.document.page}`;
  } else {
    stem = `Readout export ${localTime(Date.now(), timeZone).slice(0, 10)}`;
  }
  const safe = stem.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 80).trim();
  return `${safe || 'Readout export'}.${extension}`;
}

const IMAGE_EXTENSIONS: Record<string, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' };

/** Each entry's image into `<file>-images/`, named by the entry's place in the export (no internal ids). */
function imageWriter(store: HistoryStore, path: string): (entry: Entry) => string | null {
  const folder = join(dirname(path), `${basename(path, extname(path))}-images`);
  let made = false;
  let n = 0;
  return (entry) => {
    const stored = entry.hasImage ? store.image(entry.id) : null;
    if (!stored?.image) return null;
    if (!made) mkdirSync(folder, { recursive: true }), (made = true);
    const file = join(folder, `${++n}${IMAGE_EXTENSIONS[stored.mime] ?? '.img'}`);
    writeFileSync(file, stored.image);
    return relative(dirname(path), file).split('\\').join('/');
  };
}

export interface ReadableFileOptions {
  mode: LineMode;
  /** Markdown: the images beside the file. */
  images?: boolean;
  timeZone?: string;
}

/**
 * Writes `entries` to `path` in `format`; resolves with how many entries the file holds (for a table format, the
 * entries whose table it holds). A table format where no entry holds a table is refused before anything is written.
 */
export async function exportReadable(store: HistoryStore, entries: readonly Entry[], format: ReadableFormat, path: string, options: ReadableFileOptions): Promise<number> {
  const shape = { mode: options.mode, ...(options.timeZone ? { timeZone: options.timeZone } : {}) };
  let content: string | Buffer;
  let count = entries.length;
  try {
    switch (format) {
      case 'txt':
        content = readableText(entries, shape);
        break;
      case 'md':
        content = readableMarkdown(entries, options.images ? { ...shape, imageLink: imageWriter(store, path) } : shape);
        break;
      case 'docx':
        content = await entriesDocx(entries, shape);
        break;
      case 'csv':
      case 'xlsx': {
        const table = format === 'csv' ? tablesCsv(entries) : await tablesXlsx(entries);
        if (table === null) throw new ReadoutError('export-no-table', 'None of these entries holds a table to export.');
        content = table;
        count = entries.filter((entry) => entryTable(entry) !== null).length;
        break;
      }
    }
    await writeFile(path, content);
  } catch (error) {
    if (error instanceof ReadoutError) throw error;
    throw new ReadoutError('export-failed', `${path}: the export could not be written (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return count;
}

/**
 * The entries as one searchable PDF, a page each: their stored images, their text laid invisibly over them (at the
 * words' places where the engine gave them and the text is not edited, else as lines down the page). Written to the
 * file a page at a time, each entry's image read from the history as its page is written (bad-input review 2, H5).
 * The page is always the stored image, never the original file read again: that file may since have become a FIFO,
 * a link to /dev/zero or a PDF holding a bomb (H6), and the history is the record of what was read.
 * Entries without a stored image have no page to carry their text and are left out.
 */
import { constants, statSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { ReadoutError } from '../errors.ts';
import { writeSearchablePdf, type SearchablePage } from '../pdf/searchable.ts';
import { shownText } from './rows.ts';
import type { HistoryStore } from './store.ts';
import type { Entry } from './types.ts';

/** Each entry with an image as a page, read from the store only when its page is written. */
function* pagesOf(store: HistoryStore, entries: Iterable<Entry>): Generator<SearchablePage> {
  for (const entry of entries) {
    const stored = entry.hasImage ? store.image(entry.id) : null;
    if (!stored?.image || !entry.width || !entry.height) continue;
    yield { image: stored.image, mime: stored.mime, width: entry.width, height: entry.height, text: shownText(entry), words: entry.editedText !== null ? null : entry.words };
  }
}

/**
 * Opens `path` to be written, refusing at once what is not a regular file (a FIFO would wait for a reader forever; a
 * device is no export). O_NONBLOCK makes a FIFO that appears after the check fail to open instead of waiting.
 */
async function openOutput(path: string): Promise<FileHandle> {
  const refused = outputRefused(path);
  if (refused) throw refused;
  return open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NONBLOCK, 0o644);
}

/** Why `path` cannot be an export's file (it exists and is a FIFO, a device, a folder), or null. Links are followed. */
export function outputRefused(path: string): ReadoutError | null {
  const existing = statSync(path, { throwIfNoEntry: false });
  return existing && !existing.isFile() ? new ReadoutError('export-failed', `${path}: the export could not be written (it is not a regular file)`) : null;
}

/** Writes the PDF; resolves with the pages written. A failed or empty export leaves no file behind. */
export async function exportSearchablePdf(store: HistoryStore, entries: Iterable<Entry>, path: string): Promise<number> {
  let file: FileHandle | null = null;
  let count = 0;
  try {
    file = await openOutput(path);
    count = await writeSearchablePdf(file, pagesOf(store, entries));
    await file.close();
    file = null;
  } catch (error) {
    await file?.close().catch(() => {});
    if (file) await rm(path, { force: true });
    if (error instanceof ReadoutError) throw error;
    throw new ReadoutError('export-failed', `${path}: the export could not be written (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (count === 0) {
    await rm(path, { force: true });
    throw new ReadoutError('export-empty', `${path}: none of these entries has an image to make a page of (images are not kept, or were pruned).`);
  }
  return count;
}

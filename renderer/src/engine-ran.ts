/**
 * Whether an engine read the entry at all. A file that could not be opened (not an image, damaged, a PDF's password)
 * failed before any engine saw it, so its row and result name no engine (review 2, L18: such rows said "Offline").
 */
import type { EntryStatus } from '../../preload/api.ts';

/** Codes of failures that happen while a file is opened, before it reaches an engine. */
const BEFORE_READING = /^(image-|file-|pdf-)/;

export function engineRan(entry: { status: EntryStatus; error: { code: string } | null }): boolean {
  return !(entry.status === 'failed' && entry.error !== null && BEFORE_READING.test(entry.error.code));
}

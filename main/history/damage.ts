/**
 * Remembering that a history file was found damaged. SQLite notices damage only when a read or write touches a
 * broken page, and checking a whole file (PRAGMA quick_check) costs seconds on a large history, too much for every
 * command. So the first command that meets the damage leaves a note beside the file, and every later recording
 * into it warns (bad-input review M6). The note names the file's inode: a new file in its place is not damaged.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

const noteFor = (path: string): string => `${path}.damaged`;

const inodeOf = (path: string): number | null => {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
};

export function markDamaged(path: string, reason: string): void {
  try {
    writeFileSync(noteFor(path), JSON.stringify({ inode: inodeOf(path), reason, at: new Date().toISOString() }));
  } catch {
    // A folder that cannot take the note cannot take new entries either: the error itself was already reported.
  }
}

/** Why the file at `path` is known to be damaged, or null. */
export function knownDamage(path: string): string | null {
  let note: { inode?: number | null; reason?: string };
  try {
    note = JSON.parse(readFileSync(noteFor(path), 'utf8')) as typeof note;
  } catch {
    return null;
  }
  if (note.inode !== inodeOf(path)) {
    rmSync(noteFor(path), { force: true });
    return null;
  }
  return note.reason ?? 'damaged';
}

/**
 * Writes a file whole or not at all: into a temporary name beside it (same folder, so the same file system), flushed,
 * then renamed over the target. rename(2) replaces the target atomically on POSIX; on Windows libuv's rename replaces
 * an existing file too (MoveFileEx with MOVEFILE_REPLACE_EXISTING). A reader sees the old file or the new one, never
 * half of one, and a crash leaves at most a stray temporary file (named so the watcher ignores it: file-kinds.ts).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  // Hidden and ending in .tmp: ignored by a watcher, whatever the folder.
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

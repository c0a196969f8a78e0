/**
 * A small file the user names (a --schema, a pack's tarball) read through the same gate as inputs (read-input.ts), and
 * synchronously, for the places that parse options (bad-input review 2, M2): opened without blocking, so a FIFO with
 * no writer fails at once instead of waiting; checked on the open descriptor (fstat), so what is read is what was
 * checked: a regular file, no larger than the limit; and read only up to the limit, whatever the file does meanwhile.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ReadoutError } from './errors.ts';
import { REASONS } from './read-input.ts';


/** The file's bytes; a ReadoutError ('file-unreadable', 'file-too-large') that says why not, in words. */
export function readNamedFileSync(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ReadoutError('file-unreadable', `cannot be read (${REASONS[code] ?? (code || 'unknown error')})`, { cause: error });
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new ReadoutError('file-unreadable', `cannot be read (${REASONS.EISDIR})`);
    if (!info.isFile()) throw new ReadoutError('file-unreadable', `cannot be read (${REASONS.ENXIO})`);
    if (info.size > maxBytes) throw new ReadoutError('file-too-large', `is ${info.size.toLocaleString('en')} bytes, more than the ${maxBytes.toLocaleString('en')} such a file may be`);
    // One byte past the limit is asked for, so a file that grew after fstat is still refused.
    const buffer = Buffer.alloc(maxBytes + 1);
    let read = 0;
    for (let got = -1; got !== 0 && read < buffer.length; read += got) got = readSync(fd, buffer, read, buffer.length - read, null);
    if (read > maxBytes) throw new ReadoutError('file-too-large', `is more than the ${maxBytes.toLocaleString('en')} bytes such a file may be`);
    return buffer.subarray(0, read);
  } catch (error) {
    if (error instanceof ReadoutError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ReadoutError('file-unreadable', `cannot be read (${REASONS[code] ?? (code || 'unknown error')})`, { cause: error });
  } finally {
    closeSync(fd);
  }
}

/** Text that is UTF-8 (a byte-order mark allowed), or null: a Latin-1 or UTF-16 file is not read as if it were. */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

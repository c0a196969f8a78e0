/** Reading a named file or stdin, with errors that say what is wrong in words. */
import { readFile, stat } from 'node:fs/promises';
import { ReadoutError } from './errors.ts';

/** Far past any real screenshot or scan; stops a mistyped path to a disk image from being read into memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** errno codes in words, for every file the user names (inputs here, options in named-file.ts). */
export const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  ENXIO: 'it is a device, pipe or socket, not a regular file',
};

export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    // A device (/dev/zero) or a pipe has no size to check and may never end, or never start: only regular files are
    // read (bad-input review H1). stat() does not open, so a FIFO with no writer cannot hang here.
    if (!info.isFile()) {
      throw new ReadoutError('file-unreadable', `${path}: cannot read the file (it is a device, pipe or socket, not a regular file; use - to read standard input)`);
    }
    if (info.size > MAX_FILE_BYTES) {
      throw new ReadoutError('file-too-large', `${path}: the file is ${Math.round(info.size / 2 ** 20)} MB; Readout reads images up to 256 MB`);
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof ReadoutError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ReadoutError('file-unreadable', `${path}: cannot read the file (${REASONS[code] ?? code ?? 'unknown error'})`, { cause: error });
  }
}

export async function readStream(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_FILE_BYTES) throw new ReadoutError('file-too-large', 'stdin: more than 256 MB; Readout reads images up to 256 MB');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

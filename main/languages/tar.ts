/**
 * The files in a tar archive (POSIX ustar, as npm packs a package), read from memory. Each header's checksum is
 * checked and the archive must end with its end-of-archive block, so a damaged or cut-short archive is refused
 * rather than read in part. The integrity check comes first (integrity.ts): this is the second line, and what
 * explains a file that is not a package at all.
 */

export interface TarEntry {
  name: string;
  /** '0' for a file, '5' a folder, others as ustar names them. */
  type: string;
  data: Uint8Array;
}

export class TarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarError';
  }
}

const BLOCK = 512;

const text = (bytes: Uint8Array): string => {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end));
};

/**
 * A numeric field: octal digits, then only spaces or NULs to its end (POSIX: "terminated by one or more space or
 * null characters"). Whatever follows the digits is checked too: the checksum field's own terminator is the one
 * part of a header its checksum cannot cover.
 */
function octal(bytes: Uint8Array, field: string, at: number): number {
  const digits = /^ *([0-7]+)[ \0]*$/.exec(String.fromCharCode(...bytes));
  if (!digits) throw new TarError(`the ${field} of the header at byte ${at} is not a number`);
  return Number.parseInt(digits[1]!, 8);
}

/** The header's checksum: the sum of its bytes, the checksum field counted as spaces. */
function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

const isZero = (block: Uint8Array): boolean => block.every((byte) => byte === 0);

/** The value of `path` in a pax extended header ("<length> path=<value>\n" records). */
function paxPath(data: Uint8Array): string | undefined {
  let rest = new TextDecoder().decode(data);
  while (rest.length > 0) {
    const space = rest.indexOf(' ');
    const length = Number.parseInt(rest.slice(0, space), 10);
    if (space <= 0 || !Number.isFinite(length) || length <= space) return undefined;
    const record = rest.slice(space + 1, length - 1);
    if (record.startsWith('path=')) return record.slice('path='.length);
    rest = rest.slice(length);
  }
  return undefined;
}

export function* tarEntries(archive: Uint8Array): Generator<TarEntry> {
  let at = 0;
  let longName: string | undefined;
  while (true) {
    if (at + BLOCK > archive.length) throw new TarError('the archive ends before its end-of-archive block (it is cut short)');
    const header = archive.subarray(at, at + BLOCK);
    if (isZero(header)) return;
    if (octal(header.subarray(148, 156), 'checksum', at) !== checksum(header)) throw new TarError(`the header at byte ${at} is damaged (its checksum does not match)`);
    const size = octal(header.subarray(124, 136), 'size', at);
    const type = String.fromCharCode(header[156]! || 0x30);
    const start = at + BLOCK;
    if (start + size > archive.length) throw new TarError(`the archive is cut short inside ${text(header.subarray(0, 100)) || 'an entry'}`);
    const data = archive.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    // Long names come in an entry of their own before the file they name: pax (x) or GNU (L).
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = text(data);
      continue;
    }
    if (type === 'g') continue;
    const ustar = text(header.subarray(257, 263)) === 'ustar';
    const prefix = ustar ? text(header.subarray(345, 500)) : '';
    const short = text(header.subarray(0, 100));
    yield { name: longName ?? (prefix ? `${prefix}/${short}` : short), type, data };
    longName = undefined;
  }
}

/**
 * A pack's tarball checked and opened: its sha512 must be the pinned one (catalog.ts), then the one model file the
 * pack installs is taken out of it. Every refusal names the file and the cause.
 */
import { gunzipSync } from 'node:zlib';
import { ReadoutError } from '../errors.ts';
import { tarballName, tarballPath, type PackSource } from './catalog.ts';
import { integrityOf, matchesIntegrity } from './integrity.ts';
import { TarError, tarEntries } from './tar.ts';

/** The tarball's bytes are the pinned package, or this says why not; `file` names where they came from. */
export function checkTarball(bytes: Uint8Array, source: PackSource, file: string): void {
  const again = `get ${tarballName(source)} again (npm pack ${source.name}@${source.version})`;
  if (bytes.length < source.size) {
    throw new ReadoutError('language-integrity', `${file} is not ${source.name} ${source.version} as published: it has ${bytes.length} bytes of its ${source.size} (cut short, or another file); ${again}.`);
  }
  if (!matchesIntegrity(bytes, source.integrity)) {
    throw new ReadoutError(
      'language-integrity',
      `${file} is not ${source.name} ${source.version} as published: its sha512 (${integrityOf(bytes)}) differs from the one Readout pins. The file is damaged or was changed; ${again}.`,
    );
  }
}

/** The model file out of a checked tarball. */
export function extractModel(bytes: Uint8Array, source: PackSource, file: string): Uint8Array {
  checkTarball(bytes, source, file);
  const wanted = tarballPath(source);
  try {
    // The files inside are gzipped already: the archive is barely larger than the tarball (a bound, not a guess).
    const archive = gunzipSync(bytes, { maxOutputLength: 2 * source.size + 2 ** 20 });
    for (const entry of tarEntries(archive)) {
      if (entry.name === wanted && entry.type === '0') return new Uint8Array(entry.data);
    }
  } catch (error) {
    const cause = error instanceof TarError ? error.message : error instanceof Error ? error.message : String(error);
    throw new ReadoutError('language-damaged', `${file} cannot be unpacked: ${cause}.`, { cause: error });
  }
  throw new ReadoutError('language-damaged', `${file} holds no ${wanted}.`);
}

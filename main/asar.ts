/**
 * Paths that native code opens must be real files. Inside a packaged app, modules live in resources/app.asar, an
 * archive that only Electron's JavaScript file system can read; onnxruntime's loader, a worker's script and the ONNX
 * models are opened by native code, which sees app.asar as one file (docs/tutorial/asar-archives.md, "Executing
 * binaries inside ASAR archive"; review B1). electron-builder puts the files that asarUnpack names beside it, in
 * app.asar.unpacked, at the same relative path; this maps one to the other.
 */
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKED = `${sep}app.asar${sep}`;
const UNPACKED = `${sep}app.asar.unpacked${sep}`;

/** `path` inside app.asar as the same path in app.asar.unpacked; any other path as it is. */
export function unpackedPath(path: string): string {
  const at = path.lastIndexOf(PACKED);
  return at === -1 ? path : `${path.slice(0, at)}${UNPACKED}${path.slice(at + PACKED.length)}`;
}

/** The same for a file: URL (import.meta.url). */
export function unpackedUrl(url: URL): URL {
  return url.protocol === 'file:' ? pathToFileURL(unpackedPath(fileURLToPath(url))) : url;
}

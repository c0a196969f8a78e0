/**
 * Image and PDF files named on a command line (a second launch, "Open with"), ignoring Electron's and Chromium's own
 * flags.
 */
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'jpe', 'webp', 'gif', 'tif', 'tiff', 'bmp', 'dib', 'ico', 'cur', 'icns', 'jp2', 'j2k', 'jpf', 'jpx', 'sgi', 'rgb', 'bw', 'avif', 'heic', 'svg'];

/** Documents read page by page (main/pdf). */
export const DOCUMENT_EXTENSIONS = ['pdf'];
/** What the Open dialog offers and a command line may name. */
export const OPENABLE_EXTENSIONS = [...IMAGE_EXTENSIONS, ...DOCUMENT_EXTENSIONS];

export function imageArgs(argv: string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && OPENABLE_EXTENSIONS.includes(extname(arg).slice(1).toLowerCase()))
    .map((arg) => resolve(cwd, arg))
    .filter((path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false;
      }
    });
}

/** Image files named on a command line (a second launch, "Open with"), ignoring Electron's and Chromium's own flags. */
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'jpe', 'webp', 'gif', 'tif', 'tiff', 'bmp', 'dib', 'ico', 'cur', 'icns', 'jp2', 'j2k', 'jpf', 'jpx', 'sgi', 'rgb', 'bw', 'avif', 'heic', 'svg'];

export function imageArgs(argv: string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && IMAGE_EXTENSIONS.includes(extname(arg).slice(1).toLowerCase()))
    .map((arg) => resolve(cwd, arg))
    .filter((path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false;
      }
    });
}

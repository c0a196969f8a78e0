/**
 * Image and PDF files named on a command line (a second launch, "Open with"), ignoring Electron's and Chromium's own
 * flags. A file manager may pass them as paths or as file: URLs: electron-builder's desktop entry ends `Exec=… %U`
 * (app-builder-lib LinuxTargetHelper), and the Desktop Entry spec lets %U hand local files over as `file://` URLs,
 * as GIO-based file managers (GNOME Files, Nemo, Caja) do, with `%20` for a space (review N5).
 */
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPENABLE_EXTENSIONS } from '../openable.ts';

/** A local file: URL as a path; anything else (another scheme, a remote host, a bad escape) as given. */
function localPath(arg: string): string | null {
  if (!/^file:/i.test(arg)) return /^[a-z][a-z0-9+.-]+:\/\//i.test(arg) ? null : arg;
  try {
    return fileURLToPath(arg);
  } catch {
    return null;
  }
}

export function imageArgs(argv: string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-'))
    .map(localPath)
    .filter((path): path is string => path !== null && OPENABLE_EXTENSIONS.includes(extname(path).slice(1).toLowerCase()))
    .map((path) => resolve(cwd, path))
    .filter((path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false;
      }
    });
}

/**
 * Where an Electron binary is, without requiring the electron package (which, from Electron 42, downloads one on
 * first require and fails where downloads are blocked). Mirrors node_modules/electron/index.js.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.ts';

const EXECUTABLES: Record<string, string> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

export function findElectron(): string | null {
  const packageDir = join(repoRoot, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (EXECUTABLES[process.platform] ?? 'electron');
  const candidates = [
    process.env.ELECTRON_OVERRIDE_DIST_PATH && join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable),
    join(packageDir, 'dist', executable),
  ];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path as string)) ?? null;
}

export const SKIP_REASON =
  'Electron end-to-end suite SKIPPED: no Electron binary found. Run `npx install-electron` (or a normal `npm install` ' +
  'where downloads work), or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding one.';

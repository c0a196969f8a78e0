/**
 * Where the Electron binary is, and fetching it when it is not there yet. Electron 45's npm package has no install
 * script: its binary is downloaded the first time `require('electron')` runs, or by its `install-electron` bin, and
 * only then is node_modules/electron/path.txt written (node_modules/electron/index.js, install.js). electron-vite
 * reads path.txt itself and throws "Electron uninstall" without it, unless ELECTRON_EXEC_PATH names the binary
 * (electron-vite's getElectronPath), so `npm start` and `npm run dev` go through scripts/electron-vite.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(repoRoot, 'node_modules/electron');

/** The executable inside a distribution folder, as install.js names it per platform. */
const EXECUTABLES: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/** The binary, if one is there: ELECTRON_OVERRIDE_DIST_PATH first (as electron's index.js), then the download. */
export function findElectron(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (EXECUTABLES[platform] ?? 'electron');
  const candidates = [env.ELECTRON_OVERRIDE_DIST_PATH && join(env.ELECTRON_OVERRIDE_DIST_PATH, executable), join(packageDir, 'dist', executable)];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path as string)) ?? null;
}

/** The binary, downloaded first if need be (once, about 100 MB); null with the reason printed when that fails. */
export function ensureElectron(env: NodeJS.ProcessEnv = process.env): string | null {
  const found = findElectron(env);
  if (found) return found;
  process.stderr.write('Readout: downloading the Electron runtime (first start only, about 100 MB)…\n');
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'inherit', env });
  const installed = result.status === 0 ? findElectron(env) : null;
  if (!installed) {
    process.stderr.write(
      'Readout: the Electron runtime could not be downloaded. Check your connection or proxy (ELECTRON_MIRROR picks ' +
        'another download site), or set ELECTRON_OVERRIDE_DIST_PATH to a folder that holds an Electron 45 build.\n',
    );
  }
  return installed;
}

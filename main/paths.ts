/**
 * Where Readout keeps its data when no folder is given: the folder Electron's app.getPath('userData') returns for an
 * app named "Readout", so the `readout` command and the app share one history.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Readout';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

export const historyFile = (dataDir: string): string => join(dataDir, 'history.sqlite');

/** Installed language packs (languages/store.ts): in the data folder, never in the app's package. */
export const languagesDir = (dataDir: string): string => join(dataDir, 'languages');

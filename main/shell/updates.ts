/**
 * Adapter: electron-updater behind the UpdateService (app/updates.ts), where this build has a feed: a packaged app
 * whose package carries app-update.yml (electron-builder writes it when a publish provider is configured).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { updateMode, UpdateService, type UpdateFeed, type UpdateMode, type UpdatePorts } from '../app/updates.ts';
import { errorMessage } from '../errors.ts';

/** electron-builder's resources/package-type ("deb", "rpm", "pacman"), where a Linux system package has one. */
function packageType(): string | null {
  try {
    return readFileSync(join(process.resourcesPath, 'package-type'), 'utf8');
  } catch {
    return null;
  }
}

/**
 * electron-updater, loaded only where there is a feed. Never throws: a build whose updater cannot load starts
 * without updates instead of not starting (review N14: this ran unguarded inside start()).
 */
async function updateFeed(mode: UpdateMode): Promise<UpdateFeed | null> {
  if (!app.isPackaged || !existsSync(join(process.resourcesPath, 'app-update.yml'))) return null;
  try {
    const { autoUpdater } = (await import('electron-updater')).default;
    autoUpdater.autoDownload = false;
    // macOS: on, so Squirrel.Mac fetches and stages the download while the app runs and applies it at quit; off
    // elsewhere, where the UpdateService installs at quit itself, once recognitions have settled (app/updates.ts).
    autoUpdater.autoInstallOnAppQuit = mode === 'installs-itself';
    autoUpdater.logger = null;
    // Unhandled 'error' events would throw from the emitter; the service hears of failures from its promises.
    autoUpdater.on('error', (error) => console.warn('The updater reported an error', errorMessage(error)));
    return autoUpdater;
  } catch (error) {
    console.warn('Updates are off: the updater could not be loaded', errorMessage(error));
    return null;
  }
}

export async function startUpdates(ports: Omit<UpdatePorts, 'feed' | 'mode'>): Promise<UpdateService> {
  const mode = updateMode(process.platform, packageType());
  const updates = new UpdateService({ ...ports, mode, feed: await updateFeed(mode) });
  updates.start();
  return updates;
}

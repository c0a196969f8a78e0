/**
 * The installed desktop entry that Wayland portals resolve Readout by (review M5). xdg-desktop-portal refuses
 * sessions, and GNOME 50 refuses GlobalShortcuts binds silently, for an app id with no matching .desktop file
 * (electron.d.ts, app.setDesktopName). The deb installs one (electron-builder's linux.syncDesktopName); an AppImage
 * installs none, so Readout writes its own into the user's applications folder, pointing at the AppImage.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quoteExecArg } from '../app/autostart.ts';

/** Where desktop entries are looked up: $XDG_DATA_HOME, then $XDG_DATA_DIRS (XDG Base Directory defaults). */
export function applicationDirs(env: NodeJS.ProcessEnv, home: string): string[] {
  const dataHome = env.XDG_DATA_HOME || join(home, '.local/share');
  const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  return [dataHome, ...dataDirs].map((dir) => join(dir, 'applications'));
}

export function installedDesktopEntry(desktopName: string, dirs: readonly string[], exists: (path: string) => boolean = existsSync): string | null {
  return dirs.map((dir) => join(dir, desktopName)).find((path) => exists(path)) ?? null;
}

/** Writes the user's own entry for an AppImage (whose path is $APPIMAGE); returns its path. */
export function installUserDesktopEntry(desktopName: string, applicationsDir: string, command: string[]): string {
  mkdirSync(applicationsDir, { recursive: true });
  const file = join(applicationsDir, desktopName);
  writeFileSync(
    file,
    ['[Desktop Entry]', 'Type=Application', 'Name=Readout', 'Comment=Read the text in any part of the screen', `Exec=${command.map(quoteExecArg).join(' ')} %F`, 'Terminal=false',
      'Categories=Utility;', 'MimeType=image/png;image/jpeg;image/webp;image/gif;image/tiff;image/bmp;image/avif;', `StartupWMClass=${desktopName.replace(/\.desktop$/, '')}`, ''].join('\n'),
  );
  return file;
}

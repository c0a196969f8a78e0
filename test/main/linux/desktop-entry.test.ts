import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationDirs, installedDesktopEntry, installUserDesktopEntry } from '../../../main/linux/desktop-entry.ts';
import { APP_ID, DESKTOP_NAME } from '../../../main/app/identity.ts';
import builder from '../../../electron-builder.ts';
import { repoRoot } from '../../support/paths.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

describe('the desktop entry Wayland portals need', () => {
  it('is looked up where the XDG spec says, user folder first', () => {
    expect(applicationDirs({}, '/home/u')).toEqual(['/home/u/.local/share/applications', '/usr/local/share/applications', '/usr/share/applications']);
    expect(applicationDirs({ XDG_DATA_HOME: '/d', XDG_DATA_DIRS: '/a:/b' }, '/home/u')).toEqual(['/d/applications', '/a/applications', '/b/applications']);
  });

  it('an AppImage writes its own, found afterwards under the reverse-DNS name', () => {
    const dir = join(tempDir(), 'applications');
    expect(installedDesktopEntry(DESKTOP_NAME, [dir])).toBeNull();
    const file = installUserDesktopEntry(DESKTOP_NAME, dir, ['/home/u/Apps/Readout 0.1.AppImage']);
    expect(installedDesktopEntry(DESKTOP_NAME, [dir])).toBe(file);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/u/Apps/Readout 0.1.AppImage" %F\n');
    expect(readFileSync(file, 'utf8')).toContain('StartupWMClass=org.readout.app\n');
  });

  it('is the name package.json and electron-builder.yml give the app', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { desktopName: string };
    expect(manifest.desktopName).toBe(DESKTOP_NAME);
    expect(builder.appId).toBe(APP_ID);
    expect(builder.linux?.syncDesktopName).toBe(true);
    expect(DESKTOP_NAME).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*){2,}\.desktop$/);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { autostartFile, setLinuxAutostart } from '../../../main/app/autostart.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

describe('Linux start at login', () => {
  it('writes a freedesktop autostart entry, and removes it', () => {
    const configHome = tempDir();
    setLinuxAutostart(true, { configHome, command: ['/opt/Readout/readout', '--hidden'] });
    const entry = readFileSync(autostartFile(configHome), 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Readout\nExec=/opt/Readout/readout --hidden\n');
    setLinuxAutostart(false, { configHome, command: [] });
    expect(existsSync(autostartFile(configHome))).toBe(false);
    setLinuxAutostart(false, { configHome, command: [] });
  });

  it('quotes paths with spaces and shell characters', () => {
    const configHome = tempDir();
    setLinuxAutostart(true, { configHome, command: ['/home/me/My Apps/Readout $1/readout'] });
    expect(readFileSync(autostartFile(configHome), 'utf8')).toContain('Exec="/home/me/My Apps/Readout \\$1/readout"');
  });
});

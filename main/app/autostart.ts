/**
 * "Start at login" on Linux, where Electron has no login-item API: the freedesktop autostart entry that every
 * desktop (GNOME, KDE, XFCE, …) reads from $XDG_CONFIG_HOME/autostart.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function autostartFile(configHome: string): string {
  return join(configHome, 'autostart', 'readout.desktop');
}

/** Quotes an Exec argument as the Desktop Entry spec asks. */
export const quoteExecArg = (arg: string): string => (/[\s"'\\$`]/.test(arg) ? `"${arg.replace(/(["\\$`])/g, '\\$1')}"` : arg);

export function setLinuxAutostart(enabled: boolean, options: { configHome: string; command: string[] }): void {
  const file = autostartFile(options.configHome);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(options.configHome, 'autostart'), { recursive: true });
  writeFileSync(
    file,
    ['[Desktop Entry]', 'Type=Application', 'Name=Readout', `Exec=${options.command.map(quoteExecArg).join(' ')}`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n'),
  );
}

/** Adapter: "Start at login" as each OS keeps it (app/login-items.ts decides when to write). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { autostartFile, setLinuxAutostart } from '../app/autostart.ts';
import { LOGIN_ARG } from '../app/identity.ts';
import { LoginItems } from '../app/login-items.ts';

export function loginItems(): LoginItems {
  if (process.platform === 'linux') {
    const configHome = () => process.env.XDG_CONFIG_HOME || join(app.getPath('home'), '.config');
    return new LoginItems({
      enabled: () => existsSync(autostartFile(configHome())),
      set: (enabled, args) => {
        // An AppImage runs from a temporary mount; its own path ($APPIMAGE) is the one to start.
        const command = [process.env.APPIMAGE ?? process.execPath, ...(app.isPackaged ? [] : [app.getAppPath()]), ...args];
        setLinuxAutostart(enabled, { configHome: configHome(), command });
      },
    });
  }
  return new LoginItems({
    // Windows compares the registry value with the executable *and the arguments* asked about: "you need to pass the
    // same arguments here" (docs/api/app.md, getLoginItemSettings `args`; browser_win.cc: open_at_login =
    // keyVal == exe(args)). Asked without LOGIN_ARG it never matched, so the item was rewritten at every start and a
    // stale one was never removed (review N13). macOS ignores `args`.
    enabled: () => app.getLoginItemSettings({ args: [LOGIN_ARG] }).openAtLogin,
    set: (openAtLogin, args) => app.setLoginItemSettings({ openAtLogin, args }),
  });
}

/**
 * The application menu, as a template (Electron's MenuItemConstructorOptions shape, typed here without electron).
 * Our own instead of Electron's default (review m11): no Reload or Force Reload (Ctrl+R would reload the app's page
 * and lose what is on it), no Toggle Developer Tools in a packaged app, no Help → electronjs.org; and Edit items with
 * their roles, without which copy, paste and select-all stop working in text fields on macOS.
 */
export type MenuRole =
  | 'appMenu' | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste'
  | 'pasteAndMatchStyle' | 'delete' | 'selectAll' | 'minimize' | 'zoom' | 'close' | 'front' | 'togglefullscreen'
  | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'toggleDevTools' | 'windowMenu';

export interface MenuTemplateItem {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

export interface MenuWords {
  file: string; open: string; capture: string; repeat: string; settings: string; history: string; edit: string;
  view: string; window: string; help: string; quit: string; about: string;
}

export interface MenuActions {
  open(): void;
  capture(): void;
  repeat(): void;
  settings(): void;
  history(): void;
}

const separator: MenuTemplateItem = { type: 'separator' };

export function applicationMenu(platform: NodeJS.Platform, words: MenuWords, actions: MenuActions, options: { devTools: boolean }): MenuTemplateItem[] {
  const mac = platform === 'darwin';
  const capture: MenuTemplateItem[] = [
    { label: words.capture, click: actions.capture },
    { label: words.repeat, click: actions.repeat },
    { label: words.open, accelerator: 'CmdOrCtrl+O', click: actions.open },
  ];
  const settings: MenuTemplateItem = { label: words.settings, accelerator: 'CmdOrCtrl+,', click: actions.settings };
  return [
    ...(mac
      ? [{ role: 'appMenu' as const, submenu: [{ role: 'about' as const }, separator, settings, separator, { role: 'services' as const }, separator, { role: 'hide' as const }, { role: 'hideOthers' as const }, { role: 'unhide' as const }, separator, { role: 'quit' as const }] }]
      : []),
    // macOS: Cmd+W closes (hides) the window in front, as in every Mac app; the Window menu role there has no Close
    // (lib/browser/api/menu-item-roles.ts: windowMenu is minimize, zoom, front on macOS), so File carries it (N8).
    // On Windows and Linux the Window menu role has Close (Ctrl+W) already.
    { label: words.file, submenu: [...capture, ...(mac ? [separator, { role: 'close' as const }] : [separator, settings, separator, { label: words.quit, role: 'quit' as const }])] },
    {
      label: words.edit,
      submenu: [
        { role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' },
        ...(mac ? [{ role: 'pasteAndMatchStyle' as const }] : []), { role: 'delete' }, separator, { role: 'selectAll' },
      ],
    },
    {
      label: words.view,
      submenu: [
        { label: words.history, accelerator: 'CmdOrCtrl+1', click: actions.history },
        separator, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' },
        ...(options.devTools ? [separator, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { label: words.window, role: 'windowMenu' },
    // About shows the version and licence (Electron's about panel on every platform; setAboutPanelOptions).
    { label: words.help, submenu: [{ label: words.about, role: 'about' }] },
  ];
}

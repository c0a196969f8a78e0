/** Review N8: Cmd+W closes the window in front on macOS; on Windows and Linux the Window role carries Close. */
import { describe, expect, it } from 'vitest';
import { applicationMenu, type MenuTemplateItem } from '../../../main/app/menu.ts';
import en from '../../../renderer/src/i18n/en.json' with { type: 'json' };

const actions = { open: () => undefined, capture: () => undefined, repeat: () => undefined, settings: () => undefined, history: () => undefined };
const roles = (items: MenuTemplateItem[]): string[] => items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);

describe('the menu’s Close', () => {
  it('is in the macOS File menu (Cmd+W), once', () => {
    const menu = applicationMenu('darwin', en.main.menu, actions, { devTools: false });
    expect(roles(menu).filter((role) => role === 'close')).toEqual(['close']);
    expect(roles(menu.find((item) => item.label === en.main.menu.file)!.submenu!)).toContain('close');
  });

  it('comes from the Window role on Windows and Linux, not twice', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menu = applicationMenu(platform, en.main.menu, actions, { devTools: false });
      expect(roles(menu)).toContain('windowMenu');
      expect(roles(menu)).not.toContain('close');
    }
  });
});

/** The main process's decisions, taken out of main/index.ts so they can run here: each as Electron will drive it. */
import { describe, expect, it } from 'vitest';
import { FileInbox, launchData } from '../../../main/app/file-inbox.ts';
import { LOGIN_ARG } from '../../../main/app/identity.ts';
import { LoginItems, startedAtLogin } from '../../../main/app/login-items.ts';
import { applicationMenu, type MenuTemplateItem } from '../../../main/app/menu.ts';
import { QuitSequence } from '../../../main/app/quit.ts';
import { overlaysOutdated } from '../../../main/capture/display-changes.ts';
import en from '../../../renderer/src/i18n/en.json' with { type: 'json' };

describe('LoginItems', () => {
  it('writes the login item only when the setting changes, with the login argument', () => {
    const writes: Array<[boolean, string[]]> = [];
    let os = false;
    const items = new LoginItems({ enabled: () => os, set: (enabled, args) => ((os = enabled), writes.push([enabled, args])) });
    items.apply(false);
    items.apply(true);
    items.apply(true);
    items.apply(true);
    items.apply(false);
    expect(writes).toEqual([[true, [LOGIN_ARG]], [false, []]]);
  });

  it('knows a login start by its argument or by macOS’s flag', () => {
    expect(startedAtLogin(['/opt/Readout/readout', LOGIN_ARG])).toBe(true);
    expect(startedAtLogin(['/opt/Readout/readout'], true)).toBe(true);
    expect(startedAtLogin(['/opt/Readout/readout', 'scan.png'])).toBe(false);
  });
});

describe('FileInbox', () => {
  it('keeps files that come before the app is ready, then hands them over first, in order', () => {
    const inbox = new FileInbox();
    inbox.add(['/a.png']);
    inbox.add(['/b.png']);
    const got: string[][] = [];
    inbox.deliverTo((paths) => got.push(paths));
    inbox.add(['/c.png']);
    inbox.add([]);
    expect(got).toEqual([['/a.png', '/b.png'], ['/c.png']]);
  });

  it('takes a second launch’s exact argv and cwd from its additional data, else the event’s', () => {
    const fallback = { argv: ['x'], cwd: '/' };
    expect(launchData({ argv: ['readout', 'a b.png'], cwd: '/home/u' }, fallback)).toEqual({ argv: ['readout', 'a b.png'], cwd: '/home/u' });
    expect(launchData({ argv: [1], cwd: '/' }, fallback)).toBe(fallback);
    expect(launchData(null, fallback)).toBe(fallback);
  });
});

describe('applicationMenu', () => {
  const actions = { open: () => undefined, capture: () => undefined, repeat: () => undefined, settings: () => undefined, history: () => undefined };
  const roles = (items: MenuTemplateItem[]): string[] => items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
  const labels = (items: MenuTemplateItem[]): string[] => items.flatMap((item) => [...(item.label ? [item.label] : []), ...labels(item.submenu ?? [])]);

  it('has Edit roles on every platform, and no reload or web help anywhere', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const menu = applicationMenu(platform, en.main.menu, actions, { devTools: false });
      expect(roles(menu)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
      expect(roles(menu)).not.toContain('reload');
      expect(roles(menu)).not.toContain('forceReload');
      expect(roles(menu)).not.toContain('toggleDevTools');
      expect(JSON.stringify(menu)).not.toMatch(/electronjs/i);
    }
    expect(roles(applicationMenu('darwin', en.main.menu, actions, { devTools: false }))[0]).toBe('appMenu');
    expect(labels(applicationMenu('linux', en.main.menu, actions, { devTools: false }))).toContain(en.main.menu.capture);
    expect(roles(applicationMenu('linux', en.main.menu, actions, { devTools: true }))).toContain('toggleDevTools');
  });
});

describe('QuitSequence', () => {
  it('holds the first quit, cancels the jobs, closes only after they settle, then quits', async () => {
    const steps: string[] = [];
    let running = true;
    let quit!: () => void;
    const quitted = new Promise<void>((resolve) => (quit = resolve));
    const sequence = new QuitSequence({
      cancelAll: () => steps.push('cancel'),
      idle: async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        running = false;
        steps.push('idle');
      },
      close: () => void steps.push(running ? 'closed while running!' : 'close'),
      quit: () => (steps.push('quit'), quit()),
      log: () => undefined,
    });
    expect(sequence.request()).toBe(true);
    expect(sequence.request()).toBe(true);
    await quitted;
    expect(steps).toEqual(['cancel', 'idle', 'close', 'quit']);
    expect(sequence.request()).toBe(false);
  });

  it('does not let a hung job hold the quit', async () => {
    let quit!: () => void;
    const quitted = new Promise<void>((resolve) => (quit = resolve));
    const logs: string[] = [];
    const sequence = new QuitSequence(
      { cancelAll: () => undefined, idle: () => new Promise(() => undefined), close: () => undefined, quit: () => quit(), log: (m) => logs.push(m) },
      { graceMs: 20 },
    );
    sequence.request();
    await quitted;
    expect(logs[0]).toMatch(/interrupted/);
  });
});

describe('overlaysOutdated', () => {
  it('rebuilds for new, removed, moved or rescaled displays, never for a work-area change', () => {
    expect(overlaysOutdated('display-added')).toBe(true);
    expect(overlaysOutdated('display-removed')).toBe(true);
    expect(overlaysOutdated('display-metrics-changed', ['workArea'])).toBe(false);
    expect(overlaysOutdated('display-metrics-changed', ['workArea', 'scaleFactor'])).toBe(true);
    expect(overlaysOutdated('display-metrics-changed', ['bounds'])).toBe(true);
  });
});

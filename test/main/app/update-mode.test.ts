/**
 * Reviews N3 and N14: how each package installs an update. macOS leaves it to Squirrel (nothing called at quit),
 * deb/rpm/pacman only say a version is out (no download, no pkexec at quit), NSIS and AppImage install at quit.
 */
import { describe, expect, it } from 'vitest';
import { updateMode, UpdateService, type UpdateFeed, type UpdateMode } from '../../../main/app/updates.ts';

function service(mode: UpdateMode, versions: string[]) {
  const calls: string[] = [];
  const said: string[] = [];
  let last: number | null = null;
  const feed: UpdateFeed = {
    checkForUpdates: async () => {
      const version = versions.shift();
      calls.push('check');
      return version ? { isUpdateAvailable: true, updateInfo: { version } } : { isUpdateAvailable: false, updateInfo: { version: '0.1.0' } };
    },
    downloadUpdate: async () => void calls.push('download'),
    quitAndInstall: (silent, runAfter) => void calls.push(`quitAndInstall(${silent}, ${runAfter})`),
  };
  const updates = new UpdateService({
    feed,
    mode,
    enabled: () => true,
    busy: () => false,
    ready: (version) => void said.push(`ready ${version}`),
    available: (version) => void said.push(`available ${version}`),
    lastCheck: { get: () => last, set: (at) => void (last = at) },
    log: () => undefined,
    setTimer: () => () => undefined,
  });
  return { updates, calls, said };
}

describe('updateMode', () => {
  it('is Squirrel on macOS, the package manager for Linux system packages, and install-at-quit elsewhere', () => {
    expect(updateMode('darwin', null)).toBe('installs-itself');
    for (const type of ['deb', 'rpm', 'pacman', 'deb\n']) expect(updateMode('linux', type)).toBe('notify');
    expect(updateMode('linux', null)).toBe('install-at-quit');
    expect(updateMode('win32', null)).toBe('install-at-quit');
  });
});

describe('UpdateService by mode', () => {
  it('macOS: downloads (Squirrel stages it), says so, and calls nothing at quit', async () => {
    const { updates, calls, said } = service('installs-itself', ['0.2.0']);
    expect(await updates.check()).toBe('ready');
    expect(updates.installOnQuit()).toBe(false);
    expect(calls).toEqual(['check', 'download']);
    expect(said).toEqual(['ready 0.2.0']);
  });

  it('deb/rpm: says a version is out, once per version, and never downloads or installs', async () => {
    const { updates, calls, said } = service('notify', ['0.2.0', '0.2.0', '0.3.0']);
    expect(await updates.check()).toBe('available');
    expect(await updates.check()).toBe('available');
    expect(await updates.check()).toBe('available');
    expect(updates.installOnQuit()).toBe(false);
    expect(calls).toEqual(['check', 'check', 'check']);
    expect(said).toEqual(['available 0.2.0', 'available 0.3.0']);
  });

  it('NSIS and AppImage: download, then install silently at quit without a restart', async () => {
    const { updates, calls } = service('install-at-quit', ['0.2.0']);
    await updates.check();
    expect(updates.installOnQuit()).toBe(true);
    expect(calls).toEqual(['check', 'download', 'quitAndInstall(true, false)']);
  });
});

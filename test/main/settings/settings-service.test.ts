import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../main/settings/schema.ts';
import { SettingsService } from '../../../main/settings/settings-service.ts';
import { settingsStoreOptions } from '../../../main/settings/store-options.ts';
import { FakeSafeStorage } from '../../support/safe-storage.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
const open = (dir: string, safe = new FakeSafeStorage(), platform: NodeJS.Platform = 'linux') => {
  const store = new Conf({ ...settingsStoreOptions('0.1.0'), configName: 'settings', projectName: 'readout-test', cwd: dir });
  return { service: new SettingsService(store, safe, platform), store, safe };
};

describe('SettingsService', () => {
  it('starts from defaults, with the platform’s hotkey', () => {
    expect(open(tempDir()).service.get()).toEqual(defaultSettings('linux'));
    expect(defaultSettings('linux')).toMatchObject({ hotkey: 'Alt+Shift+O', repeatHotkey: 'Alt+Shift+R', copyToClipboard: true, theme: 'system', engine: 'qwen' });
    expect(defaultSettings('darwin').hotkey).toBe('Command+Shift+O');
  });

  it('never defaults to a Ctrl+Alt hotkey off macOS: Windows reads it as AltGr, which types letters on many layouts', () => {
    for (const platform of ['win32', 'linux'] as const) {
      for (const hotkey of [defaultSettings(platform).hotkey, defaultSettings(platform).repeatHotkey]) {
        const keys = hotkey.split('+');
        expect(keys.includes('Alt') && (keys.includes('Control') || keys.includes('Ctrl') || keys.includes('CommandOrControl'))).toBe(false);
      }
    }
  });

  it('saves a change and reads it back after a restart', () => {
    const dir = tempDir();
    open(dir).service.update({ theme: 'dark', language: 'zh-CN', maxPixels: 2_000_000 });
    expect(open(dir).service.get()).toMatchObject({ theme: 'dark', language: 'zh-CN', maxPixels: 2_000_000 });
  });

  it('refuses invalid values and keeps the old ones', () => {
    const { service } = open(tempDir());
    expect(() => service.update({ theme: 'purple' as 'dark' })).toThrow(/theme/);
    expect(() => service.update({ minPixels: 5_000_000, maxPixels: 4_000_000 })).toThrow(/smallest image size/);
    expect(() => service.update({ baseUrl: 'ftp://example.com' })).toThrow(/baseUrl/);
    expect(service.get().theme).toBe('system');
  });

  it('falls back to the default, field by field, for a damaged saved value', () => {
    const { service, store } = open(tempDir());
    store.set('settings', { theme: 'neon', language: 'zh-CN', historyCapMb: -5 });
    expect(service.get()).toMatchObject({ theme: 'system', language: 'zh-CN', historyCapMb: 2048 });
  });

  it('keeps the API key only encrypted, and shows only its last four characters', async () => {
    const dir = tempDir();
    const { service, safe } = open(dir);
    expect(await service.setApiKey('  sk-abcdefgh12345678wxyz  ')).toEqual({ set: true, last4: 'wxyz', storage: 'os', withheldFrom: null });
    const file = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain('sk-abcdefgh');
    const reopened = open(dir, safe).service;
    await reopened.load();
    expect(reopened.apiKey()).toBe('sk-abcdefgh12345678wxyz');
    expect(service.clearApiKey()).toEqual({ set: false, last4: null, storage: 'os', withheldFrom: null });
    const cleared = open(dir, safe).service;
    await cleared.load();
    expect(cleared.apiKey()).toBeUndefined();
  });

  it('reads a key saved with the old synchronous safeStorage call, and re-encrypts it when the OS asks', async () => {
    const dir = tempDir();
    const { store, safe } = open(dir);
    store.set('secrets.apiKey', safe.encryptString('sk-saved-by-version-0.1').toString('base64'));
    const before = store.get('secrets.apiKey');
    safe.rotated = true;
    const { service } = open(dir, safe);
    await service.load();
    expect(service.apiKeyStatus()).toEqual({ set: true, last4: '-0.1', storage: 'os', withheldFrom: null });
    expect(store.get('secrets.apiKey')).not.toBe(before);
    const again = open(dir, safe).service;
    await again.load();
    expect(again.apiKey()).toBe('sk-saved-by-version-0.1');
  });

  it('treats a key it cannot decrypt (another user or machine) as no key', async () => {
    const dir = tempDir();
    const { store } = open(dir);
    store.set('secrets.apiKey', new FakeSafeStorage().encryptString('sk-from-elsewhere-000').toString('base64'));
    const { service } = open(dir);
    await service.load();
    expect(service.apiKeyStatus().set).toBe(false);
  });

  it('says when the OS has no real secret store, and saves nothing where it cannot encrypt', async () => {
    const weak = open(tempDir(), new FakeSafeStorage({ backend: 'basic_text' })).service;
    expect((await weak.setApiKey('sk-weakly-kept-key')).storage).toBe('weak');
    const dir = tempDir();
    const none = open(dir, new FakeSafeStorage({ available: false })).service;
    expect(await none.setApiKey('sk-session-only-key')).toEqual({ set: true, last4: '-key', storage: 'session', withheldFrom: null });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('session-only');
  });

  it('refuses something that is not a key', async () => {
    await expect(open(tempDir()).service.setApiKey('short')).rejects.toThrow(/does not look like an API key/);
  });

  it('tells listeners about changes', () => {
    const { service } = open(tempDir());
    const seen: string[] = [];
    service.onChange((settings) => seen.push(settings.theme));
    service.update({ theme: 'light' });
    expect(seen).toEqual(['light']);
  });
});

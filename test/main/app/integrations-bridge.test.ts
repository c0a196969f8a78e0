/**
 * The integrations' side of the bridge (issue 25): the three calls answered for the app's pages, every argument and
 * setting checked in main (the renderer is untrusted), and the Local API's token never in the window's settings.
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../preload/api.ts';
import { useIpcBridge } from '../../support/ipc-bridge.ts';

const setup = useIpcBridge();

describe('integrations over the bridge', () => {
  it('status: all off by default', async () => {
    const { call } = setup();
    await expect(call(CHANNELS.integrationsStatus)).resolves.toEqual({
      localApi: { state: 'off', url: null, token: null, error: null },
      watches: [],
      clipboardWatch: false,
    });
    const { settings } = (await call(CHANNELS.settingsGet)) as { settings: Record<string, unknown> };
    expect(settings).toMatchObject({ localApi: false, localApiPort: 1224, localApiLan: false, watchFolders: [], clipboardWatch: false });
  });

  it('chooseFolder is the folder picker: its path, or null when cancelled', async () => {
    const { app, call } = setup();
    await expect(call(CHANNELS.integrationsChooseFolder)).resolves.toBeNull();
    app.chooseFolder = '/home/me/Scans';
    await expect(call(CHANNELS.integrationsChooseFolder)).resolves.toBe('/home/me/Scans');
  });

  it('regenerateToken makes a token the window can show, kept out of its settings', async () => {
    const { call } = setup();
    const status = (await call(CHANNELS.integrationsRegenerateToken)) as { token: string; state: string };
    expect(status).toMatchObject({ state: 'off' });
    expect(status.token).toMatch(/^[\w-]{43}$/);
    const again = (await call(CHANNELS.integrationsRegenerateToken)) as { token: string };
    expect(again.token).not.toBe(status.token);
    expect(JSON.stringify(await call(CHANNELS.settingsGet))).not.toContain(again.token);
  });

  it.each([
    [CHANNELS.integrationsStatus, [{ all: true }]],
    [CHANNELS.integrationsRegenerateToken, ['mine']],
    [CHANNELS.integrationsChooseFolder, ['/etc']],
    [CHANNELS.settingsUpdate, [{ localApiPort: 80 }]],
    [CHANNELS.settingsUpdate, [{ localApiPort: 70000 }]],
    [CHANNELS.settingsUpdate, [{ localApiPort: 1224.5 }]],
    [CHANNELS.settingsUpdate, [{ localApiLan: 'yes' }]],
    [CHANNELS.settingsUpdate, [{ localApiToken: 'my-own-token-0123456789' }]],
    [CHANNELS.settingsUpdate, [{ watchFolders: [{ path: 'relative/dir', recursive: false, textBeside: false }] }]],
    [CHANNELS.settingsUpdate, [{ watchFolders: [{ path: '/a', recursive: false }] }]],
    [CHANNELS.settingsUpdate, [{ watchFolders: [{ path: '/a', recursive: false, textBeside: false, extra: 1 }] }]],
    [CHANNELS.settingsUpdate, [{ watchFolders: Array.from({ length: 21 }, (_, i) => ({ path: `/f${i}`, recursive: false, textBeside: false })) }]],
    [CHANNELS.settingsUpdate, [{ watchFolders: [{ path: '/a', recursive: false, textBeside: false }, { path: '/a', recursive: true, textBeside: false }] }]],
    [CHANNELS.settingsUpdate, [{ clipboardWatch: 1 }]],
  ])('refuses %s with %j', async (channel, args) => {
    const { call } = setup();
    await expect(call(channel, ...args)).rejects.toThrow(/\[ipc-invalid\]/);
  });

  it('takes 20 absolute folders', async () => {
    const { call } = setup();
    const folders = Array.from({ length: 20 }, (_, i) => ({ path: `/missing/f${i}`, recursive: i % 2 === 0, textBeside: false }));
    await expect(call(CHANNELS.settingsUpdate, { watchFolders: folders })).resolves.toMatchObject({ watchFolders: folders });
  });
});

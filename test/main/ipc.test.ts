import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../preload/api.ts';
import { APP_PAGE as PAGE, useIpcBridge } from '../support/ipc-bridge.ts';

const bridge = useIpcBridge();
/** Each call names the page that asks. */
const setup = () => {
  const made = bridge();
  return { ...made, call: made.callFrom };
};

describe('registerIpc', () => {
  it('handles every channel of the contract', () => {
    expect([...setup().handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
  });

  it('answers the app’s own pages', async () => {
    await expect(setup().call(PAGE, CHANNELS.appInfo)).resolves.toMatchObject({ version: '0.1.0', engine: 'local', hasApiKey: false });
  });

  it('refuses other senders', async () => {
    await expect(setup().call('https://evil.example/', CHANNELS.appInfo)).rejects.toThrow(/\[ipc-forbidden\]/);
    await expect(setup().call('file:///tmp/other.html', CHANNELS.settingsGet)).rejects.toThrow(/\[ipc-forbidden\]/);
    await expect(setup().call('file:///app/out/renderer/index.html', CHANNELS.settingsGet)).rejects.toThrow(/\[ipc-forbidden\]/);
  });

  it.each([
    [CHANNELS.appInfo, [{ extra: true }]],
    [CHANNELS.historyGet, ['1']],
    [CHANNELS.historyGet, [-4]],
    [CHANNELS.historyDelete, [[]]],
    [CHANNELS.historyEdit, [1]],
    [CHANNELS.settingsUpdate, [{ theme: 'purple' }]],
    [CHANNELS.settingsUpdate, [{ apiKey: 'sneaky' }]],
    [CHANNELS.historyList, [{ filter: { status: ['deleted'] } }]],
    [CHANNELS.historyExport, [{ format: 'exe' }]],
    [CHANNELS.ocrRecognizeImage, [{ name: 'x.png', bytes: 'not bytes', source: 'drop' }]],
    [CHANNELS.ocrRerun, [1, { engine: 'gpt' }]],
    [CHANNELS.languagesAdd, ['fr']],
    [CHANNELS.languagesRemove, ['../history']],
    [CHANNELS.settingsUpdate, [{ offlineLanguage: 'klingon' }]],
    [CHANNELS.translateRun, [0, { targetLang: 'en' }]],
    [CHANNELS.translateRun, [1, { targetLang: 'klingon' }]],
    [CHANNELS.translateRun, [1, { targetLang: 'en', model: 'x'.repeat(201) }]],
    [CHANNELS.translateRun, [1, { targetLang: 'en', apiKey: 'sneaky' }]],
    [CHANNELS.translateCancel, [1.5]],
    [CHANNELS.settingsUpdate, [{ translateTarget: 'xx' }]],
    [CHANNELS.settingsUpdate, [{ translateTerms: [{ source: 'a' }] }]],
  ])('refuses bad arguments to %s: %j', async (channel, args) => {
    await expect(setup().call(PAGE, channel, ...args)).rejects.toThrow(/\[ipc-invalid\]/);
  });

  it('never returns the API key, only whether one is set', async () => {
    const { call } = setup();
    await call(PAGE, CHANNELS.keySet, 'sk-secret-abcdef-1234');
    const seen = JSON.stringify(await call(PAGE, CHANNELS.settingsGet));
    expect(seen).not.toContain('sk-secret');
    expect(JSON.parse(seen).apiKey).toEqual({ set: true, last4: '1234', storage: 'os', withheldFrom: null });
  });

  it('passes service errors on with their code, and hides unexpected ones', async () => {
    const { call } = setup();
    await expect(call(PAGE, CHANNELS.ocrRetry, 77)).rejects.toThrow(/^\[history-not-found\] There is no history entry 77\.$/);
  });
});

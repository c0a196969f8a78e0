/**
 * The key to a custom endpoint and a web address to the browser, allowed only by the user's yes in main's own dialog
 * (review N11): a renderer's call is a request, never the permission.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { confirmDialog, Confirmations, type ConfirmRequest } from '../../../main/app/confirm.ts';
import { mainStrings } from '../../../main/app/strings.ts';
import { registerIpc, type IpcEventLike } from '../../../main/ipc.ts';
import { CHANNELS, type ApiKeyStatus } from '../../../preload/api.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const ENDPOINT = 'https://llm.example.net:8443/v1';
const ADDRESS = 'https://example.com/pay?id=7';
const tempDir = useTempDir();
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The app behind the real IPC handlers, called as its own page would call them. */
function setup() {
  app = createTestApp(tempDir());
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, app.services, { rendererDir: '/app/out/renderer' }, 'linux');
  const call = (channel: string, ...args: unknown[]) => Promise.resolve(handlers.get(channel)!({ senderFrame: { url: 'app://readout/index.html' } }, ...args));
  return { app, call };
}

describe('the API key and a custom endpoint', () => {
  it('a no leaves the key withheld, whichever way the page asks', async () => {
    const { app, call } = setup();
    app.confirmAnswer = false;
    await call(CHANNELS.keySet, KEY);
    await call(CHANNELS.settingsUpdate, { baseUrl: ENDPOINT });
    const refused = (await call(CHANNELS.keyTrustEndpoint, ENDPOINT)) as ApiKeyStatus;
    expect(refused).toMatchObject({ set: true, withheldFrom: ENDPOINT });
    // A key typed in while the endpoint is set is asked about too, and kept withheld after a no.
    expect(await call(CHANNELS.keySet, 'sk-second-key-000002')).toMatchObject({ set: true, last4: '0002', withheldFrom: ENDPOINT });
    expect(app.settings.keyFor(ENDPOINT)).toBeUndefined();
    expect(app.confirmations).toEqual([
      { kind: 'trust-endpoint', host: 'llm.example.net:8443', url: ENDPOINT },
      { kind: 'trust-endpoint', host: 'llm.example.net:8443', url: ENDPOINT },
    ]);
  });

  it('a yes lets it go there, and once allowed a new key asks nothing', async () => {
    const { app, call } = setup();
    await call(CHANNELS.settingsUpdate, { baseUrl: ENDPOINT });
    expect(await call(CHANNELS.keySet, KEY)).toMatchObject({ set: true, withheldFrom: null });
    expect(app.settings.keyFor(ENDPOINT)).toBe(KEY);
    expect(await call(CHANNELS.keySet, 'sk-second-key-000002')).toMatchObject({ withheldFrom: null });
    expect(app.settings.keyFor(ENDPOINT)).toBe('sk-second-key-000002');
    // Nothing withheld: trusting again asks nothing.
    expect(await call(CHANNELS.keyTrustEndpoint, ENDPOINT)).toMatchObject({ withheldFrom: null });
    expect(app.confirmations).toHaveLength(1);
    // Another endpoint is asked about again.
    await call(CHANNELS.settingsUpdate, { baseUrl: 'https://other.example/v1' });
    expect(app.settings.keyFor('https://other.example/v1')).toBeUndefined();
  });

  it('a key for DashScope itself asks nothing', async () => {
    const { app, call } = setup();
    expect(await call(CHANNELS.keySet, KEY)).toMatchObject({ set: true, withheldFrom: null });
    expect(app.confirmations).toEqual([]);
  });

  it('nothing is allowed while the question is still on screen, nor by a second call meanwhile, nor by a dialog that failed', async () => {
    const { app, call } = setup();
    await call(CHANNELS.keySet, KEY);
    await call(CHANNELS.settingsUpdate, { baseUrl: ENDPOINT });
    let answer!: (yes: boolean) => void;
    app.confirmAnswer = new Promise<boolean>((resolve) => (answer = resolve));
    const first = call(CHANNELS.keyTrustEndpoint, ENDPOINT);
    await expect.poll(() => app.confirmations.length).toBe(1);
    expect(app.settings.keyFor(ENDPOINT)).toBeUndefined();
    // One question at a time: the page cannot stack dialogs, or get two yeses from one.
    expect(await call(CHANNELS.keyTrustEndpoint, ENDPOINT)).toMatchObject({ withheldFrom: ENDPOINT });
    expect(await call(CHANNELS.appOpenUrl, ADDRESS)).toBe(false);
    expect(app.confirmations).toHaveLength(1);
    answer(false);
    expect(await first).toMatchObject({ withheldFrom: ENDPOINT });
    expect(app.settings.keyFor(ENDPOINT)).toBeUndefined();
    expect(app.openedUrls).toEqual([]);
    await expect(new Confirmations(() => Promise.reject(new Error('no window'))).ask('open-url', ADDRESS)).resolves.toBe(false);
  });
});

describe('a web address', () => {
  it('is opened only after a yes, and the page learns whether it was', async () => {
    const { app, call } = setup();
    app.confirmAnswer = false;
    expect(await call(CHANNELS.appOpenUrl, ADDRESS)).toBe(false);
    expect(app.openedUrls).toEqual([]);
    app.confirmAnswer = true;
    expect(await call(CHANNELS.appOpenUrl, ADDRESS)).toBe(true);
    expect(app.openedUrls).toEqual([ADDRESS]);
    expect(app.confirmations).toEqual([
      { kind: 'open-url', host: 'example.com', url: ADDRESS },
      { kind: 'open-url', host: 'example.com', url: ADDRESS },
    ]);
    // Anything but http(s) is refused before anyone is asked.
    await expect(call(CHANNELS.appOpenUrl, 'javascript:alert(1)')).rejects.toThrow(/\[ipc-invalid\]/);
    expect(app.confirmations).toHaveLength(2);
  });
});

describe('the question main asks', () => {
  it('names the host, in the language shown, with Cancel as the key question’s default', () => {
    const trust = confirmDialog(mainStrings('en', 'en-US'), { kind: 'trust-endpoint', host: 'llm.example.net:8443', url: ENDPOINT });
    expect(trust).toMatchObject({ message: 'Send your API key to llm.example.net:8443?', buttons: ['Send the key', 'Cancel'], defaultId: 1, cancelId: 1 });
    expect(trust.detail).toContain(ENDPOINT);
    const open = confirmDialog(mainStrings('system', 'zh-CN'), { kind: 'open-url', host: 'example.com', url: ADDRESS });
    expect(open).toMatchObject({ message: '在浏览器中打开 example.com？', detail: `完整地址：${ADDRESS}`, buttons: ['打开', '取消'], cancelId: 1 });
  });

  it('shows a look-alike host as the punycode it is', async () => {
    const asked: ConfirmRequest[] = [];
    await new Confirmations(async (request) => (asked.push(request), false)).ask('open-url', 'https://раypal.com/login');
    expect(asked[0]).toMatchObject({ host: 'xn--ypal-43d9g.com' });
  });
});

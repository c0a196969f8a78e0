import { describe, expect, it } from 'vitest';
import { registerIpc, type IpcEventLike } from '../../main/ipc.ts';
import { CHANNELS } from '../../preload/api.ts';

function setup() {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  registerIpc(
    { handle: (channel, listener) => handlers.set(channel, listener) },
    { appInfo: () => ({ version: '1.2.3', engine: 'local', hasApiKey: false, platform: 'linux' }) },
    { rendererDir: '/app/out/renderer' },
  );
  const call = (url: string, channel: string, ...args: unknown[]) => Promise.resolve().then(() => handlers.get(channel)!({ senderFrame: { url } }, ...args));
  return { handlers, call };
}

describe('registerIpc', () => {
  it('handles every channel of the contract', () => {
    expect([...setup().handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
  });

  it('answers the app’s own pages', async () => {
    await expect(setup().call('file:///app/out/renderer/index.html', CHANNELS.appInfo)).resolves.toMatchObject({ version: '1.2.3' });
  });

  it('refuses other senders and unexpected arguments', async () => {
    const { call } = setup();
    await expect(call('https://evil.example/', CHANNELS.appInfo)).rejects.toMatchObject({ code: 'ipc-forbidden' });
    await expect(call('file:///app/out/renderer/index.html', CHANNELS.appInfo, { extra: true })).rejects.toMatchObject({ code: 'ipc-invalid' });
  });
});

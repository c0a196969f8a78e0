/**
 * The bridge as main registers it (main/ipc.ts registerIpc) over a real test app's services (app-services.ts), with
 * the IPC transport replaced by a map of handlers: `call` asks as the app's own page, `callFrom` as any page URL.
 * Every app a test made is closed after it, however many `bridge()` calls it made.
 */
import { afterEach } from 'vitest';
import { registerIpc, type IpcEventLike } from '../../main/ipc.ts';
import { createTestApp, type TestApp } from './app-services.ts';
import { useTempDir } from './temp.ts';

/** The app's own page, as a packaged build loads it. */
export const APP_PAGE = 'app://readout/index.html';

export interface Bridge {
  app: TestApp;
  handlers: Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>;
  call(channel: string, ...args: unknown[]): Promise<unknown>;
  callFrom(url: string, channel: string, ...args: unknown[]): Promise<unknown>;
}

/** Registers the cleanup; call at the top of a test file, then `bridge()` in each test. */
export function useIpcBridge(): () => Bridge {
  const tempDir = useTempDir();
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });
  return () => {
    const app = createTestApp(tempDir());
    apps.push(app);
    const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
    registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, app.services, { rendererDir: '/app/out/renderer' }, 'linux');
    const callFrom = (url: string, channel: string, ...args: unknown[]): Promise<unknown> => Promise.resolve().then(() => handlers.get(channel)!({ senderFrame: { url } }, ...args));
    return { app, handlers, callFrom, call: (channel, ...args) => callFrom(APP_PAGE, channel, ...args) };
  };
}

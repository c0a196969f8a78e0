/**
 * One handler per bridge method. Every call is checked twice: the sender must be one of the app's own pages,
 * and every argument must pass its schema. The renderer is untrusted.
 */
import { z } from 'zod';
import { CHANNELS, type AppInfo, type Channel, type ReadoutApi } from '../preload/api.ts';
import { ReadoutError } from './errors.ts';
import { isAppUrl, type AppOrigin } from './security.ts';

/** The part of Electron's ipcMain this module needs; the composition root passes the real one. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}

export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcServices {
  appInfo(): AppInfo;
}

/** Each channel's argument schema, as a tuple. */
const ARGUMENTS = {
  [CHANNELS.appInfo]: z.tuple([]),
} satisfies Record<Channel, z.ZodTuple>;

type Handlers = {
  [C in Channel]: (...args: z.infer<(typeof ARGUMENTS)[C]>) => ReturnType<FlattenedApi[C]>;
};

type FlattenedApi = { [CHANNELS.appInfo]: ReadoutApi['app']['info'] };

export function registerIpc(ipc: IpcMainLike, services: IpcServices, origin: AppOrigin): void {
  const handlers: Handlers = {
    [CHANNELS.appInfo]: async () => services.appInfo(),
  };
  for (const channel of Object.values(CHANNELS)) {
    ipc.handle(channel, (event, ...args) => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppUrl(url, origin)) throw new ReadoutError('ipc-forbidden', `${channel} refused: the caller is not a Readout window`);
      const parsed = ARGUMENTS[channel].safeParse(args);
      if (!parsed.success) throw new ReadoutError('ipc-invalid', `${channel} refused: ${parsed.error.issues[0]?.message ?? 'bad arguments'}`);
      return (handlers[channel] as (...a: unknown[]) => unknown)(...parsed.data);
    });
  }
}

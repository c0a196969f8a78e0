/** Builds `window.readout` from an invoke function. Free of electron so the browser tests can run the same code. */
import { CHANNELS, type ReadoutApi } from './api.ts';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

export function createApi(invoke: Invoke): ReadoutApi {
  return {
    app: {
      info: () => invoke(CHANNELS.appInfo) as ReturnType<ReadoutApi['app']['info']>,
    },
  };
}

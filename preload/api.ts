/**
 * THE contract between the main process and the renderer: channel names, argument and result types, pushed events.
 * main/ipc.ts implements it, preload/index.ts exposes it as `window.readout`, the renderer sees only this type.
 * This file is imported by all three builds, so it holds types and constants only.
 */

/** Request/response channels, `domain:verb`. */
export const CHANNELS = {
  appInfo: 'app:info',
} as const;

/** Main-to-window pushes. */
export const EVENTS = {} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

export interface AppInfo {
  version: string;
  /** The engine a new recognition would use. */
  engine: 'qwen' | 'local';
  /** Only whether a key exists: the key itself never leaves the main process. */
  hasApiKey: boolean;
  platform: 'darwin' | 'win32' | 'linux' | 'other';
}

/** `window.readout`: named functions only, never raw ipcRenderer. */
export interface ReadoutApi {
  app: {
    info(): Promise<AppInfo>;
  };
}

declare global {
  interface Window {
    readout: ReadoutApi;
  }
}

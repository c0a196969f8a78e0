/** Exposes the typed bridge to the page: named functions only, nothing else of Electron or Node. */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { createApi } from './bridge.ts';

contextBridge.exposeInMainWorld(
  'readout',
  createApi(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    (event, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(event, handler);
      return () => void ipcRenderer.removeListener(event, handler);
    },
    // A dropped file's path, for batch.submitFiles: found here so the page never holds it
    // (https://www.electronjs.org/docs/latest/api/web-utils: "best not to expose the full file path to the web content").
    (file) => webUtils.getPathForFile(file),
  ),
);

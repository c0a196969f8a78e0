/** Exposes the typed bridge to the page: named functions only, nothing else of Electron or Node. */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './bridge.ts';

contextBridge.exposeInMainWorld('readout', createApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)));

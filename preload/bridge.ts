/**
 * Builds `window.readout` from two transport functions. Free of electron, so the browser tests run this same code
 * with Playwright's bindings in place of ipcRenderer.
 */
import { CHANNELS, EVENTS, type BatchJobView, type EventName, type EventPayloads, type ReadoutApi } from './api.ts';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

/** A dropped file's place on disk, '' for none (Electron's webUtils.getPathForFile; the tests' stand-in). */
export type PathForFile = (file: File) => string;

export function createApi(invoke: Invoke, subscribe: Subscribe, pathForFile: PathForFile = () => ''): ReadoutApi {
  const call =
    <R>(channel: string) =>
    (...args: unknown[]): Promise<R> =>
      invoke(channel, ...args) as Promise<R>;
  const events = new Set<string>(Object.values(EVENTS));
  return {
    app: { info: call(CHANNELS.appInfo), takeView: call(CHANNELS.appTakeView), openDataFolder: call(CHANNELS.appOpenDataFolder), openUrl: call(CHANNELS.appOpenUrl) },
    settings: {
      get: call(CHANNELS.settingsGet),
      update: call(CHANNELS.settingsUpdate),
      setApiKey: call(CHANNELS.keySet),
      clearApiKey: call(CHANNELS.keyClear),
      trustEndpoint: call(CHANNELS.keyTrustEndpoint),
      testApiKey: call(CHANNELS.keyTest),
      saveApiKey: call(CHANNELS.keySave),
    },
    history: {
      list: call(CHANNELS.historyList),
      search: call(CHANNELS.historySearch),
      count: call(CHANNELS.historyCount),
      get: call(CHANNELS.historyGet),
      image: call(CHANNELS.historyImage),
      thumbnail: call(CHANNELS.historyThumbnail),
      edit: call(CHANNELS.historyEdit),
      pin: call(CHANNELS.historyPin),
      delete: call(CHANNELS.historyDelete),
      export: call(CHANNELS.historyExport),
      storage: call(CHANNELS.historyStorage),
      usage: call(CHANNELS.historyUsage),
      clear: call(CHANNELS.historyClear),
    },
    ocr: {
      openFiles: call(CHANNELS.ocrOpenFiles),
      recognizeImage: call(CHANNELS.ocrRecognizeImage),
      retry: call(CHANNELS.ocrRetry),
      rerun: call(CHANNELS.ocrRerun),
      cancel: call(CHANNELS.ocrCancel),
      cancelAll: call(CHANNELS.ocrCancelAll),
      pdfPassword: call(CHANNELS.ocrPdfPassword),
      pendingPasswords: call(CHANNELS.ocrPendingPasswords),
      readOffline: call(CHANNELS.ocrReadOffline),
    },
    languages: {
      list: call(CHANNELS.languagesList),
      add: call(CHANNELS.languagesAdd),
      remove: call(CHANNELS.languagesRemove),
      cancel: call(CHANNELS.languagesCancel),
    },
    clipboard: { copy: call(CHANNELS.clipboardCopy) },
    translate: { run: call(CHANNELS.translateRun), cancel: call(CHANNELS.translateCancel) },
    integrations: {
      status: call(CHANNELS.integrationsStatus),
      regenerateToken: call(CHANNELS.integrationsRegenerateToken),
      chooseFolder: call(CHANNELS.integrationsChooseFolder),
    },
    batch: {
      list: call(CHANNELS.batchList),
      submit: call(CHANNELS.batchSubmit),
      submitFiles: async (files) => {
        const paths = files.map((file) => pathForFile(file)).filter((path) => path !== '');
        if (paths.length === 0) throw new Error('[file-unreadable] These files have no place on disk (dropped from another program): save them to a folder first.');
        return invoke(CHANNELS.batchSubmit, paths) as Promise<BatchJobView[] | null>;
      },
      refresh: call(CHANNELS.batchRefresh),
      cancel: call(CHANNELS.batchCancel),
    },
    capture: {
      frame: call(CHANNELS.captureFrame),
      finish: call(CHANNELS.captureFinish),
      finishAcross: call(CHANNELS.captureFinishAcross),
      select: call(CHANNELS.captureSelect),
      cancel: call(CHANNELS.captureCancel),
      start: call(CHANNELS.captureStart),
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      if (!events.has(event)) throw new Error(`Unknown event ${event}`);
      return subscribe(event, listener as (payload: unknown) => void);
    },
  };
}

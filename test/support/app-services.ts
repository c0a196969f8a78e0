/**
 * The real main-side services, wired as the composition root wires them but with test ports: settings in a conf
 * file (electron-store's own engine), a real history file, dialogs that answer what the test says.
 */
import { join } from 'node:path';
import Conf from 'conf';
import type { EventName, EventPayloads } from '../../preload/api.ts';
import type { ConfirmRequest } from '../../main/app/confirm.ts';
import { AppServices, type AppPorts } from '../../main/app/services.ts';
import type { FailedAction } from '../../main/app/failure-notice.ts';
import { CaptureService } from '../../main/capture/service.ts';
import type { Frame } from '../../main/capture/session.ts';
import type { ReadoutError } from '../../main/errors.ts';
import type { Source } from '../../main/history/types.ts';
import { HistoryStore } from '../../main/history/store.ts';
import { LanguagePacks } from '../../main/languages/packs.ts';
import { SettingsService } from '../../main/settings/settings-service.ts';
import { settingsStoreOptions } from '../../main/settings/store-options.ts';
import { FakeSafeStorage } from './safe-storage.ts';

export interface TestApp {
  services: AppServices;
  settings: SettingsService;
  history: HistoryStore;
  /** The language packs, in the test's folder. */
  languages: LanguagePacks;
  safeStorage: FakeSafeStorage;
  /** What the next open dialog returns. */
  chooseFiles: string[];
  /** What the next save dialog returns. */
  savePath: string | null;
  /** What the next folder picker returns (integrations.chooseFolder). */
  chooseFolder: string | null;
  /** What each save dialog offered: its name and the format it was filtered to. */
  saveOffers: Array<{ defaultName: string; format: string }>;
  clipboard: string[];
  /** Another app holds the clipboard: writes reject, as Electron's do then. */
  clipboardBusy: boolean;
  /** One per user action: the first text, or for a batch "N read, M failed". */
  notifications: string[];
  /** User actions where nothing was read, as the services said them (failure-notice.ts). */
  failures: FailedAction[];
  /** Capture button presses that reached the composition root's port. */
  captureStarts: number;
  dataFolderOpened: number;
  /** Addresses the composition root was asked to open. */
  openedUrls: string[];
  /** The questions main asked the user in its own dialog (the key to an endpoint, an address to open). */
  confirmations: ConfirmRequest[];
  /** The user's answer to the next ones: yes unless a test says no (or a promise: not answered yet). */
  confirmAnswer: boolean | Promise<boolean>;
  /** Hotkeys another app holds, for the settings' refusal to be tested. */
  takenHotkeys: string[];
  events: Array<{ event: EventName; payload: unknown }>;
  onEmit: (<E extends EventName>(event: E, payload: EventPayloads[E]) => void) | null;
  capture: CaptureService;
  /** What the next capture freezes. */
  frames: Frame[];
  captured: Array<{ png: Uint8Array; name: string; source: Source }>;
  overlays: Array<'show' | 'hide'>;
  problems: ReadoutError[];
  close(): Promise<void>;
}

/**
 * `registry`: where language packs are downloaded from (a local PackServer's; nowhere by default). `regionEndpoints`:
 * where a key is tested for each DashScope region (a test's servers; DashScope's own by default).
 */
export function createTestApp(
  dir: string,
  options: {
    historyPath?: string;
    registry?: string;
    regionEndpoints?: AppPorts['regionEndpoints'];
    /** Issue 25's OS pieces: the clipboard's image, the data folder for the control endpoint, shorter intervals. */
    ports?: Partial<Pick<AppPorts, 'clipboardImage' | 'dataDir' | 'integrationTimings' | 'startCapture'>>;
  } = {},
): TestApp {
  const safeStorage = new FakeSafeStorage();
  // No test reaches the real registry: a download goes to the local server a test names, or fails at once.
  const languages = new LanguagePacks(dir, { registry: options.registry ?? 'http://127.0.0.1:9/' });
  const settings = new SettingsService(new Conf({ ...settingsStoreOptions('0.1.0'), configName: 'settings', projectName: 'readout-test', cwd: dir }), safeStorage, 'linux');
  const history = new HistoryStore(options.historyPath ?? join(dir, 'history.sqlite'));
  const app: TestApp = {
    settings,
    history,
    languages,
    safeStorage,
    chooseFiles: [],
    savePath: null,
    chooseFolder: null,
    saveOffers: [],
    clipboard: [],
    clipboardBusy: false,
    notifications: [],
    captureStarts: 0,
    dataFolderOpened: 0,
    openedUrls: [],
    confirmations: [],
    confirmAnswer: true,
    takenHotkeys: [],
    failures: [],
    events: [],
    onEmit: null,
    frames: [],
    captured: [],
    overlays: [],
    problems: [],
    capture: undefined as unknown as CaptureService,
    services: undefined as unknown as AppServices,
    async close() {
      await app.services.idle();
      await app.services.close();
      history.close();
    },
  };
  app.services = new AppServices({
    version: '0.1.0',
    platform: 'linux',
    settings,
    history,
    dialogs: {
      openImages: async () => app.chooseFiles,
      saveExport: async (defaultName, format) => (app.saveOffers.push({ defaultName, format }), app.savePath),
      chooseFolder: async () => app.chooseFolder,
    },
    clipboard: {
      writeText: async (text) => {
        if (app.clipboardBusy) throw new Error('OpenClipboard failed: access is denied');
        app.clipboard.push(text);
      },
    },
    notifyDone: ({ text, count, failed }) => void app.notifications.push(count === 1 && failed === 0 ? text : `${count} read, ${failed} failed`),
    startCapture: () => {
      app.captureStarts++;
      void app.capture.start();
    },
    openDataFolder: () => void app.dataFolderOpened++,
    openUrl: (url) => void app.openedUrls.push(url),
    notifyFailed: (failure) => void app.failures.push(failure),
    confirm: async (request) => (app.confirmations.push(request), app.confirmAnswer),
    takeHotkeys: ({ hotkey, repeatHotkey }) => [hotkey, repeatHotkey].filter((h) => app.takenHotkeys.includes(h)).map((h) => ({ kind: 'taken' as const, hotkey: h })),
    emit: (event, payload) => {
      app.events.push({ event, payload });
      app.onEmit?.(event, payload);
    },
    languages,
    ...(options.regionEndpoints ? { regionEndpoints: options.regionEndpoints } : {}),
    ...options.ports,
  });
  app.capture = new CaptureService({
    captureDisplays: async () => app.frames,
    showOverlays: (session) => {
      app.overlays.push('show');
      app.onEmit?.('capture:show', { session });
    },
    hideOverlays: () => app.overlays.push('hide'),
    showSelection: (dips) => app.onEmit?.('capture:selection', { dips }),
    recognize: (png, name, source) => {
      app.captured.push({ png, name, source });
      app.services.jobs.recognizeBytes(png, name, source, { reveal: true });
    },
    problem: (error) => app.problems.push(error),
  });
  return app;
}

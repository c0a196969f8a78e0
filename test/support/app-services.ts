/**
 * The real main-side services, wired as the composition root wires them but with test ports: settings in a conf
 * file (electron-store's own engine), a real history file, dialogs that answer what the test says.
 */
import { join } from 'node:path';
import Conf from 'conf';
import type { EventName, EventPayloads } from '../../preload/api.ts';
import { AppServices } from '../../main/app/services.ts';
import { HistoryStore } from '../../main/history/store.ts';
import { SettingsService } from '../../main/settings/settings-service.ts';
import { settingsStoreOptions } from '../../main/settings/store-options.ts';
import { FakeSafeStorage } from './safe-storage.ts';

export interface TestApp {
  services: AppServices;
  settings: SettingsService;
  history: HistoryStore;
  safeStorage: FakeSafeStorage;
  /** What the next open dialog returns. */
  chooseFiles: string[];
  /** What the next save dialog returns. */
  savePath: string | null;
  clipboard: string[];
  notifications: string[];
  events: Array<{ event: EventName; payload: unknown }>;
  onEmit: (<E extends EventName>(event: E, payload: EventPayloads[E]) => void) | null;
  close(): Promise<void>;
}

export function createTestApp(dir: string, options: { historyPath?: string } = {}): TestApp {
  const safeStorage = new FakeSafeStorage();
  const settings = new SettingsService(new Conf({ ...settingsStoreOptions('0.1.0'), configName: 'settings', projectName: 'readout-test', cwd: dir }), safeStorage, 'linux');
  const history = new HistoryStore(options.historyPath ?? join(dir, 'history.sqlite'));
  const app: TestApp = {
    settings,
    history,
    safeStorage,
    chooseFiles: [],
    savePath: null,
    clipboard: [],
    notifications: [],
    events: [],
    onEmit: null,
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
    dialogs: { openImages: async () => app.chooseFiles, saveExport: async () => app.savePath },
    clipboard: { writeText: (text) => app.clipboard.push(text) },
    notifyDone: (text) => app.notifications.push(text),
    emit: (event, payload) => {
      app.events.push({ event, payload });
      app.onEmit?.(event, payload);
    },
  });
  return app;
}

/**
 * The app as a local service (issue 25), behind the window's `integrations` bridge: the Local API (local-api.ts), the
 * watched folders (folder-watch.ts), the clipboard watch (clipboard-watch.ts), and the private control endpoint that
 * `readout capture` calls (control.ts). Each hears the settings and turns itself on and off; this gathers their
 * states into one IntegrationsStatus, pushed as 'integrations:changed' on every change of state or counts, and answers
 * the window's three calls. Nothing runs until start() (the composition root calls it once the app is up).
 */
import type { IntegrationsStatus, LocalApiStatus } from '../../preload/api.ts';
import type { PackCode } from '../languages/catalog.ts';
import { AppReader } from './app-reader.ts';
import { ClipboardWatch } from './clipboard-watch.ts';
import { AppControl } from './control.ts';
import type { Engines } from './engines.ts';
import { AppFolderWatch } from './folder-watch.ts';
import type { Jobs } from './jobs.ts';
import { AppLocalApi } from './local-api.ts';
import type { AppPorts } from './services.ts';

type IntegrationPorts = Pick<
  AppPorts,
  'emit' | 'dialogs' | 'settings' | 'history' | 'version' | 'platform' | 'startCapture' | 'notifyFailed' | 'clipboardImage' | 'dataDir' | 'integrationTimings'
>;

export class AppIntegrations {
  readonly #ports: IntegrationPorts;
  readonly reader: AppReader;
  readonly localApi: AppLocalApi;
  readonly folders: AppFolderWatch;
  readonly clipboard: ClipboardWatch;
  /** Present where the app has a data folder to put the socket in (always in the app; a test says). */
  readonly control: AppControl | null;
  #ready = false;

  constructor(ports: IntegrationPorts, engines: Engines, jobs: Jobs, installed: () => PackCode[]) {
    this.#ports = ports;
    const changed = (): void => this.#changed();
    const timings = ports.integrationTimings ?? {};
    this.reader = new AppReader(ports, engines, installed);
    this.localApi = new AppLocalApi({
      settings: ports.settings,
      history: ports.history,
      reader: this.reader,
      startCapture: () => ports.startCapture(),
      version: ports.version,
      changed,
      ...(timings.localApiTicker ? { ticker: timings.localApiTicker } : {}),
    });
    this.folders = new AppFolderWatch({ settings: ports.settings, reader: this.reader, historyFile: () => ports.history.file, changed, ...timings.folders });
    this.clipboard = new ClipboardWatch({
      settings: ports.settings,
      clipboard: ports.clipboardImage,
      read: (image) => void jobs.recognizeImage(image),
      notifyFailed: (failure) => ports.notifyFailed(failure),
      changed,
      ...(timings.clipboardTicker ? { ticker: timings.clipboardTicker } : {}),
    });
    this.control = ports.dataDir
      ? new AppControl({ dataDir: ports.dataDir, platform: ports.platform, startCapture: () => ports.startCapture(), version: ports.version })
      : null;
  }

  /** Starts what the settings ask for, and the control endpoint; from now on each follows the settings. */
  async start(): Promise<void> {
    this.#ready = true;
    this.localApi.start();
    this.folders.start();
    this.clipboard.start();
    await this.control?.start();
  }

  status(): IntegrationsStatus {
    return { localApi: this.localApi.status(), watches: this.folders.status(), clipboardWatch: this.clipboard.on };
  }

  regenerateToken(): Promise<LocalApiStatus> {
    return this.localApi.regenerateToken();
  }

  /** The OS folder picker (dialogs port); null when cancelled, or where the platform's port has none. */
  async chooseFolder(): Promise<string | null> {
    return (await this.#ports.dialogs.chooseFolder?.()) ?? null;
  }

  #changed(): void {
    if (this.#ready) this.#ports.emit('integrations:changed', this.status());
  }

  /** At quit, before the history closes: the server answers what it has in hand, watchers finish their file. */
  async close(): Promise<void> {
    this.clipboard.close();
    await Promise.all([this.localApi.close(), this.folders.close(), this.control?.close()]);
  }
}

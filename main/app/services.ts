/**
 * Everything the window can ask of the main process, free of electron: OS pieces (dialogs, clipboard,
 * notifications, the event channel, the user's yes) come in as ports, so the browser tests run these same services
 * for real. One service per concern, each in its own file; this is where they are put together, and the few calls
 * that span them (the app's start, quit and idle) are made.
 *
 * The bridge's domains map onto the services (main/ipc.ts): app, clipboard and capture.start -> desktop;
 * settings -> settings; history -> history; ocr -> jobs, and passwords for an encrypted PDF's questions; languages ->
 * languages.
 */
import type { EventName, EventPayloads, ExportFormat } from '../../preload/api.ts';
import type { HistoryStore } from '../history/store.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { Confirmations, type Confirm } from './confirm.ts';
import { Desktop } from './desktop.ts';
import { Engines } from './engines.ts';
import type { FailedAction } from './failure-notice.ts';
import { AppHistory } from './history.ts';
import { Jobs } from './jobs.ts';
import { PdfPasswords } from './passwords.ts';
import { AppSettings } from './settings.ts';
import { AppLanguages } from './languages.ts';
import type { LanguagePacks } from '../languages/packs.ts';
import { AppTranslations } from './translations.ts';
import { AppBatchJobs } from './batch-jobs.ts';
import { AppIntegrations } from './integrations.ts';
import type { ClipboardImagePort, Ticker } from './clipboard-watch.ts';

export interface AppPorts {
  version: string;
  platform: NodeJS.Platform;
  settings: SettingsService;
  history: HistoryStore;
  dialogs: {
    /** The user's chosen image files, or none. */
    openImages(): Promise<string[]>;
    /** Where to save an export, or null if the user cancelled; the dialog offers `defaultName`, filtered to `format`. */
    saveExport(defaultName: string, format: ExportFormat): Promise<string | null>;
    /** A folder to watch (Electron's dialog.showOpenDialog, openDirectory), or null if the user cancelled. */
    chooseFolder?(): Promise<string | null>;
  };
  /**
   * Asks the user in a main-process dialog, naming the host (confirm.ts has its words): before the API key goes to
   * a custom endpoint, and before a web address is opened. True only for a yes.
   */
  confirm: Confirm;
  /** Electron 44+ resolves when the text is on the clipboard, and rejects when another app holds it (Windows). */
  clipboard: { writeText(text: string): Promise<void> | void };
  /** A desktop notification that a user action's recognitions finished: the first text, how many, how many failed. */
  notifyDone(result: { text: string; count: number; failed: number }): void;
  /**
   * A user action where nothing was read (a capture, a batch whose every file failed): said where the user is
   * looking, never silent (review H3; failure-notice.ts decides where).
   */
  notifyFailed(failure: FailedAction): void;
  /** Starts a capture as the hotkey does (the composition root owns capture). */
  startCapture(): void;
  /** Shows the data folder in the file manager. */
  openDataFolder(): void;
  /** Opens a web address in the default browser (only http and https reach here, and only after the user's yes). */
  openUrl(url: string): void;
  /**
   * Takes the two capture hotkeys (releasing the ones held), or, when the OS refuses one, keeps the ones held and says
   * why: 'taken' by another app, or 'invalid'.
   */
  takeHotkeys(hotkeys: { hotkey: string; repeatHotkey: string }): Array<{ kind: 'taken' | 'invalid'; hotkey: string }>;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** The offline engine's language packs, in the data folder (languages/packs.ts). */
  languages: LanguagePacks;
  /** The clipboard's image, polled while clipboard watching is on (clipboard-watch.ts); none: it is never watched. */
  clipboardImage?: ClipboardImagePort;
  /** The data folder: the control endpoint `readout capture` calls listens in it (control.ts); none: no endpoint. */
  dataDir?: string;
  /** Tests shorten the folder watchers' intervals, and tick the clipboard watch and the Local API's port retries by hand. */
  integrationTimings?: { folders?: { settleMs?: number; rescanMs?: number; retryMs?: number }; clipboardTicker?: Ticker; localApiTicker?: Ticker };
  /** Where a key is tested for each DashScope region (ocr/regions.ts's REGIONS; a test points them at its server). */
  regionEndpoints?: Readonly<Record<'cn' | 'intl' | 'us', string>>;
}

export class AppServices {
  readonly engines: Engines;
  readonly desktop: Desktop;
  readonly settings: AppSettings;
  readonly history: AppHistory;
  readonly passwords: PdfPasswords;
  readonly jobs: Jobs;
  readonly languages: AppLanguages;
  readonly translations: AppTranslations;
  /** Jobs on DashScope's Batch API (batch-jobs.ts). */
  readonly batchJobs: AppBatchJobs;
  /** The Local API, watched folders and the clipboard watch (integrations.ts, issue 25). */
  readonly integrations: AppIntegrations;

  constructor(ports: AppPorts) {
    // One question on screen at a time, whichever service asks.
    const confirmations = new Confirmations(ports.confirm);
    this.engines = new Engines(ports.settings, ports.languages);
    this.languages = new AppLanguages(ports);
    this.desktop = new Desktop(ports, this.engines, confirmations);
    this.settings = new AppSettings(ports, this.engines, confirmations);
    this.history = new AppHistory(ports, () => this.languages.installed());
    this.passwords = new PdfPasswords((request) => ports.emit('ocr:passwordNeeded', request));
    this.translations = new AppTranslations(ports);
    // A reading done is where "Translate every capture" starts: the translations hear the jobs' events on their way out.
    this.jobs = new Jobs(this.translations.hearing(ports), this.engines, this.passwords, confirmations);
    this.batchJobs = new AppBatchJobs(ports, confirmations);
    this.integrations = new AppIntegrations(ports, this.engines, this.jobs, () => this.languages.installed());
  }

  /** At start, and again when settings change which engine is in use: the offline engine loaded or let go. */
  prepareOffline(): void {
    this.engines.prepareOffline();
  }

  /** Whether a recognition is queued or running (updates are never installed then). */
  get busy(): boolean {
    return this.jobs.busy;
  }

  /** Every recognition, queued or running, at quit: each records itself as cancelled, and can be retried. */
  cancelAll(): void {
    this.jobs.cancelAll();
    this.translations.cancelAll();
    this.batchJobs.stop();
  }

  /** Waits for every queued recognition: for tests and for quitting cleanly. */
  async idle(): Promise<void> {
    await this.jobs.idle();
    await this.translations.idle();
  }

  /** The Local API and the watchers stopped, then the offline engine's worker; after idle(). */
  async close(): Promise<void> {
    // The batch jobs' poll would otherwise wake after the history is closed.
    this.batchJobs.stop();
    await this.integrations.close();
    await this.engines.close();
  }
}

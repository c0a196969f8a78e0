/**
 * Everything the window can ask of the main process, free of electron: OS pieces (dialogs, clipboard,
 * notifications, the event channel) come in as ports, so the browser tests run these same services for real.
 */
import { basename } from 'node:path';
import { MAX_DROPPED_BYTES } from '../../preload/api.ts';
import type {
  ApiKeyStatus, AppInfo, DroppedImage, EntrySummary, EntryView, EventName, EventPayloads, ExportRequest, ExportResult, HistoryFilterView,
  JobTicket, KeyTestResult, OcrProgress, PageView, RerunOptions, SearchHitView, SettingsView, StorageView, UsageView,
} from '../../preload/api.ts';
import { errorMessage, ReadoutError } from '../errors.ts';
import { exportToFile , exportSearchablePdf} from '../history/export-file.ts';
import { retryEntry } from '../jobs/retry.ts';
import type { HistoryStore } from '../history/store.ts';
import type { Source } from '../history/types.ts';
import { JobQueue } from '../jobs/queue.ts';
import { Batches, type BatchRef } from './batches.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import { LocalEngine } from '../ocr/local.ts';
import { FREE_QUOTA, protocolFor, REGION_PRICES, REGIONS, type Region } from '../ocr/models.ts';
import { parseResultSchema, promptForTask, taskOfMode, type Task, type TaskRequest } from '../ocr/tasks.ts';
import { clipboardText } from '../codes/code.ts';
import { isPdf } from '../pdf/sniff.ts';
// Static: pdf.ts loads pdf.js and the canvas only when a PDF is opened, and a split chunk would be unpacked with the
// worker's (electron-builder.ts unpacks out/main/chunks for it).
import { MIN_TEXT_LAYER, PdfDocument, PdfError } from '../pdf/pdf.ts';
import { TextLayerEngine } from '../pdf/text-layer.ts';
import { searchablePdf } from '../pdf/searchable.ts';
import { safeWebUrl } from '../codes/url.ts';
import { QwenEngine } from '../ocr/qwen.ts';
import { testApiKey } from '../ocr/test-key.ts';
import { readInputFile } from '../read-input.ts';
import { recognizeImage, type JobRecorder } from '../recognize.ts';
import type { Settings } from '../settings/schema.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { dataUrl, toEntrySummary, toEntryView, toErrorView } from './views.ts';

export interface AppPorts {
  version: string;
  platform: NodeJS.Platform;
  settings: SettingsService;
  history: HistoryStore;
  dialogs: {
    /** The user's chosen image files, or none. */
    openImages(): Promise<string[]>;
    /** Where to save an export, or null if the user cancelled. */
    saveExport(defaultName: string): Promise<string | null>;
  };
  /** Electron 44+ resolves when the text is on the clipboard, and rejects when another app holds it (Windows). */
  clipboard: { writeText(text: string): Promise<void> | void };
  /** A desktop notification that a user action's recognitions finished: the first text, how many, how many failed. */
  notifyDone(result: { text: string; count: number; failed: number }): void;
  /** Starts a capture as the hotkey does (the composition root owns capture). */
  startCapture(): void;
  /** Shows the data folder in the file manager. */
  openDataFolder(): void;
  /** Opens a web address in the default browser (only http and https reach here: safeWebUrl). */
  openUrl(url: string): void;
  /**
   * Takes the two capture hotkeys (releasing the ones held), or, when the OS refuses one, keeps the ones held and says
   * why: 'taken' by another app, or 'invalid'.
   */
  takeHotkeys(hotkeys: { hotkey: string; repeatHotkey: string }): Array<{ kind: 'taken' | 'invalid'; hotkey: string }>;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

/** How long the offline engine sits unused before it is let go, when the user chose that (offlineIdleRelease). */
export const OFFLINE_IDLE_MS = 10 * 60_000;

/** The settings that decide whether the offline engine is in use, or how long it is kept. */
const OFFLINE_SETTINGS: ReadonlyArray<keyof Settings> = ['engine', 'baseUrl', 'region', 'offlineIdleRelease'];

/** Stops a page from pushing arbitrary amounts through the bridge (the page checks the same limit first). */
export { MAX_DROPPED_BYTES };

export class AppServices {
  readonly #ports: AppPorts;
  readonly #queue = new JobQueue(2);
  readonly #local = new LocalEngine();
  readonly #batches = new Batches();
  #pendingView: { view: 'history' | 'settings'; at: number } | null = null;

  constructor(ports: AppPorts) {
    this.#ports = ports;
  }

  get #settings(): SettingsService {
    return this.#ports.settings;
  }

  get #history(): HistoryStore {
    return this.#ports.history;
  }

  /** The engine a recognition uses now: Qwen when chosen and reachable (a key, or a custom endpoint), else offline. */
  engine(settings: Settings = this.#settings.get(), override: { engine?: 'qwen' | 'local'; model?: string } = {}): OcrEngine {
    const baseURL = settings.baseUrl ?? REGIONS[settings.region];
    const apiKey = this.#settings.keyFor(baseURL);
    const wanted = override.engine ?? settings.engine;
    if (wanted === 'local' || (!apiKey && !settings.baseUrl)) return this.#local;
    const api = protocolFor(settings.api, settings.baseUrl !== null);
    return new QwenEngine({ baseURL, apiKey, model: override.model ?? settings.model, api });
  }

  /** A task as settings ask for it: key-info with the chosen schema, the rotation for every task. */
  #taskRequest(settings: Settings, task: Task = settings.task): TaskRequest {
    const json = task === 'key-info' && settings.schemaName ? settings.schemas[settings.schemaName] : undefined;
    const schema = json ? parseResultSchema(json) : null;
    return { task, rotate: settings.rotate, ...(schema?.ok ? { schema: schema.schema } : {}) };
  }

  /**
   * Switches the window to a view (the tray's History and Settings). A page still loading misses the event, so the
   * wish is also kept for a few seconds, for the page to take once it listens (review m13).
   */
  navigate(view: 'history' | 'settings'): void {
    this.#pendingView = { view, at: Date.now() };
    this.#ports.emit('app:navigate', { view });
  }

  takeView(): 'history' | 'settings' | null {
    const pending = this.#pendingView;
    this.#pendingView = null;
    return pending && Date.now() - pending.at < 10_000 ? pending.view : null;
  }

  appInfo(): AppInfo {
    const platform = this.#ports.platform;
    return {
      version: this.#ports.version,
      engine: this.engine().name === 'qwen' ? 'qwen' : 'local',
      hasApiKey: this.#settings.apiKeyStatus().set,
      platform: platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other',
    };
  }

  // Settings

  settings(): { settings: SettingsView; apiKey: ApiKeyStatus } {
    return { settings: this.#settings.get(), apiKey: this.#settings.apiKeyStatus() };
  }

  /** Saves a change; new hotkeys are taken first, and one the OS refuses is refused here, in words, before saving. */
  updateSettings(patch: Partial<SettingsView>): SettingsView {
    const current = this.#settings.get();
    const hotkeys = { hotkey: patch.hotkey ?? current.hotkey, repeatHotkey: patch.repeatHotkey ?? current.repeatHotkey };
    if (hotkeys.hotkey !== current.hotkey || hotkeys.repeatHotkey !== current.repeatHotkey) {
      const [problem] = this.#ports.takeHotkeys(hotkeys);
      if (problem) {
        throw new ReadoutError(
          problem.kind === 'taken' ? 'hotkey-taken' : 'hotkey-invalid',
          problem.kind === 'taken' ? `${problem.hotkey} is already used by another app.` : `${problem.hotkey} is not a shortcut Readout can use.`,
        );
      }
    }
    const saved = this.#settings.update(patch);
    if (OFFLINE_SETTINGS.some((key) => key in patch)) this.prepareOffline();
    return saved;
  }

  setApiKey(key: string): Promise<ApiKeyStatus> {
    return this.#settings.setApiKey(key);
  }

  clearApiKey(): ApiKeyStatus {
    const status = this.#settings.clearApiKey();
    this.prepareOffline();
    return status;
  }

  /**
   * The offline engine as the settings want it: loaded in the background when it is the engine in use (so the first
   * capture is as fast as the rest), and let go after a long idle when the user chose that. The app calls this at
   * start; settings that change which engine is in use call it again.
   */
  prepareOffline(settings: Settings = this.#settings.get()): void {
    this.#local.releaseWhenIdle(settings.offlineIdleRelease ? OFFLINE_IDLE_MS : null);
    if (this.engine(settings) === this.#local) void this.#local.warmUp();
  }

  trustEndpoint(url: string): ApiKeyStatus {
    return this.#settings.trustEndpoint(url);
  }

  testApiKey(): Promise<KeyTestResult> {
    const settings = this.#settings.get();
    const baseURL = settings.baseUrl ?? REGIONS[settings.region];
    const apiKey = this.#settings.keyFor(baseURL);
    if (!apiKey && !settings.baseUrl) return Promise.resolve({ ok: false, code: 'no-key', message: 'No API key is set.' });
    return testApiKey({ baseURL, apiKey, model: settings.model });
  }

  // History

  listHistory(request: { filter?: HistoryFilterView; cursor?: string | null; limit?: number }): PageView<EntrySummary> {
    const page = this.#history.list(request);
    return { items: page.items.map(toEntrySummary), nextCursor: page.nextCursor };
  }

  searchHistory(request: { query: string; filter?: HistoryFilterView; cursor?: string | null; limit?: number }): PageView<SearchHitView> {
    const page = this.#history.search(request.query, request);
    return { items: page.items.map((hit) => ({ entry: toEntrySummary(hit.entry), snippet: hit.snippet })), nextCursor: page.nextCursor };
  }

  entry(id: number): EntryView | null {
    const entry = this.#history.get(id);
    return entry ? toEntryView(entry) : null;
  }

  image(id: number): string | null {
    const stored = this.#history.image(id);
    return stored?.image ? dataUrl(stored.mime, stored.image) : null;
  }

  thumbnail(id: number): string | null {
    const stored = this.#history.image(id);
    return stored?.thumbnail ? dataUrl('image/webp', stored.thumbnail) : null;
  }

  edit(id: number, text: string | null): EntryView | null {
    this.#history.edit(id, text);
    this.#changed([id]);
    return this.entry(id);
  }

  pin(id: number, pinned: boolean): EntryView | null {
    this.#history.setPinned(id, pinned);
    this.#changed([id]);
    return this.entry(id);
  }

  deleteEntries(ids: number[]): number {
    const removed = this.#history.delete(ids);
    this.#changed(ids);
    return removed;
  }

  /** What each region billed per month (the history's ledger), priced in its currency, and the free quota's use. */
  usage(): UsageView {
    const totals = this.#history.usageTotals().filter((row): row is typeof row & { region: Region } => row.region in REGION_PRICES);
    const used = new Map<Region, { tokens: number; since: string }>();
    for (const row of totals) {
      const seen = used.get(row.region);
      used.set(row.region, { tokens: (seen?.tokens ?? 0) + row.inputTokens + row.outputTokens, since: row.month });
    }
    return {
      months: totals.map((row) => ({ ...row, currency: REGION_PRICES[row.region].currency })),
      freeQuota: { tokens: FREE_QUOTA.tokens, days: FREE_QUOTA.days, used: [...used].map(([region, value]) => ({ region, ...value })) },
    };
  }

  storage(): StorageView {
    return this.#history.storage();
  }

  async exportHistory(request: ExportRequest): Promise<ExportResult> {
    const path = await this.#ports.dialogs.saveExport(`readout-export.${request.format}`);
    if (!path) return { saved: false };
    const entries = request.document !== undefined
      ? this.#history.documentPages(request.document)
      : request.ids
      ? request.ids.map((id) => this.#history.get(id)).filter((e): e is NonNullable<typeof e> => e !== null)
      : this.#history.iterate({ query: request.query });
    const count = request.format === 'pdf'
      ? await exportSearchablePdf(this.#history, entries, path, searchablePdf)
      : await exportToFile(this.#history, entries, request.format, path, { images: request.images });
    return { saved: true, count, fileName: basename(path) };
  }

  // Recognition

  async openFiles(): Promise<JobTicket[]> {
    return this.recognizeFiles(await this.#ports.dialogs.openImages());
  }

  /** Files the user chose: in the open dialog, on the command line of a second launch, or in the Finder. */
  recognizeFiles(paths: string[]): JobTicket[] {
    const batch = this.#batches.create(paths.length);
    return paths.map((path) => this.#enqueue(basename(path), { kind: 'file', path, name: basename(path) }, () => readInputFile(path), { batch }));
  }

  recognizeImage(image: DroppedImage): JobTicket {
    if (image.bytes.length > MAX_DROPPED_BYTES) {
      throw new ReadoutError('image-too-large', `${image.name ?? 'The image'} is over 50 MB; save it and open it from disk instead.`);
    }
    const name = image.name ?? (image.source === 'clipboard' ? 'clipboard' : 'dropped image');
    const source: Source = image.source === 'clipboard' ? { kind: 'clipboard' } : { kind: 'drop', name: image.name };
    const bytes = new Uint8Array(image.bytes);
    return this.#enqueue(name, source, async () => bytes, { batch: image.batch ?? this.#batches.create(1) });
  }

  /**
   * Image bytes from inside the main process (a screen capture): the same queue and pipeline as a file. A capture
   * is what the user is waiting for, so its entry opens as it starts (`reveal`).
   */
  recognizeBytes(bytes: Uint8Array, name: string, source: Source, options: { reveal?: boolean } = {}): JobTicket {
    return this.#enqueue(name, source, async () => bytes, { batch: this.#batches.create(1), reveal: options.reveal ?? false });
  }

  /** The window's Capture button: the same capture as the hotkey. */
  startCapture(): void {
    this.#ports.startCapture();
  }

  openDataFolder(): void {
    this.#ports.openDataFolder();
  }

  /** A code's web address, opened once the user has seen it whole and said yes (the window asks). */
  openUrl(url: string): void {
    const safe = safeWebUrl(url);
    if (!safe) throw new ReadoutError('url-refused', 'Only http and https addresses are opened.');
    this.#ports.openUrl(safe);
  }

  /** Every entry goes (pinned ones only when asked); the space is reclaimed. */
  clearHistory(options: { includePinned: boolean }): number {
    const removed = this.#history.deleteOlderThan(0, options);
    this.#changed(null);
    return removed;
  }

  /**
   * Reads a failed or cancelled entry again, in place. A file that could not be read has no stored image: it is read
   * from disk again, as a new entry in place of the failed one.
   */
  retry(entryId: number): JobTicket {
    const entry = this.#history.get(entryId);
    if (!entry) throw new ReadoutError('history-not-found', `There is no history entry ${entryId}.`);
    if (!entry.hasImage) {
      if (entry.source.kind !== 'file') throw new ReadoutError('history-no-image', `Entry ${entryId} has no stored image to read again.`);
      this.#history.delete([entryId]);
      this.#changed([entryId]);
      return this.recognizeFiles([entry.source.path])[0]!;
    }
    const name = entry.fileName ?? `#${entryId}`;
    const batch = this.#batches.create(1);
    const index = this.#batches.join(batch);
    const jobId = this.#queue.add(async (signal) => {
      const settings = this.#settings.get();
      const engine = this.engine(settings);
      this.#progress({ jobId, name, state: 'reading', entryId, error: null, batch, reveal: false });
      const outcome = await retryEntry(this.#history, entryId, engine, {
        prompt: entry.prompt ?? promptForTask(this.#taskRequest(settings)),
        task: this.#taskRequest(settings, taskOfMode(entry.mode) ?? settings.task),
        signal,
        minPixels: settings.minPixels,
        maxPixels: settings.maxPixels,
        onDelta: (delta) => this.#ports.emit('ocr:delta', { jobId, entryId, delta }),
      }).catch((error: unknown) => ({ ok: false as const, failure: toErrorView(error) }));
      this.#changed([entryId]);
      if (outcome.ok) this.#afterEntry(entryId, settings);
      await this.#settle(batch, index, outcome.ok ? outcome.result.text : null, settings);
      this.#progress(outcome.ok ? { jobId, name, state: 'done', entryId, error: null, batch, reveal: false } : this.#failed(jobId, name, entryId, outcome.failure, batch));
    });
    this.#progress({ jobId, name, state: 'queued', entryId, error: null, batch, reveal: false });
    return { jobId, name };
  }

  /** Reads a stored image again with another mode, model or engine, as a new entry: the old result stays. */
  rerun(entryId: number, options: RerunOptions): JobTicket {
    const entry = this.#history.get(entryId);
    const stored = this.#history.image(entryId);
    if (!entry || !stored?.image) throw new ReadoutError('history-no-image', `Entry ${entryId} has no stored image to read again.`);
    const image = stored.image;
    return this.#enqueue(entry.fileName ?? `#${entryId}`, entry.source, async () => image, { ...options, batch: this.#batches.create(1) });
  }

  cancel(jobId: number): boolean {
    return this.#queue.cancel(jobId);
  }

  /** Whether a recognition is queued or running (updates are never installed then). */
  get busy(): boolean {
    return this.#queue.busy;
  }

  /** Every recognition, queued or running: each records itself as cancelled, and can be retried. */
  cancelAll(): void {
    this.#queue.cancelAll();
  }

  /** Copies for the window's Copy button: a clipboard held by another app is an error the user sees. */
  async copy(text: string): Promise<void> {
    if (!(await this.#copied(text))) throw new ReadoutError('clipboard-failed', 'The clipboard is in use by another app. Try again.');
  }

  /** Whether `text` reached the clipboard; a failure is logged, never left as an unhandled rejection. */
  async #copied(text: string): Promise<boolean> {
    try {
      await this.#ports.clipboard.writeText(text);
      return true;
    } catch (error) {
      console.warn('The clipboard could not be written', errorMessage(error));
      return false;
    }
  }

  /** Waits for every queued recognition: for tests and for quitting cleanly. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  async close(): Promise<void> {
    await this.#local.close();
  }

  #changed(ids: number[] | null): void {
    this.#ports.emit('history:changed', { ids });
  }

  #progress(progress: OcrProgress): void {
    this.#ports.emit('ocr:progress', progress);
  }

  #failed(jobId: number, name: string, entryId: number | null, error: { code: string; message: string; retryable: boolean }, batch: BatchRef): OcrProgress {
    return { jobId, name, state: error.code === 'cancelled' ? 'cancelled' : 'failed', entryId, error, batch, reveal: false };
  }

  /** What happens to one finished entry whatever its batch: its image kept or not, the history kept under its cap. */
  #afterEntry(entryId: number, settings: Settings): void {
    if (!settings.keepImages) this.#history.dropImage(entryId);
    if (settings.historyCapMb > 0) this.#history.pruneImages(settings.historyCapMb * 1024 * 1024);
  }

  /** One job of a batch ended; after its last, the clipboard and the notification act once for all of it. */
  async #settle(batch: BatchRef, index: number, text: string | null, settings: Settings): Promise<void> {
    const outcome = this.#batches.settle(batch, index, text);
    if (!outcome) return;
    const texts = outcome.texts.filter((t): t is string => t !== null);
    if (texts.length === 0) return;
    const joined = outcome.size === 1 ? texts[0]! : settings.batchClipboard === 'joined' ? texts.filter(Boolean).join('\n\n') : '';
    if (settings.copyToClipboard && joined && (await this.#copied(joined))) this.#ports.emit('ocr:copied', { count: texts.length });
    if (settings.showNotification) this.#ports.notifyDone({ text: texts[0]!, count: texts.length, failed: outcome.failed });
  }

  /**
   * A PDF as one job: its pages drawn and read one at a time (the document stays open between them, each page's
   * pixels let go before the next), each page an entry of one document; progress says the page; a cancel stops
   * after the page being read, the finished ones kept. The text of all pages, in order, is the job's text.
   */
  async #readDocument(job: {
    jobId: number;
    name: string;
    source: Source;
    bytes: Uint8Array;
    engine: OcrEngine;
    prompt: string;
    task: TaskRequest;
    settings: Settings;
    signal: AbortSignal;
    batch: BatchRef;
    reveal: boolean;
    unreadable: (error: unknown) => void;
  }): Promise<string | null> {
    const { jobId, name, source, engine, settings, signal, batch, reveal } = job;
    let pdf: Awaited<ReturnType<typeof PdfDocument.open>> | null = null;
    let password: string | undefined;
    // An encrypted PDF: the window asks for its password (again when it was wrong); it lives only in this loop.
    while (!pdf) {
      try {
        pdf = await PdfDocument.open(job.bytes, name, { password });
      } catch (error) {
        const locked = error instanceof PdfError && (error.code === 'pdf-password' || error.code === 'pdf-password-wrong');
        const answer = locked && !signal.aborted ? await this.#askPassword(name, error.code === 'pdf-password-wrong', signal) : null;
        if (answer === null) {
          job.unreadable(error);
          return null;
        }
        password = answer;
      }
    }
    const texts: string[] = [];
    try {
      const documentId = this.#history.createDocument(name, pdf.pages);
      const bounds = engine.pixelBounds({ minPixels: settings.minPixels, maxPixels: settings.maxPixels });
      for (let number = 1; number <= pdf.pages && !signal.aborted; number++) {
        const pageName = `${name} · ${number}/${pdf.pages}`;
        this.#progress({ jobId, name: pageName, state: 'preparing', entryId: null, error: null, batch, reveal });
        let rendered: Awaited<ReturnType<typeof pdf.page>>;
        try {
          rendered = await pdf.page(number, bounds);
        } catch (error) {
          job.unreadable(error);
          continue;
        }
        const layer = rendered.text.replace(/\s/g, '').length >= MIN_TEXT_LAYER;
        const reader = settings.pdfText === 'always' || (settings.pdfText === 'auto' && layer) ? new TextLayerEngine(rendered.text, bounds) : engine;
        let entryId: number | null = null;
        const outcome = await recognizeImage(rendered.png, pageName, {
          engine: reader,
          prompt: job.prompt,
          mode: job.task.task,
          task: job.task,
          minPixels: settings.minPixels,
          maxPixels: settings.maxPixels,
          document: { id: documentId, page: number },
          source,
          signal,
          scanCodes: (image) => this.#local.scanCodes(image),
          recorder: this.#recorder({ jobId, name: pageName, batch, reveal }, (id) => (entryId = id)),
          onDelta: (delta) => this.#ports.emit('ocr:delta', { jobId, entryId, delta }),
        });
        if (entryId !== null) this.#changed([entryId]);
        if (outcome.ok) texts.push(outcome.result.text);
      }
    } finally {
      await pdf.close();
    }
    this.#progress({ jobId, name, state: signal.aborted ? 'cancelled' : 'done', entryId: null, error: null, batch, reveal });
    return texts.length > 0 ? texts.join('\n\n') : null;
  }

  /** A job's history writes: its entry said to the window as it is created (progress 'reading', history changed). */
  #recorder(job: { jobId: number; name: string; batch: BatchRef; reveal: boolean }, created: (entryId: number) => void): JobRecorder {
    return {
      createPending: (entry) => {
        const entryId = this.#history.createPending(entry);
        created(entryId);
        this.#progress({ ...job, state: 'reading', entryId, error: null });
        this.#changed([entryId]);
        return entryId;
      },
      complete: (id, result) => this.#history.complete(id, result),
      fail: (id, failure) => this.#history.fail(id, failure),
    };
  }

  readonly #passwords = new Map<number, (password: string | null) => void>();
  #nextPasswordRequest = 1;

  /** Asks the window for a PDF's password; null when the user gives up, the job is cancelled, or nobody answers. */
  #askPassword(file: string, wrong: boolean, signal: AbortSignal): Promise<string | null> {
    const requestId = this.#nextPasswordRequest++;
    return new Promise<string | null>((resolve) => {
      const done = (password: string | null): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', cancel);
        this.#passwords.delete(requestId);
        resolve(password);
      };
      const cancel = (): void => done(null);
      // Ten minutes: a question left on screen must not hold the queue for ever.
      const timer = setTimeout(cancel, 10 * 60_000);
      signal.addEventListener('abort', cancel, { once: true });
      this.#passwords.set(requestId, done);
      this.#ports.emit('ocr:passwordNeeded', { requestId, file, wrong });
    });
  }

  /** The window's answer to ocr:passwordNeeded. */
  answerPassword(requestId: number, password: string | null): void {
    this.#passwords.get(requestId)?.(password);
  }

  #enqueue(name: string, source: Source, load: () => Promise<Uint8Array>, options: RerunOptions & { batch: BatchRef; reveal?: boolean }): JobTicket {
    const { batch } = options;
    const reveal = options.reveal ?? false;
    const index = this.#batches.join(batch);
    const jobId = this.#queue.add(async (signal) => {
      const settings = this.#settings.get();
      const engine = this.engine(settings, options);
      const task = this.#taskRequest(settings, options.task);
      // A prompt of the user's own stands for the task chosen in Settings, not for one picked for this re-run.
      const custom = !options.task && settings.customPrompt?.trim() ? settings.customPrompt : null;
      const prompt = custom ?? promptForTask(task);
      let entryId: number | null = null;
      const recorder = this.#recorder({ jobId, name, batch, reveal }, (id) => (entryId = id));
      /** A file that could not be read at all stays in the history as a failed entry, with its name and reason. */
      const unreadable = (error: unknown): void => {
        const view = toErrorView(error);
        try {
          entryId = this.#history.recordUnreadable(source, engine.name, engine.model, { ...view, retryable: source.kind === 'file' && view.code !== 'cancelled' });
          this.#changed([entryId]);
        } catch {
          // The history itself failing is reported with the job; the file's own error is the one to show.
        }
        this.#progress(this.#failed(jobId, name, entryId, view, batch));
      };
      this.#progress({ jobId, name, state: 'preparing', entryId: null, error: null, batch, reveal });
      let bytes: Uint8Array;
      try {
        bytes = await load();
      } catch (error) {
        unreadable(error);
        await this.#settle(batch, index, null, settings);
        return;
      }
      if (isPdf(bytes)) {
        const text = await this.#readDocument({ jobId, name, source, bytes, engine, prompt, task, settings, signal, batch, reveal, unreadable });
        await this.#settle(batch, index, text, settings);
        return;
      }
      const outcome = await recognizeImage(bytes, name, {
        engine,
        prompt,
        mode: custom ? null : task.task,
        task,
        minPixels: settings.minPixels,
        maxPixels: settings.maxPixels,
        recorder,
        source,
        signal,
        // In the offline engine's worker, beside the reading: a 4K scan never holds the window's main process.
        scanCodes: (image) => this.#local.scanCodes(image),
        onDelta: (delta) => this.#ports.emit('ocr:delta', { jobId, entryId, delta }),
      });
      if (entryId !== null) this.#changed([entryId]);
      if (outcome.ok && entryId === null) {
        // The history could not be written (a full disk, say): the text must not be lost with it.
        const copied = outcome.result.text ? await this.#copied(outcome.result.text) : false;
        const error = new ReadoutError(
          'history-unwritable',
          `${name}: read${copied ? ', and copied to the clipboard,' : ''} but the history could not keep it (${errorMessage(outcome.historyError)})`,
        );
        this.#progress(this.#failed(jobId, name, null, toErrorView(error), batch));
        await this.#settle(batch, index, null, settings);
      } else if (outcome.ok) {
        this.#afterEntry(entryId!, settings);
        await this.#settle(batch, index, clipboardText(outcome.result.text, outcome.result.codes, settings.codesClipboard), settings);
        this.#progress({ jobId, name, state: 'done', entryId, error: null, batch, reveal });
      } else if (entryId === null) {
        unreadable(outcome.error);
        await this.#settle(batch, index, null, settings);
      } else {
        await this.#settle(batch, index, null, settings);
        this.#progress(this.#failed(jobId, name, entryId, toErrorView(outcome.error), batch));
      }
    });
    this.#progress({ jobId, name, state: 'queued', entryId: null, error: null, batch, reveal });
    return { jobId, name };
  }
}


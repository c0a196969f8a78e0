/**
 * THE contract between the main process and the renderer: channel names, argument and result types, pushed events.
 * main/ipc.ts implements it, preload/index.ts exposes it as `window.readout`, the renderer sees only this type.
 * Imported by all three builds, so it holds types and constants only.
 */

/** 50 MB: the most a dropped or pasted image may be (more than any screenshot or scan); a bigger one is opened from disk. */
export const MAX_DROPPED_BYTES = 50 * 1024 * 1024;

/**
 * A line the offline engine read with less confidence than this (WordView.confidence, calibrated so that of lines
 * scored 0.6 about 60% are right: main/ocr/ppocr/line-confidence.ts) is doubtful: the window marks it and offers
 * another reading. Here, in the contract every build shares, so that the engine's scale and the window's mark agree.
 */
export const DOUBTFUL_BELOW = 0.6;

/** Request/response channels, `domain:verb`. */
export const CHANNELS = {
  appInfo: 'app:info',
  appTakeView: 'app:takeView',
  settingsGet: 'settings:get',
  settingsUpdate: 'settings:update',
  keySet: 'settings:setApiKey',
  keyClear: 'settings:clearApiKey',
  keyTest: 'settings:testApiKey',
  keyTrustEndpoint: 'settings:trustEndpoint',
  keySave: 'settings:saveApiKey',
  historyList: 'history:list',
  historySearch: 'history:search',
  historyCount: 'history:count',
  historyGet: 'history:get',
  historyImage: 'history:image',
  historyThumbnail: 'history:thumbnail',
  historyEdit: 'history:edit',
  historyPin: 'history:pin',
  historyDelete: 'history:delete',
  historyExport: 'history:export',
  historyStorage: 'history:storage',
  historyUsage: 'history:usage',
  ocrOpenFiles: 'ocr:openFiles',
  ocrRecognizeImage: 'ocr:recognizeImage',
  ocrRetry: 'ocr:retry',
  ocrRerun: 'ocr:rerun',
  ocrCancel: 'ocr:cancel',
  clipboardCopy: 'clipboard:copy',
  captureFrame: 'capture:frame',
  captureFinish: 'capture:finish',
  captureFinishAcross: 'capture:finishAcross',
  captureSelect: 'capture:select',
  captureCancel: 'capture:cancel',
  captureStart: 'capture:start',
  ocrCancelAll: 'ocr:cancelAll',
  historyClear: 'history:clear',
  appOpenDataFolder: 'app:openDataFolder',
  appOpenUrl: 'app:openUrl',
  ocrPdfPassword: 'ocr:pdfPassword',
  ocrPendingPasswords: 'ocr:pendingPasswords',
  languagesList: 'languages:list',
  languagesAdd: 'languages:add',
  languagesRemove: 'languages:remove',
  languagesCancel: 'languages:cancel',
  ocrReadOffline: 'ocr:readOffline',
  translateRun: 'translate:run',
  translateCancel: 'translate:cancel',
  batchList: 'batch:list',
  batchSubmit: 'batch:submit',
  batchRefresh: 'batch:refresh',
  batchCancel: 'batch:cancel',
  integrationsStatus: 'integrations:status',
  integrationsRegenerateToken: 'integrations:regenerateToken',
  integrationsChooseFolder: 'integrations:chooseFolder',
} as const;

/** Main-to-window pushes. */
export const EVENTS = {
  ocrProgress: 'ocr:progress',
  ocrDelta: 'ocr:delta',
  historyChanged: 'history:changed',
  appNavigate: 'app:navigate',
  ocrCopied: 'ocr:copied',
  captureShow: 'capture:show',
  captureSelection: 'capture:selection',
  ocrPasswordNeeded: 'ocr:passwordNeeded',
  languagesProgress: 'languages:progress',
  appShowEntry: 'app:showEntry',
  translateDelta: 'translate:delta',
  batchChanged: 'batch:changed',
  integrationsChanged: 'integrations:changed',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];
export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/** The engines that read images (settings, re-runs); an entry's engine may also be a PDF page's text layer. */
export type ReaderName = 'qwen' | 'local';
export type EngineName = ReaderName | 'pdf';
/** ocr/tasks.ts's TASKS: what to ask Qwen-VL-OCR for. */
export type Task = 'text' | 'key-info' | 'document' | 'table' | 'formula' | 'multi-lang' | 'advanced';
export type EntryStatus = 'pending' | 'done' | 'failed' | 'cancelled';
export type SourceKind = 'region' | 'file' | 'clipboard' | 'drop';

export interface AppInfo {
  version: string;
  /** The engine a new recognition would use now. */
  engine: ReaderName;
  hasApiKey: boolean;
  platform: 'darwin' | 'win32' | 'linux' | 'other';
}

export interface SettingsView {
  engine: ReaderName;
  region: 'cn' | 'intl' | 'us';
  baseUrl: string | null;
  model: string;
  /** auto: native for DashScope's regions, compatible for a custom endpoint. */
  api: 'auto' | 'native' | 'compatible';
  task: Task;
  /** Let the service turn a skewed or rotated image upright first (native only). */
  rotate: boolean;
  /** Key-information schemas by name, as JSON text. */
  schemas: Record<string, string>;
  schemaName: string | null;
  customPrompt: string | null;
  minPixels: number;
  maxPixels: number;
  hotkey: string;
  repeatHotkey: string;
  copyToClipboard: boolean;
  showNotification: boolean;
  keepImages: boolean;
  historyCapMb: number;
  theme: 'system' | 'light' | 'dark';
  language: 'system' | 'en' | 'zh-CN';
  closeToTray: boolean;
  launchAtLogin: boolean;
  checkForUpdates: boolean;
  /** After a batch of several images: all their texts on the clipboard, joined, or nothing. */
  batchClipboard: 'joined' | 'none';
  /** PDFs: a page's own text layer instead of reading it: where it has one, always, or never. */
  pdfText: 'auto' | 'always' | 'never';
  /** When an image holds a code: its content (codes-first, when there is little other text), the text, or both. */
  codesClipboard: 'codes-first' | 'text-first' | 'both';
  /** Free the offline engine's memory after a long idle; the next image loads it again. */
  offlineIdleRelease: boolean;
  /** What the offline engine reads: its built-in languages (English, Simplified Chinese) or an installed pack. */
  offlineLanguage: OfflineLanguage;
  /** How a result's lines are joined where it is shown, copied and exported: one default, set from the result too. */
  lineMode: LineMode;
  /** When Qwen cannot be reached (network, time-out, server errors), read the image with the offline engine instead. */
  offlineFallback: boolean;
  /** The language a translation is made into, by code (main/translate/languages.ts): 'en' by default. */
  translateTarget: string;
  /** The model that translates: qwen-mt-* over Qwen-MT's options, any other name by an ordinary chat prompt. */
  translateModel: string;
  /** Translate each capture once it is read. */
  translateEveryCapture: boolean;
  /** The user's glossary, passed to Qwen-MT as its terms. */
  translateTerms: Array<{ source: string; target: string }>;
  /** Run the local HTTP API (Umi-OCR's /api/ocr and Readout's /v1) while the app runs; off by default. */
  localApi: boolean;
  /** Its port, 1024..65535 (1224, Umi-OCR's, by default). */
  localApiPort: number;
  /** Listen on all interfaces (0.0.0.0) instead of 127.0.0.1: then every route needs the token. */
  localApiLan: boolean;
  /** Folders whose images and PDFs are read as they land, each once (absolute paths, at most 20). */
  watchFolders: WatchFolder[];
  /** Every image copied to the clipboard is read once, as a paste is. */
  clipboardWatch: boolean;
}

/** A watched folder: its subfolders too, and a text file written beside each input. */
export interface WatchFolder {
  path: string;
  recursive: boolean;
  textBeside: boolean;
}

/**
 * The Local API (issue 25, main/app/local-api.ts). The token is made in main when the API is first turned on and kept
 * out of SettingsView; it is shown here so the user can copy it into a script.
 */
export interface LocalApiStatus {
  state: 'off' | 'starting' | 'on' | 'failed';
  /** e.g. http://127.0.0.1:1224 */
  url: string | null;
  token: string | null;
  /** e.g. the port is in use: code 'api-port-in-use'. */
  error: ErrorView | null;
}

/** One watched folder (main/app/folder-watch.ts); counts since the app started. */
export interface WatchStatus {
  path: string;
  state: 'starting' | 'watching' | 'stopped' | 'failed';
  read: number;
  skipped: number;
  failed: number;
  lastFile: string | null;
  /** e.g. the folder is gone: code 'watch-folder-missing' (watching starts again when it is back). */
  error: ErrorView | null;
}

export interface IntegrationsStatus {
  localApi: LocalApiStatus;
  watches: WatchStatus[];
  clipboardWatch: boolean;
}

export type TranslationStatus = 'pending' | 'done' | 'failed';

/** An entry's translation (one per entry: redoing replaces it). */
export interface TranslationView {
  /** A code: 'en' | 'zh' | 'ja' | 'ko' | 'fr' | 'de' | 'es' | ... (main/translate/languages.ts). */
  targetLang: string;
  /** 'auto' or the code asked for. */
  sourceLang: string;
  model: string;
  status: TranslationStatus;
  /** The whole translation; while pending, the text so far. */
  text: string;
  /** One translation per line of entry.words (same order and count), for the in-place view; null where lines could not be matched. */
  lines: string[] | null;
  createdAt: number;
  usage: { inputTokens: number | null; outputTokens: number | null };
  cost: number | null;
  error: ErrorView | null;
}

/** How lines are joined (main/text/line-modes.ts): as on screen, as paragraphs, on one line, or in their layout. */
export type LineMode = 'lines' | 'paragraphs' | 'one-line' | 'layout';

/** The language packs (main/languages/catalog.ts), by their BCP 47 codes. */
export type PackCode = 'ja' | 'ko' | 'zh-Hant';
export type OfflineLanguage = 'built-in' | PackCode;

/** A language the offline engine reads (the window names it: languages.<code>). */
export interface LanguageView {
  code: 'en' | 'zh-Hans' | PackCode;
  status: 'built-in' | 'installed' | 'available';
  /** Bytes to download to add it; null for a built-in language. */
  downloadBytes: number | null;
  /** Bytes on disk (an available pack: what it will take); null for a built-in language. */
  diskBytes: number | null;
  /** Also reads text set in columns (vertical Japanese). */
  vertical: boolean;
}

/** A pack's download, as it goes. */
export interface LanguageProgress {
  code: PackCode;
  received: number;
  total: number;
}

/**
 * Text the offline engine could not read (main/languages/script-warnings.ts): its script, the pack that reads it
 * (null where the script is not known) and whether that pack is installed (then it only has to be chosen).
 */
export interface ScriptWarningView {
  script: 'kana' | 'hangul' | 'traditional' | 'unknown';
  pack: PackCode | null;
  installed: boolean;
}

/** Only whether a key exists and how it is kept: the key itself never leaves the main process. */
export interface ApiKeyStatus {
  set: boolean;
  last4: string | null;
  /** os: the OS secret store; weak: encrypted with a fixed key (Linux without a keyring); session: not saved. */
  storage: 'os' | 'weak' | 'session';
  /** The custom endpoint the key is NOT sent to until the user allows it (settings.trustEndpoint), or null. */
  withheldFrom: string | null;
}

export type KeyTestResult = { ok: true; model: string; durationMs: number } | { ok: false; code: string; message: string };

/**
 * A key typed in Settings, tested before it is used (review 2, M9): `saved` when it works (or got through and something
 * else failed: the test says what); `rejected` when the region's server refused it (401/403): it is NOT saved and the
 * key in use is unchanged; `unchecked` when the server could not be asked: saved, and the window says it is untested.
 * `region` is the region it was tested in (null for a custom endpoint); a region asked for and working becomes the
 * region in Settings. `test` is null where no test ran (a custom endpoint the user has not let the key go to).
 */
export interface KeySaveResult {
  outcome: 'saved' | 'rejected' | 'unchecked';
  region: RegionName | null;
  test: KeyTestResult | null;
  apiKey: ApiKeyStatus;
  settings: SettingsView;
}

export interface ErrorView {
  code: string;
  message: string;
  retryable: boolean;
}

export interface EntryView {
  id: number;
  createdAt: number;
  sourceKind: SourceKind;
  fileName: string | null;
  text: string;
  editedText: string | null;
  engine: EngineName;
  model: string;
  mode: string | null;
  status: EntryStatus;
  error: ErrorView | null;
  usage: { inputTokens: number | null; outputTokens: number | null; imageTokens: number | null };
  cost: number | null;
  durationMs: number | null;
  /** How sure the engine was of the text, 0 to 1 (the offline engine); null where it did not say. */
  confidence: number | null;
  width: number | null;
  height: number | null;
  pinned: boolean;
  attempts: number;
  hasImage: boolean;
  /** The text with its places, four corners in the original image's pixels, in reading order; null where none. */
  words: WordView[] | null;
  /** The DashScope region that billed it: its currency prices `cost`. */
  region: RegionName | null;
  /** QR codes and barcodes found in the image; null where none were looked for. */
  codes: CodeView[] | null;
  /** A PDF's page: its document, its number and how many the document has. */
  page: { number: number; of: number; document: number } | null;
  /** Text in a script the offline engine could not read, and the pack that reads it; [] for none. */
  warnings: ScriptWarningView[];
  /**
   * Read offline in place of Qwen: why (the code Qwen failed with: network, timeout, server; or 'asked', the user chose
   * it while waiting). Absent or null for an entry read as asked.
   */
  fallback?: { from: string } | null;
  /** Its translation, done, under way or failed; null where none was asked for. */
  translation: TranslationView | null;
  /** The batch job a pending entry waits for (results within 24 h); null or absent otherwise. */
  batch?: BatchWaitView | null;
}

export interface CodeView {
  format: string;
  text: string;
  box: number[][];
  bytes: number;
  binary: boolean;
}

export type RegionName = 'cn' | 'intl' | 'us';

export interface UsageView {
  /** Newest month first; only months and regions with a request. */
  months: Array<{ month: string; region: RegionName; requests: number; inputTokens: number; outputTokens: number; cost: number; currency: string }>;
  /** The new-user free quota (tokens, valid for `days` after activation), and what Readout has sent per region. */
  freeQuota: { tokens: number; days: number; used: Array<{ region: RegionName; tokens: number; since: string }> };
}

export interface WordView {
  text: string;
  box: number[][];
  confidence: number | null;
}

/** An entry as the history list shows it: the first words, not the whole text. */
export interface EntrySummary {
  id: number;
  createdAt: number;
  sourceKind: SourceKind;
  fileName: string | null;
  /** The start of the shown text (the edit, if any), up to a line or so. */
  preview: string;
  engine: EngineName;
  model: string;
  status: EntryStatus;
  error: ErrorView | null;
  pinned: boolean;
  hasImage: boolean;
  /** The original image's size in pixels, where it was read. */
  width: number | null;
  height: number | null;
  /** A PDF's page: its document, its number and how many the document has. */
  page: { number: number; of: number; document: number } | null;
  /** The task it was read with ('table', 'key-info'…; 'text' or null for plain text): the row says which. */
  mode?: string | null;
  /** Its first code, where the image held codes and no text: the row shows the code (review M10). */
  code?: { format: string; text: string } | null;
  /** The batch job a pending entry waits for (results within 24 h), not a reading in hand; null or absent otherwise. */
  batch?: BatchWaitView | null;
}

/** A pending entry's batch job: its id as the jobs view names it, and its state (BatchJobView['state']). */
export interface BatchWaitView {
  id: string;
  state: string;
}

export interface HistoryFilterView {
  status?: EntryStatus[];
  engine?: EngineName[];
  source?: SourceKind[];
  from?: number;
  to?: number;
}

export interface PageView<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHitView {
  entry: EntrySummary;
  snippet: SnippetPart[];
}

/** How many entries a search finds: `count` exactly, or, with `more`, at least that many (counting stops there). */
export interface MatchCountView {
  count: number;
  more: boolean;
}

/**
 * What the window writes, for people (review M14): txt (one entry: its text alone), md (tables as pipe tables),
 * docx (Word), and an entry's table as csv or xlsx; each in local time under readable names, shaped by the line
 * mode. json: every field of each entry. pdf: a searchable PDF of the entries' images with their text laid
 * invisibly over them. (The `readout history export` command keeps its own formats.)
 */
export type ExportFormat = 'md' | 'json' | 'csv' | 'txt' | 'pdf' | 'docx' | 'xlsx';

export interface ExportRequest {
  format: ExportFormat;
  /** One or more entries; or else a search; or else everything. */
  ids?: number[];
  query?: string;
  /** Markdown only: each entry's image written to a folder beside the file and shown in it. Off by default. */
  images?: boolean;
  /** A PDF document's pages, in page order (the id of the document one of them belongs to). */
  document?: number;
}

export type ExportResult = { saved: true; count: number; fileName: string } | { saved: false };

export interface StorageView {
  entries: number;
  databaseBytes: number;
  imageBytes: number;
}

export interface JobTicket {
  jobId: number;
  name: string;
}

export interface DroppedImage {
  name: string | null;
  bytes: Uint8Array;
  source: 'drop' | 'clipboard';
  /** Files of one drop share a batch: the clipboard and the notification then act once for all of them. */
  batch?: { id: string; size: number };
}

export interface RerunOptions {
  engine?: ReaderName;
  model?: string;
  task?: Task;
}

export interface OcrProgress {
  jobId: number;
  name: string;
  state: 'queued' | 'preparing' | 'reading' | 'done' | 'failed' | 'cancelled';
  entryId: number | null;
  error: ErrorView | null;
  /** The user action this job belongs to (one drop, one Open, one capture), and how many jobs that action made. */
  batch: { id: string; size: number };
  /** Open this entry as it starts: only a capture the user just made (the user's place is otherwise kept). */
  reveal: boolean;
  /** A PDF's page being read, and how many the PDF has: the window counts pages (review M3). */
  page?: { number: number; of: number } | null;
  /** A long wait while reading (review M13); null or absent once text comes or the job moves on. */
  wait?: JobWait | null;
}

/**
 * Why a reading has no text yet: Qwen has the request and is silent (since: ms since the epoch); an attempt failed
 * and the next starts at retryAt (attempt of `of`, `code` the error); or Qwen could not be reached and the offline
 * engine is reading instead (`from`: Qwen's error code, or 'asked').
 */
export type JobWait =
  | { state: 'waiting'; since: number }
  | { state: 'retrying'; attempt: number; of: number; retryAt: number; code: string }
  | { state: 'offline'; from: string };

export interface OcrDelta {
  jobId: number;
  entryId: number | null;
  delta: string;
}

/** An encrypted PDF's password, asked of the user; `wrong` when one was tried. */
export interface PasswordRequest {
  requestId: number;
  file: string;
  wrong: boolean;
}

export interface EventPayloads {
  'ocr:progress': OcrProgress;
  'ocr:delta': OcrDelta;
  'history:changed': { ids: number[] | null };
  /** The tray asked for a view. */
  'app:navigate': { view: 'history' | 'settings' };
  /** A user action's text went to the clipboard by itself (the copy setting): how many images' text. */
  'ocr:copied': { count: number };
  /** An overlay has a new frozen frame to show. */
  'capture:show': { session: number };
  /** The rectangle being dragged, in desktop DIPs, so every overlay can draw its part of it. */
  'capture:selection': { dips: PixelRect | null };
  /** An encrypted PDF: its password, asked of the user (answered with ocr.pdfPassword; ocr.pendingPasswords for a late page). */
  'ocr:passwordNeeded': PasswordRequest;
  /** A language pack's download, after each whole percent. */
  'languages:progress': LanguageProgress;
  /** Open this entry in the window (a failed capture's notification was clicked, or the window was in front). */
  'app:showEntry': { entryId: number };
  /** A translation under way: the whole text so far (never a fragment), to replace what is shown. */
  'translate:delta': { entryId: number; text: string };
  /** The batch jobs, newest first, whenever one changes (submitted, heard from the service, fetched, cancelled). */
  'batch:changed': { jobs: BatchJobView[] };
  /** The Local API, the watched folders and the clipboard watch, on every change of state or counts. */
  'integrations:changed': IntegrationsStatus;
}

/**
 * A job on DashScope's Batch API (main/batch/): its state as last heard ('fetched': every result is in the history),
 * its requests' counts, and the entries it fills (pending until fetched). Costs in the region's currency.
 */
export interface BatchJobView {
  /** The service's batch id, or `local-N` for a job not (yet) taken by the service. */
  id: string;
  state: 'validating' | 'in_progress' | 'finalizing' | 'completed' | 'failed' | 'expired' | 'cancelling' | 'cancelled' | 'fetched';
  createdAt: number;
  finishedAt: number | null;
  total: number;
  done: number;
  failed: number;
  cost: number | null;
  estimatedCost: number | null;
  model: string;
  region: string | null;
  error: string | null;
  /**
   * Why it ended badly, for the window to say in the reader's language (main/batch/job-errors.ts); null where there is
   * no error, or for a job whose error was written before codes were kept (then `error` is shown as it is).
   */
  errorCode: BatchJobErrorCode | null;
  /** The requests the error's words count (left unread), or null. */
  unread: number | null;
  entryIds: number[];
}

export type BatchJobErrorCode = 'refused' | 'cancelled-unsent' | 'stopped-unsent' | 'service' | 'expired-unread' | 'cancelled-unread' | 'failed-unread' | 'completed-unread';

/** A rectangle in a captured display's physical pixels. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The frozen screen an overlay shows: its size in physical pixels and a picture of it. */
export interface CaptureFrameView {
  session: number;
  width: number;
  height: number;
  /** The display's place on the desktop, in DIPs: a drag past its edge is reported in these units. */
  bounds: PixelRect;
  scaleFactor: number;
  mime: string;
  preview: Uint8Array;
}

/** `window.readout`: named functions only, never raw ipcRenderer. */
export interface ReadoutApi {
  app: {
    info(): Promise<AppInfo>;
    /** A view the main process asked for before this page could listen (the tray opening a fresh window). */
    takeView(): Promise<'history' | 'settings' | null>;
    /** Shows the folder the history and settings live in, in the file manager. */
    openDataFolder(): Promise<void>;
    /**
     * Opens an http(s) address in the browser once the user says yes in the main process's own dialog (it shows the
     * host and the whole address); resolves with whether it was opened. Anything but http(s) is refused.
     */
    openUrl(url: string): Promise<boolean>;
  };
  settings: {
    get(): Promise<{ settings: SettingsView; apiKey: ApiKeyStatus }>;
    update(patch: Partial<SettingsView>): Promise<SettingsView>;
    /** Keeps the key; with a custom endpoint set, the user is asked in main whether it may go there (see trustEndpoint). */
    setApiKey(key: string): Promise<ApiKeyStatus>;
    clearApiKey(): Promise<ApiKeyStatus>;
    /**
     * Asks the user, in the main process's own dialog naming the host, whether the key may go to the custom endpoint
     * now set (`url` must be it); resolves with the key's status after the answer (still withheld after a no).
     */
    trustEndpoint(url: string): Promise<ApiKeyStatus>;
    testApiKey(): Promise<KeyTestResult>;
    /**
     * Tests `key` in `region` (the one in Settings when left out) and saves it only if the server does not refuse it
     * (KeySaveResult). With a custom endpoint set it is kept as setApiKey keeps it, then tested there, and a refused
     * one is taken back. setApiKey saves without a test: the window's "Keep anyway".
     */
    saveApiKey(request: { key: string; region?: RegionName }): Promise<KeySaveResult>;
  };
  history: {
    list(request: { filter?: HistoryFilterView; cursor?: string | null; limit?: number }): Promise<PageView<EntrySummary>>;
    search(request: { query: string; filter?: HistoryFilterView; cursor?: string | null; limit?: number }): Promise<PageView<SearchHitView>>;
    /** How many entries the same search finds in all (review M5), counted up to a cap. */
    count(request: { query: string; filter?: HistoryFilterView }): Promise<MatchCountView>;
    get(id: number): Promise<EntryView | null>;
    /** The image as sent, as a data: URL. */
    image(id: number): Promise<string | null>;
    thumbnail(id: number): Promise<string | null>;
    edit(id: number, text: string | null): Promise<EntryView | null>;
    pin(id: number, pinned: boolean): Promise<EntryView | null>;
    delete(ids: number[]): Promise<number>;
    export(request: ExportRequest): Promise<ExportResult>;
    storage(): Promise<StorageView>;
    /** What DashScope billed per month and region, and the free quota against it. */
    usage(): Promise<UsageView>;
    /** Deletes every entry (pinned ones only when asked); resolves with how many went. */
    clear(options: { includePinned: boolean }): Promise<number>;
  };
  ocr: {
    /** Shows the open dialog in the main process; the page never sees the paths. */
    openFiles(): Promise<JobTicket[]>;
    recognizeImage(image: DroppedImage): Promise<JobTicket>;
    retry(entryId: number): Promise<JobTicket>;
    rerun(entryId: number, options: RerunOptions): Promise<JobTicket>;
    cancel(jobId: number): Promise<boolean>;
    /** Cancels everything queued or running. */
    cancelAll(): Promise<void>;
    /** The answer to ocr:passwordNeeded: the password, or null to give up on that PDF. Never stored. */
    pdfPassword(requestId: number, password: string | null): Promise<void>;
    /** The passwords still waiting for an answer, in the order asked: a page that loads late missed their events. */
    pendingPasswords(): Promise<PasswordRequest[]>;
    /**
     * Stops waiting for Qwen on this job and reads its image with the offline engine instead, in place (the entry
     * says so: EntryView.fallback); resolves false when the job is not waiting on Qwen.
     */
    readOffline(jobId: number): Promise<boolean>;
  };
  /** The offline engine's languages: the built-in ones, and packs added and removed on demand. */
  languages: {
    list(): Promise<LanguageView[]>;
    /**
     * Downloads the pack (languages:progress says how far), checks it against the sha512 Readout pins and installs
     * it; resolves with the list once it is installed, rejects with what went wrong (cancelled: languages.cancel).
     */
    add(code: PackCode): Promise<LanguageView[]>;
    /** Removes it; the offline engine goes back to its built-in languages if it was the one in use. */
    remove(code: PackCode): Promise<LanguageView[]>;
    /** Stops a download under way. */
    cancel(code: PackCode): Promise<void>;
  };
  clipboard: {
    copy(text: string): Promise<void>;
  };
  /** Jobs on DashScope's Batch API, at half the price, results within 24 hours (main/app/batch-jobs.ts). */
  batch: {
    list(): Promise<BatchJobView[]>;
    /** Prepares the files (and folders' images and PDFs) as pending entries, asks the user with the estimate, and sends them; null when the user said no. Rejects with a coded error (no-key, batch-unavailable) before anything is prepared. */
    submit(paths: string[]): Promise<BatchJobView[] | null>;
    /**
     * The same for files dropped on the window: their paths are found in the preload (Electron's
     * webUtils.getPathForFile) and go straight to batch:submit, so the page never holds them. A file with no place on
     * disk (dropped from another program) is left out; none at all rejects with [file-unreadable].
     */
    submitFiles(files: File[]): Promise<BatchJobView[] | null>;
    /** Asks the service about one job (or every unfinished one) and fills the entries of those that ended. */
    refresh(id?: string): Promise<BatchJobView[]>;
    cancel(id: string): Promise<void>;
  };
  /** The Local API, folder watching and clipboard watching (issue 25); turned on and off through settings.update. */
  integrations: {
    status(): Promise<IntegrationsStatus>;
    /** A new token for the Local API; the old one is refused at once. */
    regenerateToken(): Promise<LocalApiStatus>;
    /** The OS folder picker; null when cancelled. */
    chooseFolder(): Promise<string | null>;
  };
  translate: {
    /** Translates the entry's shown text; resolves when done (history:changed fires), rejects with a ReadoutError-coded error. Redoing replaces the entry's translation. */
    run(entryId: number, options: { targetLang: string; model?: string }): Promise<void>;
    /** Stops the entry's translation under way; false when none was. */
    cancel(entryId: number): Promise<boolean>;
  };
  /** For the capture overlays: each window gets its own display's frame and reports the selection on it. */
  capture: {
    frame(): Promise<CaptureFrameView | null>;
    finish(rect: PixelRect): Promise<void>;
    /** A rectangle that left this display, in desktop DIPs. */
    finishAcross(rect: PixelRect): Promise<void>;
    /** The rectangle being dragged, in desktop DIPs, for the other overlays to draw. */
    select(rect: PixelRect | null): Promise<void>;
    cancel(): Promise<void>;
    /** From the window's Capture button: the same capture as the hotkey. */
    start(): Promise<void>;
  };
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

declare global {
  interface Window {
    readout: ReadoutApi;
  }
}

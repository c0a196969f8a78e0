/**
 * The composition root: it owns the app's lifecycle and the single-instance lock, and wires the OS into the
 * services. It only wires: each step of start() is a function below, and what each one hands Electron lives in a
 * thin adapter (shell/, capture/electron-*.ts) over logic that runs and is tested without Electron (app/, capture/,
 * linux/). The Electron behaviour relied on is cited beside the call.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, clipboard, dialog, ipcMain, nativeTheme, net, safeStorage, shell } from 'electron';
import Store from 'electron-store';
import { imageArgs } from './app/file-args.ts';
import { SELF_TEST_EXIT, selfTestArgs } from './app/self-test.ts';
import { FileInbox, launchData } from './app/file-inbox.ts';
import { APP_ID } from './app/identity.ts';
import { startedAtLogin } from './app/login-items.ts';
import type { Notifier } from './app/notifier.ts';
import { QuitSequence } from './app/quit.ts';
import { AppServices } from './app/services.ts';
import { LanguagePacks } from './languages/packs.ts';
import { fill, mainStrings, sayError } from './app/strings.ts';
import type { UpdateService } from './app/updates.ts';
import { errorMessage, ReadoutError } from './errors.ts';
import { knownDamage } from './history/damage.ts';
import { HistoryStore } from './history/store.ts';
import { registerIpc } from './ipc.ts';
import { displayServer } from './linux/display-server.ts';
import { hasTrayHost } from './linux/tray-host.ts';
import { historyFile } from './paths.ts';
import type { AppOrigin } from './security.ts';
import { setUpCapture, type CaptureShell } from './shell/capture.ts';
import { clipboardImage } from './shell/clipboard-image.ts';
import { askUser, fileDialogs } from './shell/dialogs.ts';
import { failureNotice } from './shell/failure-notice.ts';
import { Hotkeys } from './shell/hotkeys.ts';
import { lockDown, registerAppScheme } from './shell/lock-down.ts';
import { loginItems } from './shell/login-item.ts';
import { MainWindow, emit, preloadPath } from './shell/main-window.ts';
import { Menus } from './shell/menus.ts';
import { createNotifier } from './shell/notifications.ts';
import { runSelfTest } from './shell/self-test.ts';
import { startUpdates } from './shell/updates.ts';
import { SettingsService, type KeyValueStore } from './settings/settings-service.ts';
import { settingsStoreOptions } from './settings/store-options.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const development = !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL);
const origin: AppOrigin = {
  devServer: development ? process.env.ELECTRON_RENDERER_URL : undefined,
  rendererDir: join(here, '../renderer'),
};

/** Every way to start a capture (hotkey, tray, menu) goes through these app events; the Electron suite uses them too. */
const CAPTURE_EVENT = 'readout-capture';
const REPEAT_EVENT = 'readout-capture-again';
const emitApp = (event: string) => () => void (app as NodeJS.EventEmitter).emit(event);

// Chromium writes the display server it settled on into our own command line (linux/display-server.ts).
const wayland = displayServer(process.platform, app.commandLine.getSwitchValue('ozone-platform'), process.env) === 'wayland';

/** What the steps share: filled in as start() goes. */
const state = {
  quitting: false,
  /** Whether a tray icon can be seen here; without one the window is never hidden, only minimised. */
  trayVisible: process.platform !== 'linux',
};

// From the first moment, before anything can fail: no rejection may reach Electron's default handler, which turns it
// into an uncaught exception and the "A JavaScript error occurred in the main process" dialog (lib/browser/init.ts).
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled rejection in the main process (reported, not fatal):', reason);
});

registerAppScheme();

// Toasts on Windows belong to the AppUserModelID of the installer's shortcut (review M7).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

// Files given by the OS, kept from the first moment (review m3): macOS sends a cold-launch file as 'open-file'
// before 'ready' ("listen … very early … even before the ready event", app.md).
const inbox = new FileInbox();
app.on('open-file', (event, path) => {
  event.preventDefault();
  inbox.add([path]);
});

/** Brings the main window up; set once the services exist (a second launch before then waits for start()). */
let reveal: () => void = () => undefined;

async function start(): Promise<void> {
  // A link a page opens goes through the same question in main as the window's Open (review N11).
  lockDown(origin, { development, openLink: (url) => openLink(services, url) });
  const core = await openCore();
  if (!core) return;
  const hotkeys = hotkeysFor(core);
  const services = createServices(core, hotkeys);
  // The offline engine loads in its worker while the app starts, when it is the one in use (issue 12).
  services.prepareOffline();
  // Batch jobs sent earlier are asked about while the app runs; their results land in the history when they end.
  services.batchJobs.start();
  const capture = captureFor(core, services);
  registerIpc(ipcMain, services, origin, process.platform, capture.bridge);
  // After capture is set up (POST /v1/capture and `readout capture` start one): the Local API, watched folders and the
  // clipboard watch as Settings say, and the control endpoint.
  void services.integrations.start();
  holdHotkeys(hotkeys, core);
  followSettings(core, services);
  const updates = await updatesFor(core, () => services.busy || capture.active);
  quitInOrder({ services, history: core.history, hotkeys, capture, updates });
  await showAtStart(core.window);
  readGivenFiles(core.window, services);
}

/** What every later step needs: settings, the user's language, the history, the main window and notifications. */
interface Core {
  settingsStore: KeyValueStore;
  settings: SettingsService;
  words(): ReturnType<typeof mainStrings>;
  history: HistoryStore;
  window: MainWindow;
  notifier: Notifier;
}

async function openCore(): Promise<Core | null> {
  const settingsStore = openSettingsStore();
  const settings = new SettingsService(settingsStore, safeStorage, process.platform);
  await settings.load();
  const words = () => mainStrings(settings.get().language, app.getLocale());
  const history = openHistory(words);
  if (!history) return null;
  const window = new MainWindow({
    origin,
    preload: preloadPath(here),
    development,
    closeToTray: () => settings.get().closeToTray,
    trayVisible: () => state.trayVisible,
    quitting: () => state.quitting,
  });
  const notifier = createNotifier({ showWindow: () => void window.show() });
  warnOfDamage(notifier, words);
  app.on('activate', () => void window.show());
  reveal = () => void window.show();
  return { settingsStore, settings, words, history, window, notifier };
}

function openLink(services: AppServices, url: string): void {
  void services.desktop.openUrl(url).catch((error: unknown) => console.warn('The link could not be opened', errorMessage(error)));
}

function hotkeysFor({ settings, notifier, words }: Core): Hotkeys {
  return new Hotkeys({
    capture: emitApp(CAPTURE_EVENT),
    repeat: emitApp(REPEAT_EVENT),
    current: () => settings.get(),
    wayland,
    unconfirmed: (hotkey) => notifier.alert('Readout', fill(words().capture.hotkeyPortal, { hotkey })),
  });
}

/** Capture from the hotkey, the tray and the menu (the app events), on overlays or the Wayland picker. */
function captureFor({ settingsStore, settings, words, window, notifier }: Core, services: AppServices): CaptureShell {
  const capture = setUpCapture({
    wayland,
    origin,
    preload: preloadPath(here),
    development,
    words,
    notifier,
    asked: { get: () => settingsStore.get('notices.screenAsked') === true, set: () => settingsStore.set('notices.screenAsked', true) },
    // A capture's crop goes down the queue; its text shows in a notification, or in the window when there is none.
    recognize: (png, name, source) => {
      services.jobs.recognizeBytes(png, name, source, { reveal: true });
      if (!settings.get().showNotification) window.show();
    },
    relaunch: () => {
      app.relaunch();
      app.quit();
    },
    quitting: () => state.quitting,
  });
  (app as NodeJS.EventEmitter).on(CAPTURE_EVENT, () => void capture.start());
  (app as NodeJS.EventEmitter).on(REPEAT_EVENT, () => void capture.repeat());
  return capture;
}

/** Updates looked for as the settings say, started now and restarted when the setting changes. */
async function updatesFor({ settingsStore, settings, words, notifier }: Core, busy: () => boolean): Promise<UpdateService> {
  const updates = await startUpdates({
    enabled: () => settings.get().checkForUpdates,
    busy,
    ready: (version) => notifier.alert('Readout', fill(words().notification.updateReady, { version })),
    available: (version) => notifier.alert('Readout', fill(words().notification.updateAvailable, { version })),
    lastCheck: {
      get: () => (typeof settingsStore.get('updates.lastCheck') === 'number' ? (settingsStore.get('updates.lastCheck') as number) : null),
      set: (at) => settingsStore.set('updates.lastCheck', at),
    },
    log: (message) => console.warn(message),
  });
  let wanted = settings.get().checkForUpdates;
  settings.onChange((next) => {
    if (next.checkForUpdates !== wanted) {
      wanted = next.checkForUpdates;
      updates.start();
    }
  });
  return updates;
}

function openSettingsStore(): KeyValueStore {
  try {
    return new Store(settingsStoreOptions(app.getVersion()));
  } catch (error) {
    // A damaged settings file must not keep the app from starting; it starts from defaults and says so.
    dialog.showErrorBox('Readout', fill(mainStrings('system', app.getLocale()).dialog.settingsReset, { message: errorMessage(error) }));
    return new Store({ ...settingsStoreOptions(app.getVersion()), clearInvalidConfig: true });
  }
}

/** The history, with interrupted recognitions marked; without it the app cannot run, and says why. */
function openHistory(words: () => ReturnType<typeof mainStrings>): HistoryStore | null {
  try {
    const history = new HistoryStore(historyFile(app.getPath('userData')));
    history.recoverInterrupted();
    return history;
  } catch (error) {
    dialog.showErrorBox(words().dialog.startFailed, fill(words().dialog.historyFailed, { message: errorMessage(error) }));
    app.exit(1);
    return null;
  }
}

function warnOfDamage(notifier: Notifier, words: () => ReturnType<typeof mainStrings>): void {
  const damage = knownDamage(historyFile(app.getPath('userData')));
  if (damage) notifier.alert('Readout', fill(words().dialog.historyDamaged, { message: damage }));
}

function createServices(core: Core, hotkeys: Hotkeys): AppServices {
  const { settings, window, notifier, words } = core;
  // The services are asked back (a failed capture's Read offline) only after they exist.
  const services: AppServices = new AppServices({
    version: app.getVersion(),
    platform: process.platform,
    settings,
    history: core.history,
    emit,
    // Electron 44+: writeText returns a promise that rejects when another app holds the clipboard (clipboard.md).
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    clipboardImage,
    // The control endpoint for `readout capture` listens here (serve/control-endpoint.ts), as the command looks for it.
    dataDir: app.getPath('userData'),
    notifyDone: ({ text, count, failed }) => {
      const current = settings.get();
      const w = words().notification;
      if (count === 1 && failed === 0) {
        notifier.result(current.copyToClipboard ? w.title : w.titleNoCopy, text.trim().slice(0, 200) || w.empty);
        return;
      }
      const copied = current.copyToClipboard && current.batchClipboard === 'joined';
      notifier.result(fill(w.batchTitle, { count: String(count) }), failed > 0 ? fill(w.batchFailed, { failed: String(failed) }) : copied ? w.batchCopied : w.batchDone);
    },
    // Review H3: a capture (or a batch) where nothing was read is said where the user is looking.
    notifyFailed: failureNotice({ window, notifier, settings, readOffline: (entryId) => void services.jobs.rerun(entryId, { engine: 'local' }) }),
    startCapture: emitApp(CAPTURE_EVENT),
    openDataFolder: () => void shell.openPath(app.getPath('userData')),
    // docs/api/shell.md, shell.openExternal: opens the URL with the desktop's default handler. Only http(s) reaches
    // here (codes/url.ts), after main asked the user (review N11).
    openUrl: (url) => void shell.openExternal(url),
    takeHotkeys: (pair) => hotkeys.take(pair),
    dialogs: fileDialogs(window, words),
    // Review N11: what only the user may allow (the key to another server, a link to the browser) is asked here.
    confirm: askUser(window, words),
    // Packs live in the data folder, beside the history; downloaded with Electron's net.fetch, which follows the
    // system's proxy settings (docs/api/net.md), where Node's fetch would not.
    languages: new LanguagePacks(app.getPath('userData'), { fetch: (url, init) => net.fetch(url, init) }),
  });
  return services;
}

/** The hotkeys held at start: what the OS refuses then is said in a notification (Settings says it on the spot later). */
function holdHotkeys(hotkeys: Hotkeys, { settings, notifier, words }: Core): void {
  for (const problem of hotkeys.take(settings.get())) {
    notifier.alert('Readout', fill(problem.kind === 'taken' ? words().capture.hotkeyTaken : words().capture.hotkeyInvalid, { hotkey: problem.hotkey }));
  }
}

/** Login item, theme and menus follow the settings. */
function followSettings({ settings, window, words }: Core, services: AppServices): void {
  const login = loginItems();
  const navigate = (view: 'history' | 'settings'): void => {
    window.show();
    // A window created just now is still loading: the services keep the wish for its page (review m13).
    services.desktop.navigate(view);
  };
  const menus = new Menus({
    here,
    development,
    words,
    showWindow: () => void window.show(),
    open: () => void services.jobs.openFiles().then(() => window.show()),
    capture: emitApp(CAPTURE_EVENT),
    repeat: emitApp(REPEAT_EVENT),
    settings: () => navigate('settings'),
    history: () => navigate('history'),
    quit: () => app.quit(),
  });
  login.apply(settings.get().launchAtLogin);
  nativeTheme.themeSource = settings.get().theme;
  menus.build();
  let last = settings.get();
  settings.onChange((next) => {
    nativeTheme.themeSource = next.theme;
    login.apply(next.launchAtLogin);
    if (next.language !== last.language) menus.build();
    last = next;
  });
}

/** Quitting waits for running recognitions to settle before the history closes (app/quit.ts). */
function quitInOrder(parts: { services: AppServices; history: HistoryStore; hotkeys: Hotkeys; capture: CaptureShell; updates: UpdateService }): void {
  const quit = new QuitSequence({
    cancelAll: () => parts.services.cancelAll(),
    idle: () => parts.services.idle(),
    close: async () => {
      parts.hotkeys.releaseAll();
      parts.capture.dispose();
      await parts.services.close();
      parts.history.close();
      // After every recognition has settled: a downloaded update installs now (it quits the app itself).
      parts.updates.installOnQuit();
    },
    quit: () => app.quit(),
    log: (message) => console.warn(message),
  });
  app.on('before-quit', (event) => {
    state.quitting = true;
    if (quit.request()) event.preventDefault();
  });
}

/** The window, unless this start came from the login item and a tray icon can hold the app (review m7). */
async function showAtStart(window: MainWindow): Promise<void> {
  if (process.platform === 'linux') state.trayVisible = await hasTrayHost();
  const atLogin = startedAtLogin(process.argv, process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!atLogin || !state.trayVisible) window.show();
}

/** Files named on the command line, and every one the OS or a second launch gives from now on. */
function readGivenFiles(window: MainWindow, services: AppServices): void {
  inbox.add(imageArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd()));
  inbox.deliverTo((paths) => {
    window.show();
    services.jobs.recognizeFiles(paths);
  });
}

const selfTestRequest = selfTestArgs(process.argv);
if (selfTestRequest) {
  // `--self-test` (the release workflow's smoke test of each package): one read with the offline engine, then the
  // exit code; no window, no tray, and no single-instance lock, so it runs beside an installed Readout.
  void app
    .whenReady()
    .then(() => runSelfTest(selfTestRequest))
    .then(
      (code) => app.exit(code),
      (error: unknown) => {
        console.error('self-test:', errorMessage(error));
        app.exit(SELF_TEST_EXIT.failed);
      },
    );
} else if (!app.requestSingleInstanceLock({ argv: process.argv, cwd: process.cwd() })) {
  // A second launch sends its exact argv and cwd (review m3: the event's own argv is reordered and extended).
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd, additionalData) => {
    const launch = launchData(additionalData, { argv, cwd });
    reveal();
    inbox.add(imageArgs(launch.argv.slice(1), launch.cwd));
  });
  // Quitting when the main window closes is decided in its 'closed' handler; the overlays are windows too.
  app.on('window-all-closed', () => undefined);
  void app.whenReady().then(start).catch((error: unknown) => {
    // Said in the user's language where the error has a code (the settings may not be readable yet: the OS's).
    const words = mainStrings('system', app.getLocale());
    const said = error instanceof ReadoutError ? sayError(words, error) : null;
    // The code's sentence, then the main process's own words (the path, the cause), which a bug report needs.
    dialog.showErrorBox(words.dialog.startFailed, said && said !== errorMessage(error) ? `${said}\n\n${errorMessage(error)}` : errorMessage(error));
    app.exit(1);
  });
}

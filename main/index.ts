/**
 * The composition root: with preload/index.ts and the capture adapters, the only code that imports electron. It owns
 * the app's lifecycle, the single-instance lock, the tray and the windows, and wires the OS into the services.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app, BrowserWindow, clipboard, dialog, globalShortcut, ipcMain, Menu, nativeImage, nativeTheme, Notification, safeStorage, session,
  shell, systemPreferences, Tray,
} from 'electron';
import Store from 'electron-store';
import type { EventName, EventPayloads } from '../preload/api.ts';
import { setLinuxAutostart } from './app/autostart.ts';
import { imageArgs, IMAGE_EXTENSIONS } from './app/file-args.ts';
import { AppServices } from './app/services.ts';
import { fill, mainStrings } from './app/strings.ts';
import { captureDisplays } from './capture/electron-capture.ts';
import { OverlayWindows } from './capture/electron-overlays.ts';
import { bindHotkeys } from './capture/hotkeys.ts';
import { CaptureService } from './capture/service.ts';
import { errorMessage, ReadoutError } from './errors.ts';
import { HistoryStore } from './history/store.ts';
import { registerIpc } from './ipc.ts';
import { historyFile } from './paths.ts';
import { CONTENT_SECURITY_POLICY, isAppUrl, secureWebPreferences, type AppOrigin } from './security.ts';
import type { Settings } from './settings/schema.ts';
import { SettingsService, type KeyValueStore } from './settings/settings-service.ts';
import { settingsStoreOptions } from './settings/store-options.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const development = !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL);
const origin: AppOrigin = {
  devServer: development ? process.env.ELECTRON_RENDERER_URL : undefined,
  rendererDir: join(here, '../renderer'),
};

let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;
let heldHotkeys: string[] = [];

/** Every way to start a capture (hotkey, tray) goes through these app events; the Electron suite uses them too. */
const CAPTURE_EVENT = 'readout-capture';
const REPEAT_EVENT = 'readout-capture-again';
const wayland = process.platform === 'linux' && process.env.XDG_SESSION_TYPE === 'wayland';
if (wayland) {
  // Global shortcuts on Wayland go through the desktop portal; Electron asks for it with this feature.
  app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web open in the browser, never inside the app.
      if (url.startsWith('https:')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload);
}

function showWindow(settings: SettingsService): BrowserWindow {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return mainWindow;
  }
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Readout',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#f7f7f8',
    webPreferences: {
      ...secureWebPreferences(join(here, '../preload/index.cjs'), { development }),
      // Spelled out as well, so static checkers such as electronegativity see them on the window itself.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (!quitting && settings.get().closeToTray && tray) {
      event.preventDefault();
      window.hide();
    }
  });
  window.on('closed', () => {
    mainWindow = null;
    // Only reached when the window really closed ("close to tray" off): the hidden capture overlays would otherwise
    // keep the app alive with no way back to it but the tray.
    if (!quitting && process.platform !== 'darwin') app.quit();
  });
  if (origin.devServer) void window.loadURL(origin.devServer);
  else void window.loadFile(join(origin.rendererDir, 'index.html'));
  mainWindow = window;
  return window;
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

function buildTray(services: AppServices, settings: SettingsService): void {
  const words = mainStrings(settings.get().language, app.getLocale());
  const navigate = (view: 'history' | 'settings'): void => {
    const window = showWindow(settings);
    // A window created just now has no page to tell yet.
    if (window.webContents.isLoading()) window.webContents.once('did-finish-load', () => emit('app:navigate', { view }));
    else emit('app:navigate', { view });
  };
  tray ??= new Tray(nativeImage.createFromPath(join(here, '../../build/tray.png')).resize({ width: 16, height: 16 }));
  tray.setToolTip('Readout');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: words.tray.capture, click: () => app.emit(CAPTURE_EVENT) },
      { label: words.tray.repeat, click: () => app.emit(REPEAT_EVENT) },
      { label: words.tray.open, click: () => void services.openFiles().then(() => showWindow(settings)) },
      { label: words.tray.history, click: () => navigate('history') },
      { label: words.tray.settings, click: () => navigate('settings') },
      { type: 'separator' },
      { label: words.tray.quit, click: () => app.quit() },
    ]),
  );
  tray.on('click', () => showWindow(settings));
}

function applySettings(settings: Settings): void {
  nativeTheme.themeSource = settings.theme;
  if (process.platform === 'linux') {
    // An AppImage runs from a temporary mount; its own path ($APPIMAGE) is the one to start.
    const command = [process.env.APPIMAGE ?? process.execPath, ...(app.isPackaged ? [] : [app.getAppPath()])];
    setLinuxAutostart(settings.launchAtLogin, { configHome: process.env.XDG_CONFIG_HOME || join(app.getPath('home'), '.config'), command });
  } else {
    app.setLoginItemSettings({ openAtLogin: settings.launchAtLogin });
  }
}

function applyHotkeys(settings: SettingsService): void {
  const current = settings.get();
  const result = bindHotkeys(globalShortcut, heldHotkeys, [
    { hotkey: current.hotkey, run: () => app.emit(CAPTURE_EVENT) },
    { hotkey: current.repeatHotkey, run: () => app.emit(REPEAT_EVENT) },
  ]);
  heldHotkeys = result.held;
  const words = mainStrings(current.language, app.getLocale());
  for (const problem of result.problems) notify('Readout', fill(problem.kind === 'taken' ? words.capture.hotkeyTaken : words.capture.hotkeyInvalid, { hotkey: problem.hotkey }));
}

function notify(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body }).show();
  else void dialog.showMessageBox({ type: 'warning', title, message: body });
}

/** What the user must know when a capture cannot happen, in words, with the way out where there is one. */
function captureProblem(error: ReadoutError, settings: SettingsService): void {
  const words = mainStrings(settings.get().language, app.getLocale());
  if (error.code === 'capture-permission' && process.platform === 'darwin') {
    void dialog
      .showMessageBox({ type: 'warning', message: words.capture.permissionTitle, detail: words.capture.permissionBody, buttons: [words.capture.openSettings, words.capture.close], defaultId: 0 })
      .then(({ response }) => {
        if (response === 0) void shell.openExternal('x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture');
      });
    return;
  }
  notify('Readout', fill(words.capture.failed, { message: error.message }));
}

async function frozenDisplays(settings: SettingsService, store: KeyValueStore) {
  // macOS hands out black captures without permission. Refused: say so now. Not yet asked: capturing makes macOS
  // ask, and a black result is reported like a refusal.
  if (process.platform === 'darwin' && ['denied', 'restricted'].includes(systemPreferences.getMediaAccessStatus('screen'))) {
    throw new ReadoutError('capture-permission', 'Readout is not allowed to record the screen.');
  }
  if (wayland && !store.get('notices.wayland')) {
    store.set('notices.wayland', true);
    notify('Readout', mainStrings(settings.get().language, app.getLocale()).capture.waylandNotice);
  }
  return captureDisplays();
}

async function start(): Promise<void> {
  lockDown();
  const settingsStore = openSettingsStore();
  const settings = new SettingsService(settingsStore, safeStorage, process.platform);
  let history: HistoryStore;
  try {
    history = new HistoryStore(historyFile(app.getPath('userData')));
    history.recoverInterrupted();
  } catch (error) {
    const words = mainStrings(settings.get().language, app.getLocale());
    dialog.showErrorBox(words.dialog.startFailed, fill(words.dialog.historyFailed, { message: errorMessage(error) }));
    app.exit(1);
    return;
  }
  const services = new AppServices({
    version: app.getVersion(),
    platform: process.platform,
    settings,
    history,
    emit,
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    notifyDone: (text) => {
      if (!Notification.isSupported()) return;
      const current = settings.get();
      const words = mainStrings(current.language, app.getLocale());
      const title = current.copyToClipboard ? words.notification.title : words.notification.titleNoCopy;
      new Notification({ title, body: text.trim().slice(0, 200) || words.notification.empty, silent: true }).show();
    },
    dialogs: {
      openImages: async () => {
        const words = mainStrings(settings.get().language, app.getLocale());
        const options = {
          title: words.dialog.openTitle,
          properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
          filters: [{ name: words.dialog.images, extensions: IMAGE_EXTENSIONS }],
        };
        const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      saveExport: async (defaultName) => {
        const words = mainStrings(settings.get().language, app.getLocale());
        const options = { title: words.dialog.exportTitle, defaultPath: join(app.getPath('documents'), defaultName) };
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
    },
  });
  const overlays = new OverlayWindows({
    preload: join(here, '../preload/index.cjs'),
    development,
    load: (window) => (origin.devServer ? window.loadURL(`${origin.devServer}/overlay.html`) : window.loadFile(join(origin.rendererDir, 'overlay.html'))),
  });
  overlays.rebuild();
  const capture = new CaptureService({
    captureDisplays: () => frozenDisplays(settings, settingsStore),
    showOverlays: (id) => overlays.show(id),
    hideOverlays: () => overlays.hide(),
    showSelection: (dips) => overlays.selection(dips),
    recognize: (png, name, source) => {
      services.recognizeBytes(png, name, source);
      // The result shows somewhere: in a notification when they are on, else in the window, streaming in.
      if (!settings.get().showNotification) showWindow(settings);
    },
    problem: (error) => captureProblem(error, settings),
  });
  (app as NodeJS.EventEmitter).on(CAPTURE_EVENT, () => void capture.start());
  (app as NodeJS.EventEmitter).on(REPEAT_EVENT, () => void capture.repeat());

  registerIpc(ipcMain, services, origin, process.platform, {
    service: capture,
    displayFor: (event) => overlays.displayFor(event.sender?.id),
  });
  applySettings(settings.get());
  applyHotkeys(settings);
  let lastHotkeys = [settings.get().hotkey, settings.get().repeatHotkey].join();
  settings.onChange((next) => {
    applySettings(next);
    buildTray(services, settings);
    if ([next.hotkey, next.repeatHotkey].join() !== lastHotkeys) {
      lastHotkeys = [next.hotkey, next.repeatHotkey].join();
      applyHotkeys(settings);
    }
  });
  buildTray(services, settings);

  app.on('second-instance', (_event, argv, cwd) => {
    showWindow(settings);
    services.recognizeFiles(imageArgs(argv.slice(1), cwd));
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    showWindow(settings);
    services.recognizeFiles([path]);
  });
  app.on('activate', () => showWindow(settings));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    overlays.destroy();
    void services.close();
    history.close();
  });
  showWindow(settings);
  services.recognizeFiles(imageArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd()));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Quitting when the main window closes is decided in its 'closed' handler; the overlays are windows too.
  app.on('window-all-closed', () => undefined);
  void app.whenReady().then(start);
}

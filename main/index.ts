/**
 * The composition root: with preload/index.ts and the capture adapters, the only code that imports electron. It owns
 * the app's lifecycle, the single-instance lock, the tray and the windows, and wires the OS into the services. Every
 * decision that can be made without Electron lives in a module of its own (app/, capture/, linux/) and is tested
 * there; what is left here is wiring, with the Electron behaviour it relies on cited beside the call.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app, BrowserWindow, clipboard, dialog, globalShortcut, ipcMain, Menu, nativeImage, nativeTheme, Notification, protocol, safeStorage, session,
  shell, systemPreferences, Tray, type NativeImage,
} from 'electron';
import Store from 'electron-store';
import type { EventName, EventPayloads } from '../preload/api.ts';
import { APP_ORIGIN, APP_SCHEME, resolveAppResource } from './app-protocol.ts';
import { autostartFile, setLinuxAutostart } from './app/autostart.ts';
import { imageArgs, OPENABLE_EXTENSIONS } from './app/file-args.ts';
import { FileInbox, launchData } from './app/file-inbox.ts';
import { APP_ID, DESKTOP_NAME } from './app/identity.ts';
import { LoginItems, startedAtLogin } from './app/login-items.ts';
import { applicationMenu } from './app/menu.ts';
import { Notifier } from './app/notifier.ts';
import { UpdateService, type UpdateFeed } from './app/updates.ts';
import { QuitSequence } from './app/quit.ts';
import { AppServices } from './app/services.ts';
import { fill, mainStrings } from './app/strings.ts';
import { captureDisplays } from './capture/electron-capture.ts';
import { OverlayWindows } from './capture/electron-overlays.ts';
import { swapHotkeys } from './capture/hotkeys.ts';
import { ScreenPermission, ScreenPermissionError, type MediaAccess } from './capture/permission.ts';
import { CaptureService } from './capture/service.ts';
import { errorMessage, ReadoutError } from './errors.ts';
import { knownDamage } from './history/damage.ts';
import { HistoryStore } from './history/store.ts';
import { registerIpc } from './ipc.ts';
import { applicationDirs, installedDesktopEntry, installUserDesktopEntry } from './linux/desktop-entry.ts';
import { displayServer } from './linux/display-server.ts';
import { PortalError, portalScreenshot } from './linux/screenshot-portal.ts';
import { hasTrayHost } from './linux/tray-host.ts';
import { historyFile } from './paths.ts';
import { contentSecurityPolicy, isAppUrl, secureWebPreferences, type AppOrigin } from './security.ts';
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

// Chromium writes the display server it settled on into our own command line (linux/display-server.ts).
const server = displayServer(process.platform, app.commandLine.getSwitchValue('ozone-platform'), process.env);
const wayland = server === 'wayland';

let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
/** Whether a tray icon can be seen here; without one the window is never hidden, only minimised. */
let trayVisible = process.platform !== 'linux';
let quitting = false;
let heldHotkeys: string[] = [];
/** Brings the main window up; set once the services exist. */
let reveal: () => void = () => undefined;

// From the first moment, before anything can fail: no rejection may reach Electron's default handler, which turns it
// into an uncaught exception and the "A JavaScript error occurred in the main process" dialog (lib/browser/init.ts).
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled rejection in the main process (reported, not fatal):', reason);
});

// The pages' own scheme, registered before ready as protocol.md requires: standard (relative URLs resolve), secure
// (CSP 'self' and secure-context APIs behave as on https), fetch allowed for the page's own assets.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Toasts on Windows belong to the AppUserModelID of the installer's shortcut (review M7).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

// Files given by the OS, kept from the first moment (review m3): macOS sends a cold-launch file as 'open-file'
// before 'ready' ("listen … very early … even before the ready event", app.md).
const inbox = new FileInbox();
app.on('open-file', (event, path) => {
  event.preventDefault();
  inbox.add([path]);
});

function lockDown(): void {
  const policy = contentSecurityPolicy(development);
  // app://readout/ serves the built renderer and nothing else (app-protocol.ts decides what may be read).
  protocol.handle(APP_SCHEME, async (request) => {
    const resource = await resolveAppResource(request.url, origin.rendererDir);
    if (!resource.ok) return new Response(null, { status: resource.status });
    return new Response(await readFile(resource.path), { headers: { 'content-type': resource.mime, 'content-security-policy': policy } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Checks as well as requests (review m10): a page asking whether it may read the clipboard or notify is told no.
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web open in the browser, never inside the app.
      if (url.startsWith('https:')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    // Every way a page can move: top-level navigation, any frame's, and a redirect on the way (review m10).
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, origin)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isAppUrl(event.url, origin)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload);
}

function showWindow(settings: SettingsService, options: { show?: boolean } = {}): BrowserWindow {
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
  if (options.show !== false) window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (quitting || !settings.get().closeToTray) return;
    event.preventDefault();
    // Hidden only where a tray icon leads back to it; elsewhere (GNOME without AppIndicator) minimised, so the app
    // never becomes invisible with no way back (review m5).
    if (tray && trayVisible) window.hide();
    else window.minimize();
  });
  window.on('closed', () => {
    mainWindow = null;
    // Only reached when the window really closed ("close to tray" off): the hidden capture overlays would otherwise
    // keep the app alive with no way back to it but the tray.
    if (!quitting && process.platform !== 'darwin') app.quit();
  });
  void window.loadURL(origin.devServer ?? `${APP_ORIGIN}/index.html`);
  mainWindow = window;
  return window;
}

/** A dialog's parent: the main window when it is on screen, else none (a sheet on a hidden window never shows; M8). */
const dialogParent = (): BrowserWindow | null => (mainWindow?.isVisible() ? mainWindow : null);

function openSettingsStore(): KeyValueStore {
  try {
    return new Store(settingsStoreOptions(app.getVersion()));
  } catch (error) {
    // A damaged settings file must not keep the app from starting; it starts from defaults and says so.
    dialog.showErrorBox('Readout', fill(mainStrings('system', app.getLocale()).dialog.settingsReset, { message: errorMessage(error) }));
    return new Store({ ...settingsStoreOptions(app.getVersion()), clearInvalidConfig: true });
  }
}

/**
 * electron-updater's updater where this build has a feed: a packaged app whose package carries app-update.yml
 * (electron-builder writes it when a publish provider is configured). Loaded only then.
 */
async function updateFeed(): Promise<UpdateFeed | null> {
  if (!app.isPackaged || !existsSync(join(process.resourcesPath, 'app-update.yml'))) return null;
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.logger = null;
  return autoUpdater;
}

function trayImage(): NativeImage {
  // macOS: a Template image, tinted by the system for light and dark menu bars; @2x is picked up beside it.
  if (process.platform === 'darwin') {
    const image = nativeImage.createFromPath(join(here, '../../build/trayTemplate.png'));
    image.setTemplateImage(true);
    return image;
  }
  return nativeImage.createFromPath(join(here, '../../build/tray.png')).resize({ width: 16, height: 16 });
}

async function start(): Promise<void> {
  lockDown();
  const settingsStore = openSettingsStore();
  const settings = new SettingsService(settingsStore, safeStorage, process.platform);
  await settings.load();
  const words = () => mainStrings(settings.get().language, app.getLocale());
  let history: HistoryStore;
  try {
    history = new HistoryStore(historyFile(app.getPath('userData')));
    history.recoverInterrupted();
  } catch (error) {
    dialog.showErrorBox(words().dialog.startFailed, fill(words().dialog.historyFailed, { message: errorMessage(error) }));
    app.exit(1);
    return;
  }

  const bindings = (pair: { hotkey: string; repeatHotkey: string }) => [
    { hotkey: pair.hotkey, run: () => app.emit(CAPTURE_EVENT) },
    { hotkey: pair.repeatHotkey, run: () => app.emit(REPEAT_EVENT) },
  ];
  /** New hotkeys, or the old ones kept when the OS refuses the new (services.updateSettings then refuses the change). */
  const takeHotkeys = (pair: { hotkey: string; repeatHotkey: string }) => {
    const result = swapHotkeys(globalShortcut, heldHotkeys, bindings(pair), bindings(settings.get()));
    heldHotkeys = result.held;
    if (wayland) checkPortalIdentity(pair.hotkey);
    return result.problems;
  };

  const notifier = new Notifier({
    supported: () => Notification.isSupported(),
    show: (message, failed) => {
      const notification = new Notification(message);
      // Electron 42+: an unsigned macOS build gets 'failed' instead of a notification (breaking-changes.md).
      notification.on('failed', (_event, error) => failed(error));
      notification.show();
    },
    showWindow: () => showWindow(settings),
    showDialog: ({ title, body }) => void dialog.showMessageBox({ type: 'warning', title, message: body }),
    log: (message) => console.warn(message),
  });

  const damage = knownDamage(historyFile(app.getPath('userData')));
  if (damage) notifier.alert('Readout', fill(words().dialog.historyDamaged, { message: damage }));

  const services = new AppServices({
    version: app.getVersion(),
    platform: process.platform,
    settings,
    history,
    emit,
    // Electron 44+: writeText returns a promise that rejects when another app holds the clipboard (clipboard.md).
    clipboard: { writeText: (text) => clipboard.writeText(text) },
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
    startCapture: () => app.emit(CAPTURE_EVENT),
    openDataFolder: () => void shell.openPath(app.getPath('userData')),
    // docs/api/shell.md, shell.openExternal: opens the URL with the desktop's default handler. Only http(s) reaches
    // here (services.openUrl, codes/url.ts), after the user saw the whole address and confirmed it in the window.
    openUrl: (url) => void shell.openExternal(url),
    takeHotkeys,
    dialogs: {
      openImages: async () => {
        const options = {
          title: words().dialog.openTitle,
          properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
          filters: [{ name: words().dialog.images, extensions: OPENABLE_EXTENSIONS }],
        };
        const parent = dialogParent();
        const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      saveExport: async (defaultName) => {
        const options = { title: words().dialog.exportTitle, defaultPath: join(app.getPath('documents'), defaultName) };
        const parent = dialogParent();
        const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
    },
  });
  // The offline engine loads in its worker while the app starts, when it is the one in use (issue 12).
  services.prepareOffline();

  const relaunch = (): void => {
    app.relaunch();
    app.quit();
  };

  /** What the user must know when a capture cannot happen, in words, with the way out where there is one. */
  const captureProblem = (error: ReadoutError): void => {
    const capture = words().capture;
    if (error instanceof ScreenPermissionError) {
      const { kind, actions } = error.advice;
      const detail = { prompted: capture.permissionPrompted, denied: capture.permissionDenied, relaunch: capture.permissionRelaunch, restricted: capture.permissionRestricted }[kind];
      const buttons = [...actions.map((action) => (action === 'relaunch' ? capture.relaunch : capture.openSettings)), capture.close];
      void dialog.showMessageBox({ type: 'warning', message: capture.permissionTitle, detail, buttons, defaultId: 0, cancelId: buttons.length - 1 }).then(({ response }) => {
        const action = actions[response];
        if (action === 'relaunch') relaunch();
        // The Screen Recording pane of System Settings (Privacy & Security).
        if (action === 'open-settings') void shell.openExternal('x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture');
      });
      return;
    }
    if (error instanceof PortalError) {
      notifier.alert('Readout', error.reason === 'missing' ? capture.portalMissing : capture.portalRefused);
      return;
    }
    notifier.alert('Readout', fill(capture.failed, { message: error.message }));
  };

  const permission = new ScreenPermission({
    status: () => systemPreferences.getMediaAccessStatus('screen') as MediaAccess,
    asked: () => settingsStore.get('notices.screenAsked') === true,
    markAsked: () => settingsStore.set('notices.screenAsked', true),
  });

  /** A capture's crop goes down the queue; its text shows in a notification, or in the window when there is none. */
  const recognizeCapture = (png: Uint8Array, name: string, source: Parameters<AppServices['recognizeBytes']>[2]): void => {
    services.recognizeBytes(png, name, source, { reveal: true });
    if (!settings.get().showNotification) showWindow(settings);
  };

  // Overlays (X11, macOS, Windows) or the compositor's own picker (Wayland): see linux/screenshot-portal.ts.
  let capture: CaptureService | null = null;
  let overlays: OverlayWindows | null = null;
  if (!wayland) {
    overlays = new OverlayWindows({
      preload: join(here, '../preload/index.cjs'),
      development,
      load: (window) => window.loadURL(`${origin.devServer ?? APP_ORIGIN}/overlay.html`),
      onRebuild: () => capture?.cancel(),
    });
    const windows = overlays;
    capture = new CaptureService({
      captureDisplays: () => (process.platform === 'darwin' ? permission.capture(captureDisplays) : captureDisplays()),
      showOverlays: (id) => windows.show(id),
      hideOverlays: () => windows.hide(),
      showSelection: (dips) => windows.selection(dips),
      recognize: recognizeCapture,
      problem: captureProblem,
    });
    overlays.rebuild();
  }
  const captureFromPortal = async (): Promise<void> => {
    try {
      const { bytes } = await portalScreenshot();
      recognizeCapture(bytes, words().tray.capture, { kind: 'region', displayId: 'portal', rect: { x: 0, y: 0, width: 0, height: 0 } });
    } catch (error) {
      captureProblem(error instanceof ReadoutError ? error : new ReadoutError('capture-failed', errorMessage(error)));
    }
  };
  (app as NodeJS.EventEmitter).on(CAPTURE_EVENT, () => void (capture ? capture.start() : captureFromPortal()));
  // Under Wayland there is no region to repeat without the picker: the repeat hotkey opens it again.
  (app as NodeJS.EventEmitter).on(REPEAT_EVENT, () => void (capture ? capture.repeat() : captureFromPortal()));

  registerIpc(ipcMain, services, origin, process.platform, capture ? { service: capture, displayFor: (event) => overlays!.displayFor(event.sender?.id) } : undefined);

  /** The hotkeys held at start: what the OS refuses then is said in a notification (Settings says it on the spot later). */
  const applyHotkeys = (): void => {
    const current = settings.get();
    for (const problem of takeHotkeys(current)) {
      notifier.alert('Readout', fill(problem.kind === 'taken' ? words().capture.hotkeyTaken : words().capture.hotkeyInvalid, { hotkey: problem.hotkey }));
    }
  };

  /**
   * Under Wayland, register() goes through the GlobalShortcuts portal and returns true whatever the portal decides
   * (electron_api_global_shortcut.cc), and the portal refuses an app id with no installed desktop entry. So the
   * identity is made resolvable (an AppImage writes its own entry) and a missing one is said, not assumed away.
   */
  const checkPortalIdentity = (hotkey: string): void => {
    const dirs = applicationDirs(process.env, app.getPath('home'));
    if (!installedDesktopEntry(DESKTOP_NAME, dirs) && process.env.APPIMAGE) {
      try {
        installUserDesktopEntry(DESKTOP_NAME, dirs[0]!, [process.env.APPIMAGE]);
      } catch (error) {
        console.warn('The desktop entry could not be written', errorMessage(error));
      }
    }
    if (!installedDesktopEntry(DESKTOP_NAME, dirs)) notifier.alert('Readout', fill(words().capture.hotkeyPortal, { hotkey }));
  };

  const loginItems = new LoginItems(
    process.platform === 'linux'
      ? {
          enabled: () => existsSync(autostartFile(process.env.XDG_CONFIG_HOME || join(app.getPath('home'), '.config'))),
          set: (enabled, args) => {
            // An AppImage runs from a temporary mount; its own path ($APPIMAGE) is the one to start.
            const command = [process.env.APPIMAGE ?? process.execPath, ...(app.isPackaged ? [] : [app.getAppPath()]), ...args];
            setLinuxAutostart(enabled, { configHome: process.env.XDG_CONFIG_HOME || join(app.getPath('home'), '.config'), command });
          },
        }
      : { enabled: () => app.getLoginItemSettings().openAtLogin, set: (openAtLogin, args) => app.setLoginItemSettings({ openAtLogin, args }) },
  );

  const navigate = (view: 'history' | 'settings'): void => {
    showWindow(settings);
    // A window created just now is still loading: the services keep the wish for its page (review m13).
    services.navigate(view);
  };
  const openFromMenu = (): void => void services.openFiles().then(() => showWindow(settings));

  const buildMenus = (): void => {
    const menu = words().menu;
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenu(process.platform, menu, {
          open: openFromMenu,
          capture: () => app.emit(CAPTURE_EVENT),
          repeat: () => app.emit(REPEAT_EVENT),
          settings: () => navigate('settings'),
          history: () => navigate('history'),
        }, { devTools: development }),
      ),
    );
    if (!tray) {
      tray = new Tray(trayImage());
      tray.setToolTip('Readout');
      // Once, here: buildMenus runs again on every language change, and listeners must not pile up (review m5).
      tray.on('click', () => showWindow(settings));
    }
    const trayWords = words().tray;
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: trayWords.capture, click: () => app.emit(CAPTURE_EVENT) },
        { label: trayWords.repeat, click: () => app.emit(REPEAT_EVENT) },
        { label: trayWords.open, click: openFromMenu },
        { label: trayWords.history, click: () => navigate('history') },
        { label: trayWords.settings, click: () => navigate('settings') },
        { type: 'separator' },
        { label: trayWords.quit, click: () => app.quit() },
      ]),
    );
  };

  applyHotkeys();
  loginItems.apply(settings.get().launchAtLogin);
  nativeTheme.themeSource = settings.get().theme;
  buildMenus();
  let last = settings.get();
  settings.onChange((next) => {
    nativeTheme.themeSource = next.theme;
    loginItems.apply(next.launchAtLogin);
    if (next.language !== last.language) buildMenus();
    last = next;
  });

  const updates = new UpdateService({
    feed: await updateFeed(),
    enabled: () => settings.get().checkForUpdates,
    busy: () => services.busy || Boolean(capture?.active),
    ready: (version) => notifier.alert('Readout', fill(words().notification.updateReady, { version })),
    lastCheck: {
      get: () => (typeof settingsStore.get('updates.lastCheck') === 'number' ? (settingsStore.get('updates.lastCheck') as number) : null),
      set: (at) => settingsStore.set('updates.lastCheck', at),
    },
    log: (message) => console.warn(message),
  });
  updates.start();
  let updatesWanted = settings.get().checkForUpdates;
  settings.onChange((next) => {
    if (next.checkForUpdates !== updatesWanted) {
      updatesWanted = next.checkForUpdates;
      updates.start();
    }
  });

  const quit = new QuitSequence({
    cancelAll: () => services.cancelAll(),
    idle: () => services.idle(),
    close: async () => {
      globalShortcut.unregisterAll();
      overlays?.destroy();
      await services.close();
      history.close();
      // After every recognition has settled: a downloaded update installs now (it quits the app itself).
      updates.installOnQuit();
    },
    quit: () => app.quit(),
    log: (message) => console.warn(message),
  });
  app.on('before-quit', (event) => {
    quitting = true;
    if (quit.request()) event.preventDefault();
  });
  app.on('activate', () => showWindow(settings));
  reveal = () => showWindow(settings);

  if (process.platform === 'linux') trayVisible = await hasTrayHost();
  // A start at login stays in the tray, where there is a tray to stay in (review m7).
  const atLogin = startedAtLogin(process.argv, process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!atLogin || !trayVisible) showWindow(settings);
  inbox.add(imageArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd()));
  inbox.deliverTo((paths) => {
    showWindow(settings);
    services.recognizeFiles(paths);
  });
}

// A second launch sends its exact argv and cwd (review m3: the event's own argv is reordered and extended).
if (!app.requestSingleInstanceLock({ argv: process.argv, cwd: process.cwd() })) {
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
    dialog.showErrorBox('Readout', errorMessage(error));
    app.exit(1);
  });
}

/**
 * The composition root: the only module (with preload/index.ts) that imports electron. It owns the app's lifecycle,
 * the single-instance lock and the windows, and wires the services to the bridge.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { registerIpc } from './ipc.ts';
import { CONTENT_SECURITY_POLICY, isAppUrl, secureWebPreferences, type AppOrigin } from './security.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const development = !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL);
const origin: AppOrigin = {
  devServer: development ? process.env.ELECTRON_RENDERER_URL : undefined,
  rendererDir: join(here, '../renderer'),
};

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

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 960,
    height: 680,
    minWidth: 560,
    minHeight: 400,
    show: false,
    title: 'Readout',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs'), { development }),
  });
  window.once('ready-to-show', () => window.show());
  if (origin.devServer) void window.loadURL(origin.devServer);
  else void window.loadFile(join(origin.rendererDir, 'index.html'));
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  void app.whenReady().then(() => {
    lockDown();
    registerIpc(
      ipcMain,
      {
        appInfo: () => {
          const hasApiKey = Boolean(process.env.DASHSCOPE_API_KEY);
          const platform = ['darwin', 'win32', 'linux'].includes(process.platform) ? (process.platform as 'darwin' | 'win32' | 'linux') : 'other';
          return { version: app.getVersion(), engine: hasApiKey ? 'qwen' : 'local', hasApiKey, platform };
        },
      },
      origin,
    );
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

import { APP_ORIGIN } from './app-protocol.ts';

/**
 * The app's security settings in one place, free of any electron import so tests can hold them to account.
 * Loosening anything here must make test/main/security.test.ts fail.
 */

/** No remote sources at all: scripts, styles, images and connections stay inside the app. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/**
 * `npm run dev` only (review M10): Vite's dev server injects an inline React refresh preamble
 * (@vitejs/plugin-react) and CSS as <style> elements (vite/client), and talks to its server over a WebSocket for
 * hot reload. Nothing here ever reaches a built app, which is stamped and served with the strict policy above.
 */
export const DEVELOPMENT_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
  .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");

export const contentSecurityPolicy = (development: boolean): string => (development ? DEVELOPMENT_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  /** Middle-click would open links in new windows, past setWindowOpenHandler. */
  disableBlinkFeatures: 'Auxclick';
  devTools: boolean;
}

export function secureWebPreferences(preload: string, options: { development: boolean }): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
    devTools: options.development,
  };
}

export interface AppOrigin {
  /** The Vite dev server, in development only. */
  devServer?: string;
  /** The folder the built renderer pages are served from, as app://readout/ (app-protocol.ts). */
  rendererDir: string;
}

/**
 * Only the app's own pages may call the bridge or be navigated to: app://readout/ (never file://, whose pages could
 * read other files), or the dev server in development.
 */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  try {
    const parsed = new URL(url);
    if (origin.devServer && parsed.origin === new URL(origin.devServer).origin) return true;
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Adapter: the session's security, set once before any window (DESIGN.md, "Security defaults"). Decisions live in
 * security.ts and app-protocol.ts, where the tests hold them; this file hands them to Electron.
 */
import { readFile } from 'node:fs/promises';
import { protocol, session, app } from 'electron';
import { APP_SCHEME, resolveAppResource } from '../app-protocol.ts';
import { contentSecurityPolicy, isAppUrl, type AppOrigin } from '../security.ts';

/** The pages' own scheme, registered before ready as protocol.md requires. */
export function registerAppScheme(): void {
  // Standard (relative URLs resolve), secure (CSP 'self' and secure-context APIs behave as on https), fetch allowed
  // for the page's own assets.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the built pages, refuses every permission, stamps the CSP on every response, and keeps every page where it
 * is. A link a page opens goes to `openLink`, which asks in main before the browser opens it (review N11).
 */
export function lockDown(origin: AppOrigin, options: { development: boolean; openLink(url: string): void }): void {
  const policy = contentSecurityPolicy(options.development);
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
      // Links to the web open in the browser, never inside the app, and only once main has asked the user.
      if (url.startsWith('https:')) options.openLink(url);
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

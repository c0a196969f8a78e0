/**
 * Serves the built renderer over loopback and backs `window.readout` with the real main-side IPC handlers and
 * services through Playwright's exposeBinding: only Electron's IPC transport is replaced. The bridge object in the
 * page is built by the real preload/bridge.ts, bundled here for the page; pushed events go in through evaluate().
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { registerIpc, type IpcEventLike } from '../../main/ipc.ts';
import type { TestApp } from './app-services.ts';
import { repoRoot } from './paths.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The built renderer; READOUT_RENDERER_DIR points at a copy, so a build beside a running suite cannot pull its pages away. */
export const rendererDir = process.env.READOUT_RENDERER_DIR ?? join(repoRoot, 'out/renderer');

export async function serveRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(rendererDir, path === '/' ? 'index.html' : path));
      response.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let bridgeScript: Promise<string> | undefined;

/** preload/bridge.ts as a script for the page. */
function bundleBridge(): Promise<string> {
  bridgeScript ??= build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, lib: { entry: join(repoRoot, 'preload/bridge.ts'), formats: ['iife'], name: 'ReadoutBridge' } },
  }).then((output) => {
    const result = Array.isArray(output) ? output[0] : output;
    if (!result || !('output' in result)) throw new Error('bridge bundle failed');
    return result.output[0].code;
  });
  return bridgeScript;
}

// Bytes cross Playwright's binding as base64 both ways, where structured clone would carry them over Electron IPC.
const PAGE_SHIM = `
const listeners = new Map();
const unpack = (value) => value && typeof value === 'object'
  ? ('__bytes' in value ? Uint8Array.from(atob(value.__bytes), (c) => c.charCodeAt(0))
    : Array.isArray(value) ? value.map(unpack) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unpack(v)])))
  : value;
window.__readoutEmit = (event, payload) => { for (const listener of listeners.get(event) ?? []) listener(payload); };
const pack = (value) => value instanceof Uint8Array ? { __bytes: btoa(Array.from(value, (b) => String.fromCharCode(b)).join('')) }
  : Array.isArray(value) ? value.map(pack)
  : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v)])) : value;
window.readout = ReadoutBridge.createApi(
  (channel, ...args) => window.__readoutInvoke(channel, pack(args)).then(unpack),
  (event, listener) => {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return () => listeners.get(event).delete(listener);
  },
  // A dropped file's place on disk: a test that drops files says where they are (window.__readoutPathForFile).
  (file) => window.__readoutPathForFile?.(file) ?? '',
);`;

const pack = (value: unknown): unknown => {
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(pack);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v)]));
  return value;
};

const unpack = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(unpack);
  if (value && typeof value === 'object') {
    if ('__bytes' in value) return new Uint8Array(Buffer.from(String((value as { __bytes: string }).__bytes), 'base64'));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unpack(v)]));
  }
  return value;
};

/**
 * Installs `window.readout` in every page of the context, answered by main/ipc.ts over `app`'s services. Pages are
 * capture overlays for `displayId`.
 */
export async function installBridge(context: BrowserContext, app: TestApp, devServer: string, displayId = 'display-1'): Promise<void> {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, app.services, { devServer, rendererDir }, 'linux', {
    service: app.capture,
    displayFor: () => displayId,
  });
  await context.exposeBinding('__readoutInvoke', async (source, channel: string, args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler for ${channel}`);
    return pack(await handler({ senderFrame: { url: source.frame.url() } }, ...(unpack(args) as unknown[])));
  });
  // Several contexts can share one app (an overlay per display): each adds its pages to the fan-out.
  const previous = app.onEmit;
  app.onEmit = (event, payload) => {
    previous?.(event, payload);
    for (const page of context.pages()) {
      void page.evaluate(([name, data]) => (window as unknown as { __readoutEmit?: (e: string, p: unknown) => void }).__readoutEmit?.(name, data), [event, payload] as const).catch(() => undefined);
    }
  };
  await context.addInitScript({ content: `${await bundleBridge()}\n${PAGE_SHIM}` });
}

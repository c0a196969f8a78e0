/**
 * Serves the built renderer over loopback and backs `window.readout` with the real main-side IPC handlers through
 * Playwright's exposeBinding: only Electron's IPC transport is replaced. The bridge object in the page is built by
 * the real preload/bridge.ts, bundled here for the page.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { registerIpc, type IpcEventLike, type IpcServices } from '../../main/ipc.ts';
import { repoRoot } from './paths.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export const rendererDir = join(repoRoot, 'out/renderer');

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
    build: {
      write: false,
      lib: { entry: join(repoRoot, 'preload/bridge.ts'), formats: ['iife'], name: 'ReadoutBridge' },
    },
  }).then((output) => {
    const result = Array.isArray(output) ? output[0] : output;
    if (!result || !('output' in result)) throw new Error('bridge bundle failed');
    return result.output[0].code;
  });
  return bridgeScript;
}

/** Installs `window.readout` in every page of the context, answered by main/ipc.ts with these services. */
export async function installBridge(context: BrowserContext, services: IpcServices, devServer: string): Promise<void> {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, services, { devServer, rendererDir });
  await context.exposeBinding('__readoutInvoke', async (source, channel: string, args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler for ${channel}`);
    return handler({ senderFrame: { url: source.frame.url() } }, ...args);
  });
  await context.addInitScript({
    content: `${await bundleBridge()}
window.readout = ReadoutBridge.createApi((channel, ...args) => window.__readoutInvoke(channel, args));`,
  });
}

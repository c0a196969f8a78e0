/**
 * The app's own scheme, app://readout/, serving the built renderer (review M11). Pages loaded from file:// can fetch
 * any other file:// URL while the GrantFileProtocolExtraPrivileges fuse is on (docs/tutorial/fuses.md), which the
 * package turns off; with the pages on a custom scheme a compromised page reaches nothing but these files. This
 * decides what a request may read; main/index.ts hands it to protocol.handle (docs/api/protocol.md).
 */
import { realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'readout';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export type AppResource = { ok: true; path: string; mime: string } | { ok: false; status: 400 | 403 | 404 };

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** The file a request for `url` may read from `rendererDir`, or why not: no `..`, no links out, known types only. */
export async function resolveAppResource(url: string, rendererDir: string): Promise<AppResource> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { ok: false, status: 403 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0') || pathname.split(/[/\\]/).includes('..')) return { ok: false, status: 403 };
  const root = resolve(rendererDir);
  const wanted = resolve(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!inside(root, wanted)) return { ok: false, status: 403 };
  const mime = TYPES[extname(wanted).toLowerCase()];
  if (!mime) return { ok: false, status: 403 };
  let real: string;
  try {
    real = await realpath(wanted);
  } catch {
    return { ok: false, status: 404 };
  }
  // A link inside the folder that points out of it is refused like a path that does.
  if (!inside(await realpath(root), real)) return { ok: false, status: 403 };
  return { ok: true, path: real, mime };
}

/**
 * The real language pack tarballs (@tesseract.js-data/*, the ones catalog.ts pins), fetched from the npm registry
 * once with `npm pack` into .cache/language-packs (gitignored), and a local server that serves them at npm's tarball
 * paths, over a real socket, as a registry would.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tarballName, tarballUrl, type PackSource } from '../../main/languages/catalog.ts';
import { repoRoot } from './paths.ts';

export const PACK_CACHE = join(repoRoot, '.cache/language-packs');

/** The source's tarball on disk, fetched first where it is not there yet. */
export function packTarball(source: PackSource): string {
  const file = join(PACK_CACHE, tarballName(source));
  if (!existsSync(file)) {
    mkdirSync(PACK_CACHE, { recursive: true });
    execFileSync('npm', ['pack', `${source.name}@${source.version}`, '--pack-destination', PACK_CACHE, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return file;
}

/** What the server does with one request: the bytes to send (in chunks), or a status. */
/**
 * `cutAt`: the connection is dropped after that many bytes, the full length announced (a broken download);
 * `unannounced`: no content-length (chunked), so only the bytes themselves tell how many there are.
 */
export type Answer = { bytes: Uint8Array; chunk?: number; delayMs?: number; cutAt?: number; unannounced?: boolean } | { status: number };

/** Serves tarballs at npm's paths; `answer` can change what one request gets (a changed file, a 404, a cut). */
export class PackServer {
  readonly #server: Server;
  readonly requests: string[] = [];
  answer: (path: string, source: PackSource | undefined) => Answer | undefined = () => undefined;
  readonly #sources: readonly PackSource[];

  constructor(sources: readonly PackSource[]) {
    this.#sources = sources;
    this.#server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push(path);
      const source = this.#sources.find((s) => tarballUrl(s, 'http://x/').pathname === path);
      const answer: Answer = this.answer(path, source) ?? (source ? { bytes: readFileSync(packTarball(source)) } : { status: 404 });
      if ('status' in answer) {
        response.writeHead(answer.status).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/octet-stream', ...(answer.unannounced ? {} : { 'content-length': String(answer.bytes.length) }) });
      const chunk = answer.chunk ?? 1 << 20;
      let at = 0;
      const end = answer.cutAt ?? answer.bytes.length;
      const next = (): void => {
        if (at >= end) return void (answer.cutAt === undefined ? response.end() : response.destroy());
        const slice = answer.bytes.subarray(at, Math.min(end, at + chunk));
        at += slice.length;
        response.write(slice, () => (answer.delayMs ? setTimeout(next, answer.delayMs) : next()));
      };
      next();
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
  }

  get registry(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

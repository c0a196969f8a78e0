/**
 * The local HTTP API: Umi-OCR's /api/ocr (umi.ts) and Readout's /v1 (v1.ts), on node:http alone. Five routes and
 * a handful of headers need no framework, and a framework's defaults (CORS helpers, body parsers that read a body
 * whole before anyone has checked it, lenient base64) are what this server must not have: every rule in guard.ts
 * runs before a byte of the body is read, and a body is read only once its request holds one of the `concurrency`
 * slots (gate.ts), so the server holds no more images at once than `readout --concurrency` does.
 *
 * It listens on a TCP port (`readout serve`, the app's "Local API") or on a socket path (the app's private control
 * endpoint, control-endpoint.ts: /v1/capture and /v1/health only, guarded by the socket file's permissions).
 */
import { chmodSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorMessage } from '../errors.ts';
import { readBody } from './body.ts';
import { Gate } from './gate.ts';
import { acceptsFile, acceptsJson, appOrigin, bearerAccepted, checkBinding, corsHeaders, contentTypeRefusal, declaredTooLarge, fromWebPage, hostAllowed, isWildcardHost, mediaType, requestTarget } from './guard.ts';
import type { CapturePort, ReadPort, SearchPort } from './ports.ts';
import { protocolOf, refuse, refuseAndClose, sendJson } from './respond.ts';
import { parseUmiRequest, umiAnswer, umiError } from './umi.ts';
import { describeOptions } from './umi-options.ts';
import { fileOfRequest, headerPassword, PASSWORD_HEADER, readFile, searchHistory } from './v1.ts';
import { prepareSocketPath } from './control-endpoint.ts';

export const DEFAULT_PORT = 1224;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Requests past the reading ones that may wait for a slot; beyond, 503 with Retry-After. */
export const DEFAULT_MAX_WAITING = 64;
/**
 * The body of a route that reads no file (/v1/capture takes `{}`): such a route holds no reading slot, so its body
 * must be small, or a thousand of them at the API's full limit would hold far more than --concurrency files.
 */
export const SMALL_BODY_BYTES = 64 * 1024;
/**
 * The slowest a body may arrive, once its request holds a slot: 256 KB/s, and never less than two minutes, so the
 * default 32 MB has two minutes (a Wi-Fi client on the LAN sends it in seconds) and a trickle cannot hold a slot.
 */
const bodyDeadline = (limit: number): number => Math.max(120_000, (limit / (256 * 1024)) * 1000);

export interface ApiServerOptions {
  host?: string;
  port?: number;
  /** Listen here instead of on a TCP port (the app's control endpoint); only /v1/capture and /v1/health are served. */
  socketPath?: string;
  /** READOUT_API_TOKEN, or the app's generated one; null for none (loopback only). */
  token: string | null;
  maxBodyBytes?: number;
  /** How many requests read at once (the command's --concurrency). */
  concurrency?: number;
  maxWaiting?: number;
  /** A body that sends nothing for this long is given up (408). */
  stallMs?: number;
  /** A body not whole this long after its request took its slot is given up (408); by default it scales with maxBodyBytes. */
  bodyDeadlineMs?: number;
  /** A connection that has not sent a whole request's headers this long after it opened is closed (20 s). */
  silentConnectionMs?: number;
  reader: ReadPort | null;
  history: SearchPort | null;
  capture: CapturePort | null;
  version: string;
  log?: (line: string) => void;
}

export interface ApiServer {
  /** http://host:port, or the socket's path. */
  url: string;
  port: number;
  /** Whether requests need the token (a token was given). */
  tokenRequired: boolean;
  /** Requests reading now, and waiting for a slot. */
  load(): { reading: number; waiting: number };
  /** Stops taking connections and resolves once the requests in hand are answered. */
  close(): Promise<void>;
}

type Route = { method: 'GET' | 'POST'; accepts?: (type: string) => boolean; reads: boolean; maxBody?: number; handle: Handler };
type Handler = (context: { req: IncomingMessage; res: ServerResponse; url: URL; body: Buffer; signal: AbortSignal }) => Promise<void> | void;

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? DEFAULT_HOST;
  const control = options.socketPath !== undefined;
  const binding = control ? { ok: true as const, tokenRequired: false } : checkBinding(host, options.token);
  if (!binding.ok) throw new Error(binding.message);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const gate = new Gate(options.concurrency ?? 2, options.maxWaiting ?? DEFAULT_MAX_WAITING);
  const log = options.log ?? (() => {});
  const engine = options.reader?.engine ?? null;
  let port = options.port ?? DEFAULT_PORT;
  /** The name a refusal tells a client to use: the address listened on, or 127.0.0.1 for every address. */
  const shownHost = control ? 'localhost' : isWildcardHost(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  const routes: Record<string, Route> = {
    '/v1/health': { method: 'GET', reads: false, handle: ({ res }) => sendJson(res, 200, { ok: true, version: options.version, engine: engine?.name ?? null, model: engine?.model ?? null }) },
    '/v1/capture': {
      method: 'POST',
      accepts: acceptsJson,
      reads: false,
      maxBody: SMALL_BODY_BYTES,
      handle: async ({ res }) => {
        if (!options.capture) return refuse(res, 'v1', 404, 'capture-unavailable', 'capture is only in the app: start Readout, then run readout capture (or POST /v1/capture to the app\'s Local API)');
        await options.capture();
        sendJson(res, 202, { ok: true });
      },
    },
  };
  if (!control && options.reader) {
    const reader = options.reader;
    routes['/api/ocr/get_options'] = { method: 'GET', reads: false, handle: ({ res }) => sendJson(res, 200, describeOptions(reader.engine)) };
    routes['/api/ocr'] = {
      method: 'POST',
      accepts: acceptsJson,
      reads: true,
      handle: async ({ res, body, signal }) => {
        const started = { epochMs: Date.now(), at: performance.now() };
        const request = parseUmiRequest(body);
        if (!request.ok) return sendJson(res, 200, umiError(request.code, request.message, started.epochMs));
        const [report] = await readFile(reader, { bytes: request.bytes, name: 'api' }, signal);
        if (report) sendJson(res, 200, umiAnswer(report, request.options, started));
      },
    };
    routes['/v1/read'] = {
      method: 'POST',
      accepts: acceptsFile,
      reads: true,
      handle: async ({ req, res, url, body, signal }) => {
        const file = fileOfRequest(body, mediaType(req.headers['content-type']), url.searchParams, headerPassword(req.headers[PASSWORD_HEADER]));
        if (!file.ok) return refuse(res, 'v1', file.status, file.code, file.message);
        const reports = await readFile(reader, file, signal);
        if (!signal.aborted) sendJson(res, 200, reports);
      },
    };
  }
  if (!control) {
    routes['/v1/history'] = {
      method: 'GET',
      reads: false,
      handle: ({ res, url }) => {
        if (!options.history) return refuse(res, 'v1', 404, 'history-off', 'the history is off here (readout serve --no-history): start it without --no-history to search it');
        const found = searchHistory(options.history, url.searchParams);
        if (!found.ok) return refuse(res, 'v1', found.status, found.code, found.message);
        sendJson(res, 200, { entries: found.entries });
      },
    };
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = requestTarget(req.url, req.headersDistinct.host);
    const url = target.url;
    const protocol = protocolOf(url.pathname);
    if (target.hosts > 1) return refuseAndClose(req, res, protocol, 400, 'bad-request', `the request has ${target.hosts} Host headers: send one, naming this server (http://${shownHost}:${port})`);
    if (!hostAllowed(target.host, { host: control ? 'localhost' : host, port })) {
      return refuseAndClose(req, res, protocol, 403, 'forbidden-host', `Host ${JSON.stringify(target.host ?? '')} is not this server's name: use http://${shownHost}:${port} (a name that is not this server's is how a web page reaches a local server: DNS rebinding)`);
    }
    if (fromWebPage(req.headers)) return refuseAndClose(req, res, protocol, 403, 'forbidden-origin', 'requests from web pages are refused: call the API from a program or script, not from a page in a browser');
    // A browser extension or an app's page (guard.ts appOrigin) reads every answer, refusals included, through CORS
    // headers naming its origin alone; setHeader's headers join those writeHead gives.
    const extension = control ? null : appOrigin(req.headers.origin);
    if (extension) for (const [name, value] of Object.entries(corsHeaders(extension, false))) res.setHeader(name, value);
    const route = routes[url.pathname];
    if (!route) return refuseAndClose(req, res, protocol, 404, 'not-found', `there is no ${url.pathname} here: the API has ${Object.keys(routes).join(', ')}`);
    // Its CORS preflight: no token is asked (a browser never sends credentials in one); the request that follows is
    // checked as any other.
    if (extension && req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.writeHead(204, { ...corsHeaders(extension, true), 'Content-Length': '0', 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (req.method !== route.method) return refuseAndClose(req, res, protocol, 405, 'method-not-allowed', `${url.pathname} takes ${route.method}, not ${req.method}`, { Allow: route.method });
    // /v1 needs the token whenever there is one; beyond loopback Umi's routes need it too, or the LAN could read into the history.
    if (options.token && (protocol === 'v1' || binding.tokenRequired) && !bearerAccepted(req.headers.authorization, options.token)) {
      return refuseAndClose(req, res, protocol, 401, 'unauthorized', 'this API needs its token: send the header Authorization: Bearer TOKEN (READOUT_API_TOKEN, or the one shown in the app\'s Settings › Local API)', { 'WWW-Authenticate': 'Bearer realm="readout"' });
    }
    const limit = route.maxBody ?? maxBody;
    if (route.method === 'POST') {
      const refusal = contentTypeRefusal(req.headers['content-type'], route.accepts ?? acceptsJson);
      if (refusal) return refuseAndClose(req, res, protocol, 415, 'unsupported-media-type', refusal);
      if (declaredTooLarge(req.headers['content-length'], limit)) return refuseAndClose(req, res, protocol, 413, 'body-too-large', tooLarge(limit, route.maxBody !== undefined));
    }
    // The client going away stops its reading (and its place in the queue).
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    let release: (() => void) | null = null;
    if (route.reads) {
      const place = gate.enter(gone.signal);
      if (!place) return refuseAndClose(req, res, protocol, 503, 'busy', `the server is busy: ${gate.running} readings in hand and ${gate.waiting} waiting; try again in a few seconds`, { 'Retry-After': '5' });
      release = await place;
    }
    try {
      if (gone.signal.aborted) return;
      let body: Buffer = Buffer.alloc(0);
      if (route.method === 'POST') {
        if (req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
        const read = await readBody(req, limit, options.stallMs ?? 30_000, options.bodyDeadlineMs ?? bodyDeadline(limit));
        if (!read.ok) {
          if (read.reason === 'too-large') return refuseAndClose(req, res, protocol, 413, 'body-too-large', tooLarge(limit, route.maxBody !== undefined));
          if (read.reason === 'stalled') return refuseAndClose(req, res, protocol, 408, 'timeout', 'the body stopped arriving: send it whole, without pausing');
          if (read.reason === 'too-slow') return refuseAndClose(req, res, protocol, 408, 'timeout', `the body arrived too slowly (not whole within ${Math.round((options.bodyDeadlineMs ?? bodyDeadline(limit)) / 1000)} s): send it at once, over a faster connection`);
          return;
        }
        body = read.bytes;
      }
      await route.handle({ req, res, url, body, signal: gone.signal });
    } finally {
      release?.();
    }
  };

  const server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`readout serve: ${req.method} ${req.url}: ${errorMessage(error)}`);
      refuse(res, protocolOf(new URL(req.url ?? '/', 'http://localhost').pathname), 500, 'internal', `the server failed: ${errorMessage(error)}`);
    });
  });
  // A client that sends "Expect: 100-continue" hears a refusal before it sends its body; "continue" is sent only
  // when the body is about to be read.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => server.emit('request', req, res));
  // Slow headers are cut by Node (headersTimeout); a slow body by readBody's stall timer. requestTimeout counts a
  // request's whole receipt, and a request that waits for a slot has not been received yet: it is kept long.
  server.headersTimeout = 20_000;
  server.requestTimeout = 10 * 60_000;
  // Node starts headersTimeout at a request's first byte, so a connection that never sends one is held for ever (1,000
  // silent connections were all still open after 80 s), and beyond loopback anyone may open them, token or not, until
  // the process runs out of file descriptors. Each connection must have sent a request's headers in time.
  const silentMs = options.silentConnectionMs ?? server.headersTimeout;
  const silent = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('connection', (socket: Socket) => {
    silent.set(socket, setTimeout(() => socket.destroy(), silentMs).unref());
    socket.once('close', () => clearTimeout(silent.get(socket)));
  });
  server.on('request', (req: IncomingMessage) => clearTimeout(silent.get(req.socket)));

  if (control) await prepareSocketPath(options.socketPath!);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const ready = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (control) server.listen(options.socketPath!, ready);
    else server.listen(port, host, ready);
  });
  server.on('error', (error) => log(`readout serve: ${errorMessage(error)}`));
  if (control && process.platform !== 'win32') chmodSync(options.socketPath!, 0o600);
  const address = server.address();
  if (address && typeof address === 'object') port = (address as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: control ? options.socketPath! : `http://${shown}:${port}`,
    port,
    tokenRequired: options.token !== null,
    load: () => ({ reading: gate.running, waiting: gate.waiting }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

const tooLarge = (limit: number, routeOwn: boolean): string =>
  routeOwn
    ? `the body is larger than this route takes (${Math.round(limit / 1024)} KB): it takes a small JSON object, such as {}`
    : `the body is larger than this server takes (${Math.round(limit / 1024 / 1024)} MB): send a smaller file, or start readout serve with a larger --max-body`;

/**
 * The local API's security rules, each a small function of the request's own headers, so each is tested alone
 * (test/main/serve/guard.test.ts). Together they keep a web page the user happens to visit, and any other machine,
 * away from a service that reads files into the history:
 * - it listens on loopback unless told otherwise, and any other address needs a token (checkBinding);
 * - a Host that is not a name of this server is refused: a page on attacker.example whose name was rebound to
 *   127.0.0.1 (DNS rebinding) still sends its own Host (hostAllowed);
 * - a request a browser made on a page's behalf is refused: browsers add Origin to every cross-origin request and to
 *   every POST, and Sec-Fetch-Site to every request they make (fromWebPage); no CORS header is ever sent to a page, so
 *   no page can read an answer either. A browser extension or an Electron app's own page (Obsidian's app://obsidian.md)
 *   is not a web page: its Origin has a scheme no page can have or forge (Origin is a forbidden header), so it is let
 *   through and answered with CORS headers naming it alone (appOrigin, corsHeaders), as Umi-OCR's clients expect;
 * - a POST whose content type a page may send without a CORS preflight (text/plain, the two form types, or none:
 *   https://fetch.spec.whatwg.org/#cors-safelisted-request-header) is refused, so such a request never runs even
 *   from a browser that sent no Origin (contentTypeRefusal);
 * - with a token, `Authorization: Bearer TOKEN` compared in constant time (bearerAccepted).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** A token shorter than this is too easy to guess for a service other machines can reach. */
export const MIN_TOKEN_LENGTH = 16;

/** A fresh token for the app's "Local API" (32 random bytes, URL-safe). */
export const generateToken = (): string => randomBytes(32).toString('base64url');

/** Whether `host` (an address or name to listen on) reaches only this computer. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/** Whether `host` is every address of the machine (0.0.0.0, ::): any name may reach it, so only the token guards it. */
export const isWildcardHost = (host: string): boolean => ['0.0.0.0', '::', '[::]'].includes(host.toLowerCase());

/**
 * Whether the server may start listening on `host` with `token`: loopback needs none; any other address needs one
 * of MIN_TOKEN_LENGTH characters or more. The refusal says how to start it.
 */
export function checkBinding(host: string, token: string | null): { ok: true; tokenRequired: boolean } | { ok: false; message: string } {
  if (isLoopbackHost(host)) return { ok: true, tokenRequired: false };
  if (!token) {
    return { ok: false, message: `--host ${host} lets other computers reach the API: set READOUT_API_TOKEN to a secret of ${MIN_TOKEN_LENGTH} characters or more, or leave --host out to listen on 127.0.0.1 only` };
  }
  if (token.length < MIN_TOKEN_LENGTH) return { ok: false, message: `READOUT_API_TOKEN is too short to guard --host ${host}: use ${MIN_TOKEN_LENGTH} characters or more (for example: openssl rand -hex 24)` };
  return { ok: true, tokenRequired: true };
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Whether a request's Host header names this server: a loopback name, or the address it was told to listen on, each
 * bare or with the port it listens on. A server on every address (0.0.0.0) takes any Host: a token guards it.
 */
export function hostAllowed(hostHeader: string | undefined, server: { host: string; port: number }): boolean {
  if (hostHeader === undefined) return false;
  if (isWildcardHost(server.host)) return true;
  const host = hostHeader.trim().toLowerCase();
  const bound = isIP(server.host) === 6 ? `[${server.host.toLowerCase()}]` : server.host.toLowerCase();
  const names = new Set([...LOOPBACK_NAMES, bound]);
  return [...names].some((name) => host === name || host === `${name}:${server.port}`);
}

/**
 * The path a request asks for and the host it names, as RFC 9112 reads a request line: a target in absolute form
 * (`GET http://name/path`) names its host itself and the Host header is then ignored (section 3.2.2), so that name is
 * the one hostAllowed must see; more than one Host header is a request no server may take (section 3.2: 400). The
 * path is read as a path even when it starts with "//", which `new URL(target, base)` would take for a host.
 */
export function requestTarget(target: string | undefined, hostHeaders: readonly string[] | undefined): { url: URL; host: string | undefined; hosts: number } {
  const hosts = hostHeaders?.length ?? 0;
  const raw = target ?? '/';
  if (raw.startsWith('/')) return { url: new URL(`http://localhost${raw}`), host: hosts === 1 ? hostHeaders![0] : undefined, hosts };
  if (/^https?:\/\//i.test(raw) && URL.canParse(raw)) {
    const url = new URL(raw);
    return { url: new URL(`http://localhost${url.pathname}${url.search}`), host: url.host, hosts };
  }
  // "*" (OPTIONS *) or an authority (CONNECT): no path of this API.
  return { url: new URL('http://localhost/'), host: hosts === 1 ? hostHeaders![0] : undefined, hosts };
}

/**
 * The schemes of origins that belong to a browser extension or to an app's own pages, never to a web page: Chromium's
 * and Firefox's and Safari's extensions, and the privileged scheme Electron apps load their pages from (Obsidian sends
 * `Origin: app://obsidian.md`). A page cannot send one: Origin is a forbidden request header
 * (https://fetch.spec.whatwg.org/#forbidden-request-header), set by the browser to the page's own origin.
 */
const APP_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:', 'app:']);

/**
 * The Origin header as given when it names an extension or an app (APP_SCHEMES, matched exactly), else null: only a
 * bare `scheme://host`, rebuilt from its parts and equal to the header, so what is echoed back in
 * Access-Control-Allow-Origin is the very origin the browser compares it with. http:, https:, file:, "null" and any
 * other scheme are web pages (or unknown) and get null.
 */
export function appOrigin(origin: string | undefined): string | null {
  if (origin === undefined || !URL.canParse(origin)) return null;
  const url = new URL(origin);
  if (!APP_SCHEMES.has(url.protocol) || url.host === '' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  if (url.pathname !== '' && url.pathname !== '/') return null;
  const rebuilt = `${url.protocol}//${url.host}`;
  return rebuilt === origin ? rebuilt : null;
}

/**
 * Whether a browser sent the request on a web page's behalf (see the header comment); a typed-in address sends
 * Sec-Fetch-Site: none. An extension's or app's Origin (appOrigin) is not a page's, whatever its Sec-Fetch-Site says:
 * Chromium sends `same-origin` for an extension's request to a URL its host permissions cover and `cross-site` for
 * any other (Fetch Metadata's extension considerations: https://github.com/w3c/webappsec-fetch-metadata/issues/47,
 * merged in https://github.com/w3c/webappsec-fetch-metadata/pull/76), and an Electron app's custom scheme is
 * cross-site to http://127.0.0.1, so that header tells nothing about a page there.
 */
export function fromWebPage(headers: { origin?: string | undefined; 'sec-fetch-site'?: string | string[] | undefined }): boolean {
  if (headers.origin !== undefined) return appOrigin(headers.origin) === null;
  const site = headers['sec-fetch-site'];
  return site !== undefined && site !== 'none';
}

/** The request headers an extension may send across origins (its CORS preflight asks for them by name). */
export const CORS_REQUEST_HEADERS = ['Content-Type', 'Authorization', 'X-Readout-Pdf-Password'];

/**
 * The CORS headers for an extension's or app's origin (appOrigin): that origin echoed, never `*`, so no other origin
 * may read the answer, and `Vary: Origin` so no cache hands one origin's answer to another. A preflight
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch) also gets the methods and headers the API takes.
 */
export function corsHeaders(origin: string, preflight: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = 'GET, POST';
    headers['Access-Control-Allow-Headers'] = CORS_REQUEST_HEADERS.join(', ');
    headers['Access-Control-Max-Age'] = '600';
  }
  return headers;
}

/** The media type of a Content-Type header, lower case, without parameters; '' for none. */
export const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** The types a page can POST without a preflight (the Fetch standard's CORS-safelisted Content-Type values), and none. */
const SIMPLE_TYPES = new Set(['', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * Why a POST's content type is refused (415), or null when `accepts` takes it. A type a page can send without a
 * preflight is refused whatever the route takes.
 */
export function contentTypeRefusal(contentType: string | undefined, accepts: (type: string) => boolean): string | null {
  const type = mediaType(contentType);
  if (SIMPLE_TYPES.has(type)) {
    return `${type === '' ? 'a request with no Content-Type' : `Content-Type ${type}`} is not accepted (a web page can send it): send the body as application/json${accepts('image/png') ? ', or the file itself as image/*, application/pdf or application/octet-stream' : ''}`;
  }
  return accepts(type) ? null : `Content-Type ${type} is not accepted here: send application/json${accepts('image/png') ? ', or the file itself as image/*, application/pdf or application/octet-stream' : ''}`;
}

/** /api/ocr, /v1/capture: JSON only. */
export const acceptsJson = (type: string): boolean => type === 'application/json';

/** /v1/read: JSON, or the file's bytes. */
export const acceptsFile = (type: string): boolean =>
  type === 'application/json' || type === 'application/pdf' || type === 'application/octet-stream' || /^image\/[a-z0-9.+-]+$/.test(type);

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether an Authorization header carries `token` as a Bearer token (RFC 6750, section 2.1), compared in constant
 * time: both sides hashed first, so neither the token's characters nor its length show in the time taken.
 */
export function bearerAccepted(authorization: string | undefined, token: string): boolean {
  // Whatever follows "Bearer ", not only RFC 6750's b64token characters: READOUT_API_TOKEN may be any secret the user
  // chose ("correct horse battery staple!"), and a token the server took at start must be one a client can send.
  const match = /^Bearer +(\S(?:.*\S)?) *$/i.exec(authorization ?? '');
  const given = match?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token)) && match !== null;
}

/**
 * Whether a declared Content-Length is past the limit (413 before a byte of the body is read); an absent one
 * (a chunked body) is counted as it comes (body.ts).
 */
export function declaredTooLarge(contentLength: string | undefined, maxBytes: number): boolean {
  if (contentLength === undefined) return false;
  const length = Number(contentLength);
  return !Number.isFinite(length) || length > maxBytes;
}

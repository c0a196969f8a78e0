/** Answers, in each protocol's own form: Umi-OCR's {code, data, time, timestamp}, Readout's {error: {code, message}}. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { umiError } from './umi.ts';

/** Which protocol a path speaks, so a refusal is said in the form its client reads. */
export type Protocol = 'umi' | 'v1';

export const protocolOf = (path: string): Protocol => (path === '/api/ocr' || path.startsWith('/api/') ? 'umi' : 'v1');

/** A JSON answer. No web page may read one: CORS headers go only to an extension's or app's origin (guard.ts, server.ts). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** A refusal in the protocol's form: Umi's with the HTTP status as its code, or Readout's error object. */
export function refuse(res: ServerResponse, protocol: Protocol, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, protocol === 'umi' ? umiError(status, message) : { error: { code, message } }, headers);
}

/**
 * A refusal that leaves the body unread (413, 415, 401 ...): the connection is closed once the answer is out, so
 * the rest of the body is never taken in; bytes still arriving are let go for a moment first, so the client reads
 * the answer rather than a reset connection.
 */
export function refuseAndClose(req: IncomingMessage, res: ServerResponse, protocol: Protocol, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.on('finish', () => {
    req.resume();
    req.socket.end();
    setTimeout(() => req.socket.destroy(), 1000).unref();
  });
  refuse(res, protocol, status, code, message, { ...headers, Connection: 'close' });
}

/**
 * A request's body, read up to a limit: a chunked body (no Content-Length) is counted as it comes and reading stops
 * the moment it passes the limit, so no more than `limit` bytes are ever held; a body that stops arriving for
 * `stallMs` is given up, and so is one not whole within `deadlineMs`: a client trickling a byte now and then never
 * stalls, and without the deadline it would hold its reading slot until Node's requestTimeout (review of issue 25).
 */
import type { IncomingMessage } from 'node:http';

export type Body = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'stalled' | 'too-slow' | 'aborted' };

export function readBody(request: IncomingMessage, limit: number, stallMs: number, deadlineMs = Number.POSITIVE_INFINITY): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = Number.isFinite(deadlineMs) ? setTimeout(() => settle({ ok: false, reason: 'too-slow' }), deadlineMs) : undefined;
    const settle = (body: Body): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(deadline);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('aborted', onAborted);
      request.off('error', onAborted);
      request.off('close', onClose);
      // Stop taking bytes from a body that is refused; the server answers, then closes the connection.
      if (!body.ok) request.pause();
      resolve(body);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => settle({ ok: false, reason: 'stalled' }), stallMs);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) return settle({ ok: false, reason: 'too-large' });
      chunks.push(chunk);
      arm();
    };
    const onEnd = (): void => settle({ ok: true, bytes: Buffer.concat(chunks, size) });
    const onAborted = (): void => settle({ ok: false, reason: 'aborted' });
    const onClose = (): void => {
      if (!request.complete) onAborted();
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('aborted', onAborted);
    request.on('error', onAborted);
    request.on('close', onClose);
    arm();
  });
}

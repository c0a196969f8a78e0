/**
 * Each of the local API's refusals over a real socket (main/serve/guard.ts applied by server.ts), in the protocol's
 * own form, and the server answering on after every one.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startApiServer } from '../../../main/serve/server.ts';
import { call } from '../../support/http-call.ts';
import { FakeReader } from './fake-reader.ts';
import { guardedServer, PNG, stillAnswers, umiBody } from './guarded-server.ts';

const TOKEN = 'test-token-0123456789abcdef';
const start = guardedServer();

describe('the local API refuses', () => {
  it('a Host that is not its name (DNS rebinding), 403 in each protocol’s form', async () => {
    const { port, reader } = await start();
    const umi = await call({ port, method: 'POST', path: '/api/ocr', headers: { Host: 'attacker.example:' + port, 'Content-Type': 'application/json' }, body: umiBody });
    expect(umi.status).toBe(403);
    expect(umi.json).toMatchObject({ code: 403, data: expect.stringContaining('DNS rebinding') });
    const v1 = await call({ port, path: '/v1/health', headers: { Host: 'attacker.example' } });
    expect(v1.status).toBe(403);
    expect(v1.json).toEqual({ error: { code: 'forbidden-host', message: expect.stringContaining('is not this server') } });
    expect(reader.calls).toHaveLength(0);
    await stillAnswers(port);
  });

  it('a request carrying a web page’s Origin or Sec-Fetch-Site, and never sends CORS headers', async () => {
    const { port, reader } = await start();
    const origin = await call({ port, method: 'POST', path: '/v1/read', headers: { Origin: 'https://attacker.example', 'Content-Type': 'image/png' }, body: PNG });
    expect(origin.status).toBe(403);
    expect(origin.json).toMatchObject({ error: { code: 'forbidden-origin' } });
    const fetched = await call({ port, path: '/api/ocr/get_options', headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(fetched.status).toBe(403);
    expect(Object.keys(fetched.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const typedIn = await call({ port, path: '/api/ocr/get_options', headers: { 'Sec-Fetch-Site': 'none' } });
    expect(typedIn.status).toBe(200);
    expect(Object.keys(typedIn.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(reader.calls).toHaveLength(0);
    await stillAnswers(port);
  });

  it('a POST a page could send without a preflight: 415 for text/plain, the form types and none', async () => {
    const { port, reader } = await start();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=abc', undefined]) {
      const umi = await call({ port, method: 'POST', path: '/api/ocr', headers: type ? { 'Content-Type': type } : {}, body: umiBody });
      expect(umi.status, String(type)).toBe(415);
      expect((umi.json as { code: number }).code).toBe(415);
      const v1 = await call({ port, method: 'POST', path: '/v1/read', headers: type ? { 'Content-Type': type } : {}, body: PNG });
      expect(v1.status).toBe(415);
      expect(v1.json).toMatchObject({ error: { code: 'unsupported-media-type' } });
    }
    expect(reader.calls).toHaveLength(0);
    await stillAnswers(port);
  });

  it('a body past the limit by its Content-Length, before reading it', async () => {
    const { port, reader } = await start({ maxBodyBytes: 1000 });
    const big = await call({ port, method: 'POST', path: '/v1/read', headers: { 'Content-Type': 'image/png' }, body: Buffer.alloc(1001) });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ error: { code: 'body-too-large', message: expect.stringContaining('--max-body') } });
    expect(big.headers.connection).toBe('close');
    expect(reader.calls).toHaveLength(0);
    await stillAnswers(port);
  });

  it('a chunked body as soon as it passes the limit, without waiting for its end', async () => {
    const { port, reader } = await start({ maxBodyBytes: 64 * 1024 });
    // A client that would stream for ever: it gets its answer once it has sent just past the limit.
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/read', headers: { 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          clearInterval(timer);
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, sent });
        });
      });
      req.on('error', (error) => (sent > 0 ? undefined : reject(error)));
      const timer = setInterval(() => {
        if (req.destroyed) return clearInterval(timer);
        req.write(Buffer.alloc(16 * 1024));
        sent += 16 * 1024;
      }, 5);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'body-too-large' } });
    expect(answer.sent).toBeLessThan(64 * 1024 * 40);
    expect(reader.calls).toHaveLength(0);
    await stillAnswers(port);
  });

  it('a /v1 request without the token, or with a wrong one: 401 with WWW-Authenticate; the right one passes', async () => {
    const { port } = await start({ token: TOKEN });
    for (const headers of [{}, { Authorization: 'Bearer wrong-token-0123456789' }, { Authorization: TOKEN }] as Array<Record<string, string>>) {
      const refused = await call({ port, path: '/v1/health', headers });
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="readout"');
      expect(refused.json).toMatchObject({ error: { code: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') } });
    }
    const ok = await call({ port, path: '/v1/health', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ ok: true, version: '9.9.9', engine: 'local', model: 'ppocr' });
    // On loopback Umi's routes stay as Umi-OCR's: a script written for it sends no token.
    await stillAnswers(port);
  });

  it('to start beyond loopback without a token, saying how', async () => {
    await expect(startApiServer({ host: '0.0.0.0', port: 0, token: null, reader: new FakeReader(), history: null, capture: null, version: '1' })).rejects.toThrow(/READOUT_API_TOKEN/);
  });

  it('beyond loopback with a token, Umi’s routes need it too', async () => {
    const { port } = await start({ host: '0.0.0.0', token: TOKEN });
    const refused = await call({ port, method: 'POST', path: '/api/ocr', headers: { 'Content-Type': 'application/json' }, body: umiBody });
    expect(refused.status).toBe(401);
    const ok = await call({ port, method: 'POST', path: '/api/ocr', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: umiBody });
    expect((ok.json as { code: number }).code).toBe(100);
  });

  it('a wrong method (405 with Allow), an unknown path (404), and answers on', async () => {
    const { port } = await start();
    const get = await call({ port, path: '/api/ocr' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(get.json).toMatchObject({ code: 405, data: expect.stringContaining('takes POST') });
    const missing = await call({ port, path: '/nothing' });
    expect(missing.status).toBe(404);
    await stillAnswers(port);
  });

  it('a body that stops arriving (408), and answers on', async () => {
    const { port } = await start({ stallMs: 200 });
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/read', headers: { 'Content-Type': 'image/png', 'Content-Length': '1000' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write(Buffer.alloc(10));
    });
    expect(answer).toBe(408);
    await stillAnswers(port);
  });
});

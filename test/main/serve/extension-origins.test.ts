/**
 * Browser extensions and apps' own pages as Umi-OCR clients (main/serve/guard.ts appOrigin, corsHeaders): Umi-OCR
 * answers every request with `Access-Control-Allow-Origin: *` (hiroi-sora/Umi-OCR
 * UmiOCR-data/py_src/server/web_server.py), so extensions and Obsidian plugins call it with fetch. Readout lets
 * exactly those origins through, echoing the origin (never `*`), and still refuses every web page's, over a real socket.
 */
import { describe, expect, it } from 'vitest';
import { call, type Called } from '../../support/http-call.ts';
import { guardedServer, PNG, stillAnswers, umiBody } from './guarded-server.ts';

const start = guardedServer();
const TOKEN = 'test-token-0123456789abcdef';
const EXTENSIONS = ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0', 'safari-web-extension://ABCD-1234', 'app://obsidian.md'];

const corsOf = (answer: Called): Record<string, string | string[] | undefined> =>
  Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name.startsWith('access-control-') || name === 'vary'));

const preflight = (port: number, origin: string, method: string, path: string, requestHeaders: string): Promise<Called> =>
  call({ port, method: 'OPTIONS', path, headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': requestHeaders } });

describe('an extension’s or app’s origin', () => {
  it('gets its preflight answered (204, its origin echoed) and its POST /api/ocr read, with Sec-Fetch-Site cross-site or same-origin', async () => {
    const { port, reader } = await start();
    for (const origin of EXTENSIONS) {
      const asked = await preflight(port, origin, 'POST', '/api/ocr', 'content-type');
      expect(asked.status, origin).toBe(204);
      expect(corsOf(asked)).toEqual({
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'Content-Type, Authorization, X-Readout-Pdf-Password',
        'access-control-max-age': '600',
        vary: 'Origin',
      });
      // Chromium: same-origin where the extension's host permissions cover the URL, cross-site where they do not.
      for (const site of ['cross-site', 'same-origin']) {
        const read = await call({ port, method: 'POST', path: '/api/ocr', headers: { Origin: origin, 'Sec-Fetch-Site': site, 'Content-Type': 'application/json' }, body: umiBody });
        expect(read.status).toBe(200);
        expect((read.json as { code: number }).code).toBe(100);
        expect(corsOf(read)).toEqual({ 'access-control-allow-origin': origin, vary: 'Origin' });
      }
      const options = await call({ port, path: '/api/ocr/get_options', headers: { Origin: origin, 'Sec-Fetch-Site': 'cross-site' } });
      expect(options.status).toBe(200);
      expect(options.headers['access-control-allow-origin']).toBe(origin);
    }
    expect(reader.calls).toHaveLength(EXTENSIONS.length * 2);
  });

  it('still needs the token on /v1 (a preflight asks none), and reads the 401 through CORS', async () => {
    const { port, reader } = await start({ token: TOKEN });
    const origin = EXTENSIONS[0]!;
    const asked = await preflight(port, origin, 'POST', '/v1/read', 'authorization,content-type');
    expect(asked.status).toBe(204);
    const refused = await call({ port, method: 'POST', path: '/v1/read', headers: { Origin: origin, 'Content-Type': 'image/png' }, body: PNG });
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(origin);
    expect(reader.calls).toHaveLength(0);
    const read = await call({ port, method: 'POST', path: '/v1/read', headers: { Origin: origin, 'Content-Type': 'image/png', Authorization: `Bearer ${TOKEN}` }, body: PNG });
    expect(read.status).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe(origin);
  });
});

describe('a web page’s origin', () => {
  it('is refused with 403, its preflight too, with no CORS header at all, and never `*`', async () => {
    const { port, reader } = await start();
    const pages = ['http://localhost:3000', 'https://attacker.example', 'null', 'file://', 'chrome://settings', 'chrome-extension://', 'CHROME-EXTENSION://abc', 'chrome-extension://abc/page.html', 'app://obsidian.md/', 'ftp://example.org', 'data:text/html,x'];
    for (const origin of pages) {
      const asked = await preflight(port, origin, 'POST', '/api/ocr', 'content-type');
      expect(asked.status, origin).toBe(403);
      expect(corsOf(asked), origin).toEqual({});
      const posted = await call({ port, method: 'POST', path: '/api/ocr', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: umiBody });
      expect(posted.status, origin).toBe(403);
      expect(corsOf(posted), origin).toEqual({});
    }
    // No Origin, but a page's Sec-Fetch-Site: refused, as before.
    const fetched = await call({ port, path: '/api/ocr/get_options', headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(fetched.status).toBe(403);
    expect(reader.calls).toHaveLength(0);
    await stillAnswers(port);
  });
});

/** The security rules one by one (main/serve/guard.ts); the server test checks each is applied to real requests. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptsFile,
  acceptsJson,
  appOrigin,
  bearerAccepted,
  checkBinding,
  contentTypeRefusal,
  corsHeaders,
  declaredTooLarge,
  fromWebPage,
  generateToken,
  hostAllowed,
  isLoopbackHost,
  MIN_TOKEN_LENGTH,
} from '../../../main/serve/guard.ts';

describe('binding', () => {
  it('loopback needs no token; any other address needs one long enough, and says how to give it', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) expect(checkBinding(host, null)).toEqual({ ok: true, tokenRequired: false });
    for (const host of ['0.0.0.0', '192.168.1.5', '::', 'example.lan']) {
      const refused = checkBinding(host, null);
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.message).toContain('READOUT_API_TOKEN');
      expect(checkBinding(host, 'short').ok).toBe(false);
      expect(checkBinding(host, 'x'.repeat(MIN_TOKEN_LENGTH))).toEqual({ ok: true, tokenRequired: true });
    }
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });

  it('generates tokens that are long, URL-safe and different each time', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });
});

describe('Host (DNS rebinding)', () => {
  const server = { host: '127.0.0.1', port: 1224 };
  it('takes the loopback names, bare or with the port', () => {
    for (const host of ['localhost', 'localhost:1224', '127.0.0.1', '127.0.0.1:1224', '[::1]', '[::1]:1224', 'LOCALHOST:1224']) expect(hostAllowed(host, server)).toBe(true);
  });
  it('refuses any other name, another port, and none', () => {
    for (const host of ['attacker.example', 'attacker.example:1224', 'localhost:80', 'localhost.attacker.example', '127.0.0.1.nip.io:1224', '']) expect(hostAllowed(host, server)).toBe(false);
    expect(hostAllowed(undefined, server)).toBe(false);
  });
  it('takes the address it listens on; on every address any name (the token guards it)', () => {
    expect(hostAllowed('192.168.1.5:1224', { host: '192.168.1.5', port: 1224 })).toBe(true);
    expect(hostAllowed('evil.example', { host: '192.168.1.5', port: 1224 })).toBe(false);
    expect(hostAllowed('anything:1224', { host: '0.0.0.0', port: 1224 })).toBe(true);
  });
  it('never takes a name that is not one of them (property)', () => {
    fc.assert(
      fc.property(fc.domain(), fc.integer({ min: 1, max: 65535 }), (name, port) => {
        fc.pre(!['localhost'].includes(name.toLowerCase()));
        expect(hostAllowed(`${name}:${port}`, { host: '127.0.0.1', port })).toBe(false);
      }),
    );
  });
});

describe('web pages', () => {
  it('refuses any Origin, and any Sec-Fetch-Site but a typed-in address', () => {
    expect(fromWebPage({ origin: 'https://attacker.example' })).toBe(true);
    expect(fromWebPage({ origin: 'null' })).toBe(true);
    expect(fromWebPage({ 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(fromWebPage({ 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(fromWebPage({ 'sec-fetch-site': 'none' })).toBe(false);
    expect(fromWebPage({})).toBe(false);
  });
});

describe('content types', () => {
  it('refuses what a page can send without a preflight, whatever the route takes', () => {
    for (const type of [undefined, '', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'TEXT/PLAIN']) {
      expect(contentTypeRefusal(type, acceptsFile)).toMatch(/not accepted/);
      expect(contentTypeRefusal(type, acceptsJson)).toMatch(/not accepted/);
    }
  });
  it('takes JSON everywhere, and the file types on /v1/read only', () => {
    expect(contentTypeRefusal('application/json; charset=utf-8', acceptsJson)).toBeNull();
    for (const type of ['image/png', 'image/svg+xml', 'application/pdf', 'application/octet-stream']) {
      expect(contentTypeRefusal(type, acceptsFile)).toBeNull();
      expect(contentTypeRefusal(type, acceptsJson)).toMatch(/not accepted here/);
    }
    expect(contentTypeRefusal('application/xml', acceptsFile)).toMatch(/not accepted here/);
  });
});

describe('the token', () => {
  const token = 'a-long-enough-token-123';
  it('takes exactly Bearer TOKEN', () => {
    expect(bearerAccepted(`Bearer ${token}`, token)).toBe(true);
    expect(bearerAccepted(`bearer ${token}`, token)).toBe(true);
    for (const header of [undefined, '', token, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`, `Bearer  `, 'Bearer']) expect(bearerAccepted(header, token)).toBe(false);
  });
  it('takes no other token (property)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), (other) => {
      fc.pre(other !== token);
      expect(bearerAccepted(`Bearer ${other}`, token)).toBe(false);
    }));
  });
});

describe('Content-Length', () => {
  it('is too large past the limit, and when it is not a number', () => {
    expect(declaredTooLarge(undefined, 10)).toBe(false);
    expect(declaredTooLarge('10', 10)).toBe(false);
    expect(declaredTooLarge('11', 10)).toBe(true);
    expect(declaredTooLarge('abc', 10)).toBe(true);
  });
});

describe('extension and app origins (appOrigin)', () => {
  it('takes a bare chrome-extension:, moz-extension:, safari-web-extension: or app: origin, exactly as sent', () => {
    for (const origin of ['chrome-extension://abcdefghijklmnop', 'moz-extension://0b1c2d3e-4f50', 'safari-web-extension://ABCD-1234', 'app://obsidian.md']) {
      expect(appOrigin(origin)).toBe(origin);
      expect(fromWebPage({ origin, 'sec-fetch-site': 'cross-site' })).toBe(false);
    }
    for (const origin of [undefined, '', 'null', 'file://', 'chrome-extension://', 'chrome-extension://a/b', 'chrome-extension://a?x', 'Chrome-Extension://a', 'app://obsidian.md/', 'app://u:p@obsidian.md', 'apps://x', 'chrome://settings']) {
      expect(appOrigin(origin), String(origin)).toBeNull();
    }
  });

  it('never takes a web page’s origin, whatever its host, port or case', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), fc.constantFrom('http', 'https', 'HTTP', 'file', 'ws', 'blob:http'), (url, scheme) => {
        const origin = url.replace(/^https?/, scheme);
        expect(appOrigin(origin)).toBeNull();
        expect(fromWebPage({ origin })).toBe(true);
      }),
    );
  });

  it('answers with that origin, never `*`, and Vary: Origin', () => {
    expect(corsHeaders('app://obsidian.md', false)).toEqual({ 'Access-Control-Allow-Origin': 'app://obsidian.md', Vary: 'Origin' });
    expect(corsHeaders('app://obsidian.md', true)).toMatchObject({ 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': expect.stringContaining('Authorization') });
  });
});

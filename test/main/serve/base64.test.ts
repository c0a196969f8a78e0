/** The APIs' strict base64 (main/serve/base64.ts): every real encoding decodes, garbage is refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../main/serve/base64.ts';

describe('decodeBase64', () => {
  it('decodes what Buffer encodes, padded or not, wrapped or not, with a data: URL prefix or not (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }).filter((b) => b.length > 0), fc.boolean(), fc.boolean(), fc.boolean(), (bytes, pad, wrap, prefix) => {
        let text = Buffer.from(bytes).toString('base64');
        if (!pad) text = text.replace(/=+$/, '');
        if (wrap) text = text.replace(/(.{76})/g, '$1\n');
        if (prefix) text = `data:image/png;base64,${text}`;
        const decoded = decodeBase64(text);
        expect(decoded).toEqual({ ok: true, bytes: Buffer.from(bytes) });
      }),
    );
  });

  it('refuses a string with a character base64 does not use, saying which (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 60 }), fc.constantFrom('!', '*', '.', '-', '_', '"', 'é', '\u0000'), fc.nat(), (bytes, bad, at) => {
        const text = Buffer.from(bytes).toString('base64');
        const position = at % (text.length + 1);
        const decoded = decodeBase64(text.slice(0, position) + bad + text.slice(position));
        expect(decoded.ok).toBe(false);
      }),
    );
  });

  it('refuses empty, cut-short and badly padded strings', () => {
    for (const text of ['', '   ', 'A', 'AAAAA', 'AA=A', 'AAA===', 'A===', 'AB=', 'data:image/png;base64,']) expect(decodeBase64(text).ok, text).toBe(false);
    expect(decodeBase64('not base64!')).toEqual({ ok: false, reason: 'the base64 string holds "!" at 10, which base64 does not use' });
  });
});

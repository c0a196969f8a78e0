/**
 * The key taken out of server text (bad-input review 2, M1), as a property: embedded at any offset in any text, as it
 * is, or inside base64 or base64url of anything (so at every byte alignment, "Bearer KEY" among them), whole or cut
 * short by truncation, it never survives: not as text, and not in what any run of the output decodes to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../../main/ocr/errors.ts';
import { redactAndTruncate, REDACTED } from '../../../main/ocr/redact.ts';

/** A DashScope-like key: sk- and 32 hex characters; also other shapes a self-hosted server's key may take. */
const keys = fc.oneof(
  fc.stringMatching(/^sk-[0-9a-f]{32}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{16,48}$/),
);
const filler = fc.string({ maxLength: 40, unit: fc.constantFrom('a', 'Z', '0', '+', '/', '=', '-', '_', ' ', ':', '"', '\n', 'é', '识') });

/** Whether any run of base64 or base64url characters in `text`, from any starting character, decodes to bytes holding `key`. */
function decodesToKey(text: string, key: string): boolean {
  const needle = Buffer.from(key);
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    for (let start = 0; start < 4; start++) {
      const part = run.slice(start);
      for (const encoding of ['base64', 'base64url'] as const) {
        if (Buffer.from(part, encoding).includes(needle)) return true;
      }
    }
  }
  return false;
}

/** A piece of the key a reader could use: ten characters of it in a row (a 35-character key less a few is still a leak). */
function holdsPartOf(text: string, key: string): boolean {
  const size = Math.min(10, key.length);
  for (let i = 0; i + size <= key.length; i++) if (text.includes(key.slice(i, i + size))) return true;
  return false;
}

describe('redact', () => {
  it('takes out the key as it is, at any offset in any text', () => {
    fc.assert(
      fc.property(keys, filler, filler, (key, before, after) => {
        const out = redact(`${before}${key}${after}`, key);
        expect(out).toContain(REDACTED);
        expect(holdsPartOf(out, key)).toBe(false);
      }),
    );
  });

  it('takes out the key inside base64 and base64url at any byte alignment (prefix bytes of any length)', () => {
    fc.assert(
      fc.property(keys, fc.uint8Array({ maxLength: 12 }), fc.uint8Array({ maxLength: 12 }), fc.boolean(), filler, filler, (key, head, tail, url, before, after) => {
        const encoded = Buffer.concat([head, Buffer.from(key), tail]).toString(url ? 'base64url' : 'base64');
        const out = redact(`${before}${encoded}${after}`, key);
        expect(decodesToKey(out, key)).toBe(false);
        expect(holdsPartOf(out, key)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('finds "Bearer KEY" in base64, the case a server echoing its Authorization header gives', () => {
    const key = 'sk-SECRET1234567890abcdef';
    const echoed = Buffer.from(`Bearer ${key}`).toString('base64');
    expect(redact(`header was ${echoed}`, key)).toBe(`header was ${REDACTED}`);
  });

  it('redacts before it truncates: a key across the cut leaves no part of it', () => {
    fc.assert(
      fc.property(keys, fc.integer({ min: 0, max: 120 }), fc.integer({ min: 20, max: 100 }), (key, at, max) => {
        const text = `${'m'.repeat(at)}${key}${'n'.repeat(200)}`;
        const out = redactAndTruncate(text, max, key);
        expect(holdsPartOf(out, key)).toBe(false);
        // Nothing longer than the cut and its note.
        expect(out.length).toBeLessThanOrEqual(max + 40);
        expect(key.slice(0, Math.min(key.length, max - at)).length < 10 || !out.includes(key.slice(0, Math.min(key.length, max - at)))).toBe(true);
      }),
    );
  });

  it('leaves ordinary text alone for a short key (its encoded forms too short to tell apart)', () => {
    expect(redact('The service said: YWJj, hYmNk and abc went wrong', 'abcd')).toBe('The service said: YWJj, hYmNk and abc went wrong');
    expect(redact('key abcd here', 'abcd')).toBe('key [API key] here');
  });

  it('leaves text without the key as it is', () => {
    fc.assert(fc.property(keys, filler, (key, text) => void expect(redact(text, key)).toBe(text)));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integrityOf, matchesIntegrity, parseIntegrity } from '../../../main/languages/integrity.ts';

describe('integrity', () => {
  it('matches exactly the bytes it was made from', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 500 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, flip) => {
        const pin = integrityOf(bytes);
        expect(parseIntegrity(pin)).not.toBeNull();
        expect(matchesIntegrity(bytes, pin)).toBe(true);
        const changed = new Uint8Array(bytes);
        changed[at % bytes.length]! ^= flip;
        expect(matchesIntegrity(changed, pin)).toBe(false);
        expect(matchesIntegrity(bytes.subarray(0, bytes.length - 1), pin)).toBe(false);
      }),
    );
  });

  it('takes nothing but one sha512 as a pin', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseIntegrity(text);
        if (parsed) expect(`sha512-${parsed.digest.toString('base64')}`).toBe(text.trim());
        expect(matchesIntegrity(new Uint8Array(), text)).toBe(parsed !== null && text.trim() === integrityOf(new Uint8Array()));
      }),
    );
    expect(parseIntegrity('sha1-qUqP5cyxm6YcTAhz05Hph5gvu9M=')).toBeNull();
    expect(parseIntegrity(`${integrityOf(new Uint8Array([1]))} ${integrityOf(new Uint8Array([2]))}`)).toBeNull();
    expect(parseIntegrity(integrityOf(new Uint8Array([1])).replace('==', '='))).toBeNull();
  });
});

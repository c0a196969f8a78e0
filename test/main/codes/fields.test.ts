/** Codes read as fields (review M10): Wi-Fi, contact cards, phone numbers and emails; anything else is left alone. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeFields, escapePairValue, splitPairs } from '../../../main/codes/fields.ts';

const value = (fields: ReturnType<typeof codeFields>, name: string) => fields?.fields.find((f) => f.name === name)?.value;

describe('codeFields', () => {
  it('reads a Wi-Fi code: network, password (to copy) and security', () => {
    const fields = codeFields('WIFI:T:WPA;S:Cafe-Guest;P:espresso-2026;;');
    expect(fields).toEqual({
      kind: 'wifi',
      fields: [
        { name: 'network', value: 'Cafe-Guest', copy: true },
        { name: 'password', value: 'espresso-2026', copy: true },
        { name: 'security', value: 'WPA', copy: false },
      ],
    });
  });

  it('unescapes ; , : and \\ in a Wi-Fi password, in any order of keys, any case of scheme', () => {
    const fields = codeFields('wifi:P:a\\;b\\,c\\:d\\\\e;S:"home";H:true;;');
    expect(value(fields, 'password')).toBe('a;b,c:d\\e');
    expect(value(fields, 'network')).toBe('"home"');
    expect(value(fields, 'hidden')).toBe('true');
  });

  it('an open network has no password', () => {
    expect(value(codeFields('WIFI:T:nopass;S:Library;P:;;'), 'password')).toBeUndefined();
  });

  it('reads a contact card, a phone number and an email with its subject', () => {
    const card = codeFields('MECARD:N:Doe,Jane;TEL:+15551234567;EMAIL:jane@example.org;URL:https\\://example.org;;');
    expect(card?.kind).toBe('contact');
    expect(value(card, 'name')).toBe('Jane Doe');
    expect(value(card, 'phone')).toBe('+15551234567');
    expect(value(card, 'url')).toBe('https://example.org');
    expect(codeFields('tel:+86-10-1234-5678')).toEqual({ kind: 'phone', fields: [{ name: 'phone', value: '+86-10-1234-5678', copy: true }] });
    const mail = codeFields('mailto:a@example.org,b@example.org?subject=Hello%20there&body=See+you');
    expect(mail?.fields.filter((f) => f.name === 'email').map((f) => f.value)).toEqual(['a@example.org', 'b@example.org']);
    expect(value(mail, 'subject')).toBe('Hello there');
    expect(value(mail, 'body')).toBe('See you');
  });

  it('leaves web addresses, plain text and malformed codes alone', () => {
    for (const text of ['https://example.org/wifi', 'WIFI is free here', 'WIFI:P:secret;;', 'tel:call me', 'mailto:%E0%A4%A', '4006381333931', '']) {
      expect(codeFields(text)).toBeNull();
    }
  });

  it('gives back any network and password a Wi-Fi code was written with', () => {
    const text = fc.string({ minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(text, text, fc.constantFrom('WPA', 'WEP', 'SAE'), (network, password, security) => {
        const fields = codeFields(`WIFI:T:${security};S:${escapePairValue(network)};P:${escapePairValue(password)};;`);
        expect(value(fields, 'network')).toBe(network);
        expect(value(fields, 'password')).toBe(password);
      }),
    );
  });

  it('gives back any address and subject a mailto was written with', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.string({ minLength: 1, maxLength: 40 }), (address, subject) => {
        const fields = codeFields(`mailto:${encodeURIComponent(address)}?subject=${encodeURIComponent(subject)}`);
        expect(value(fields, 'email')).toBe(address);
        expect(value(fields, 'subject')).toBe(subject);
      }),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('WIFI:', 'MECARD:', 'tel:', 'mailto:').chain((s) => fc.string().map((r) => s + r))), (text) => {
        const fields = codeFields(text);
        if (fields) expect(fields.fields.length).toBeGreaterThan(0);
      }),
    );
  });

  it('splits pairs so that joining their escaped values gives the same pairs', () => {
    const key = fc.stringMatching(/^[A-Z]{1,5}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string({ maxLength: 20 })), { maxLength: 6 }), (pairs) => {
        const body = pairs.map(([k, v]) => `${k}:${escapePairValue(v)};`).join('') + ';';
        expect(splitPairs(body)).toEqual(pairs);
      }),
    );
  });
});

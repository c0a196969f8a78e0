/**
 * What a code's text means, as fields a person can read and copy (review M10): a Wi-Fi network (WIFI:), a contact
 * card (MECARD:), a phone number (tel:) and an email (mailto:). Pure and total: text that is none of these, or is
 * malformed, gives null, and the code is shown as it is.
 */

export type FieldName = 'network' | 'password' | 'security' | 'hidden' | 'name' | 'phone' | 'email' | 'address' | 'url' | 'note' | 'org' | 'birthday' | 'subject' | 'body' | 'cc' | 'bcc';

export interface CodeField {
  name: FieldName;
  value: string;
  /** Worth a Copy button of its own (a password, a number, an address). */
  copy: boolean;
}

export interface CodeFields {
  kind: 'wifi' | 'contact' | 'phone' | 'email';
  fields: CodeField[];
}

/**
 * The `KEY:value;` pairs of WIFI: and MECARD: (ZXing's format): `\` escapes the next character (`\;`, `\:`, `\,`,
 * `\\`), so a password may hold any of them. Null where a pair has no key.
 */
export function splitPairs(body: string): Array<[string, string]> | null {
  const pairs: Array<[string, string]> = [];
  let key: string | null = null;
  let value = '';
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      current += body[++i]!;
    } else if (c === ':' && key === null) {
      key = current;
      current = '';
    } else if (c === ';') {
      if (key === null) {
        if (current === '') continue;
        return null;
      }
      value = current;
      pairs.push([key.toUpperCase(), value]);
      key = null;
      current = '';
    } else {
      current += c;
    }
  }
  if (key !== null) pairs.push([key.toUpperCase(), current]);
  else if (current !== '') return null;
  return pairs;
}

/** The escape splitPairs undoes: for tests, and for anyone writing such a code. */
export const escapePairValue = (value: string): string => value.replace(/[\\;,:"]/g, (c) => `\\${c}`);

const decode = (text: string): string | null => {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
};

function wifi(body: string): CodeFields | null {
  const pairs = splitPairs(body);
  if (!pairs) return null;
  const get = (key: string): string | undefined => pairs.find(([k]) => k === key)?.[1];
  const network = get('S');
  if (network === undefined || network === '') return null;
  const fields: CodeField[] = [{ name: 'network', value: network, copy: true }];
  const security = get('T');
  const password = get('P');
  if (password !== undefined && password !== '' && security?.toLowerCase() !== 'nopass') fields.push({ name: 'password', value: password, copy: true });
  if (security) fields.push({ name: 'security', value: security, copy: false });
  if (get('H')?.toLowerCase() === 'true') fields.push({ name: 'hidden', value: 'true', copy: false });
  return { kind: 'wifi', fields };
}

const MECARD_FIELDS: Record<string, FieldName> = { N: 'name', TEL: 'phone', EMAIL: 'email', ADR: 'address', URL: 'url', NOTE: 'note', ORG: 'org', BDAY: 'birthday' };

function mecard(body: string): CodeFields | null {
  const pairs = splitPairs(body);
  if (!pairs) return null;
  const fields: CodeField[] = [];
  for (const [key, raw] of pairs) {
    const name = MECARD_FIELDS[key];
    if (!name || !raw) continue;
    // "Doe,John" is family name, given name: shown as a person says it.
    const value = name === 'name' && raw.includes(',') ? raw.split(',').reverse().join(' ').trim() : raw;
    fields.push({ name, value, copy: name !== 'note' });
  }
  return fields.length > 0 ? { kind: 'contact', fields } : null;
}

function tel(body: string): CodeFields | null {
  const number = decode(body)?.trim();
  return number && /^[+\d][\d\s().\-/*#pw]*$/i.test(number) ? { kind: 'phone', fields: [{ name: 'phone', value: number, copy: true }] } : null;
}

function mailto(body: string): CodeFields | null {
  const [to = '', query = ''] = body.split(/\?(.*)/s, 2);
  const address = decode(to);
  if (address === null) return null;
  const fields: CodeField[] = address
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .map((value) => ({ name: 'email', value, copy: true }));
  for (const part of query.split('&')) {
    const [key = '', value = ''] = part.split(/=(.*)/s, 2);
    const name = ({ subject: 'subject', body: 'body', cc: 'cc', bcc: 'bcc' } as const)[key.toLowerCase() as 'subject'];
    const decoded = decode(value.replace(/\+/g, '%20'));
    if (name && decoded) fields.push({ name, value: decoded, copy: name !== 'subject' && name !== 'body' });
  }
  return fields.some((f) => f.name === 'email') ? { kind: 'email', fields } : null;
}

const SCHEMES: Array<[string, (body: string) => CodeFields | null]> = [
  ['WIFI:', wifi],
  ['MECARD:', mecard],
  ['TEL:', tel],
  ['MAILTO:', mailto],
];

export function codeFields(text: string): CodeFields | null {
  const trimmed = text.trim();
  for (const [scheme, parse] of SCHEMES) {
    if (trimmed.slice(0, scheme.length).toUpperCase() === scheme) return parse(trimmed.slice(scheme.length));
  }
  return null;
}

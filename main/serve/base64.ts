/**
 * Base64 as the APIs take it, strictly: Node's Buffer.from(text, 'base64') skips whatever is not of the alphabet and
 * decodes the rest, so a mangled string would become a garbled image and a confusing error further on. Here such a
 * string is refused, saying where it goes wrong. Accepted: the standard alphabet (RFC 4648, section 4) with or
 * without its '=' padding, line breaks and spaces anywhere (`base64` without -w0 wraps at 76 columns), and a
 * data: URL's prefix ("data:image/png;base64,"), which Umi-OCR's documentation says is not needed, not that it is
 * refused: a browser's FileReader gives it, so a script may well send it.
 */
export type Decoded = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const DATA_URL = /^data:[a-z0-9.+-]+\/[a-z0-9.+-]+(?:;[a-z0-9.+-]+=[^;,]*)*;base64,/i;

export function decodeBase64(text: string): Decoded {
  const body = text.replace(DATA_URL, '').replace(/[\s]+/g, '');
  if (body.length === 0) return { ok: false, reason: 'the base64 string is empty' };
  const bad = /[^A-Za-z0-9+/=]/.exec(body);
  if (bad) return { ok: false, reason: `the base64 string holds ${JSON.stringify(bad[0])} at ${bad.index + 1}, which base64 does not use` };
  const padding = /=+$/.exec(body)?.[0].length ?? 0;
  const data = body.slice(0, body.length - padding);
  if (data.includes('=')) return { ok: false, reason: "the base64 string has '=' before its end" };
  if (padding > 2 || (padding > 0 && body.length % 4 !== 0)) return { ok: false, reason: "the base64 string's '=' padding is wrong" };
  if (data.length % 4 === 1) return { ok: false, reason: 'the base64 string is cut short (its length is not that of any bytes)' };
  return { ok: true, bytes: Buffer.from(data, 'base64') };
}

/**
 * The API key taken out of any text a server sent (a message, a request id, a header), in every form it can come
 * back in (bad-input review 2, M1): as it is, and inside base64 or base64url at any byte offset. A server that echoes
 * "Authorization: Bearer KEY" encoded puts the key at byte 7 of what it encodes, and base64's characters then fall
 * on other boundaries than the key's own encoding: the key's bytes at offset 0, 1 and 2 of a 3-byte group give three
 * different strings, and only the characters made of key bits alone are the same wherever it sits (RFC 4648, 4 and 5).
 * Each form is matched by any WINDOW of its characters, so a key cut short (a message truncated, a key less its last
 * character) is found as well as a whole one, and the whole run of key-like characters around a match is removed.
 * Redact before truncating: a cut through the key leaves a part no whole-key search finds.
 */

/** Characters of a form that are enough to say the key is there (a random key's 10 never occur by chance). */
const WINDOW = 10;
/** The shortest encoded form looked for. */
const MIN_ENCODED = 8;
/** What a run of these around a match is taken out with: the key's own characters and both base64 alphabets. */
const RUN = /[A-Za-z0-9+/=_-]/;
export const REDACTED = '[API key]';

/** The characters of `secret`'s base64 that are made of its bits alone, when it starts `offset` bytes into a group. */
function alignedBase64(secret: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString('base64').replace(/=+$/, '');
  const first = Math.ceil((offset * 8) / 6);
  const end = Math.floor(((offset + secret.length) * 8) / 6);
  return encoded.slice(first, end);
}

/** Every form of the secret a text may hold it in. */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = [0, 1, 2].map((offset) => alignedBase64(bytes, offset));
  const base64url = base64.map((form) => form.replace(/\+/g, '-').replace(/\//g, '_'));
  // An encoded form of a few characters would match ordinary text (a four-character key's middle is two or three):
  // a key that short is matched as it is only.
  return [secret, ...[...base64, ...base64url].filter((form) => form.length >= MIN_ENCODED)];
}

const cache = new Map<string, Map<number, Set<string>>>();

/** The forms' windows, by window length (a form shorter than WINDOW is its own window). */
function windowsOf(secret: string): Map<number, Set<string>> {
  let windows = cache.get(secret);
  if (windows) return windows;
  windows = new Map();
  for (const form of formsOf(secret)) {
    const size = Math.min(WINDOW, form.length);
    const set = windows.get(size) ?? new Set<string>();
    for (let i = 0; i + size <= form.length; i++) set.add(form.slice(i, i + size));
    windows.set(size, set);
  }
  if (cache.size > 8) cache.clear();
  cache.set(secret, windows);
  return windows;
}

/** `text` with the secret, in any of its forms or any WINDOW of one, replaced by [API key]. */
export function redactSecret(text: string, secret: string | undefined): string {
  // A secret of a few characters cannot be told from ordinary text; such keys are not real ones.
  if (!secret || secret.length < 4 || text.length === 0) return text;
  const marked = new Uint8Array(text.length);
  let found = false;
  for (const [size, set] of windowsOf(secret)) {
    for (let i = 0; i + size <= text.length; i++) {
      if (set.has(text.slice(i, i + size))) {
        marked.fill(1, i, i + size);
        found = true;
      }
    }
  }
  if (!found) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (!marked[i]) {
      out += text[i];
      i++;
      continue;
    }
    // The run of key-like characters around the match goes with it: what is left beside a match is key too.
    let start = i;
    while (start > 0 && RUN.test(text[start - 1]!) && !marked[start - 1]) start--;
    out = out.slice(0, out.length - (i - start));
    let end = i;
    while (end < text.length && (marked[end] || RUN.test(text[end]!))) end++;
    out += REDACTED;
    i = end;
  }
  return out;
}

/**
 * Redacted, then cut to `max` characters with the count of the rest: in that order, so no part of a key survives the
 * cut. Only what can be shown needs searching, and a margin past it that holds any form of the key whole.
 */
export function redactAndTruncate(text: string, max: number, secret: string | undefined): string {
  const searched = max + (secret ? secret.length * 2 + WINDOW : 0);
  const head = redactSecret(text.length > searched ? text.slice(0, searched) : text, secret);
  const more = Math.max(0, text.length - searched) + Math.max(0, head.length - max);
  return more > 0 ? `${head.slice(0, max)}… (${more} more characters)` : head;
}

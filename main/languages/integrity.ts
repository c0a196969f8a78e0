/**
 * Subresource Integrity strings (`sha512-<base64>`, what npm's registry publishes as dist.integrity): parsed, and
 * checked against bytes. Only sha512 is taken: the pins are sha512, and a weaker hash is not a pin.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface Integrity {
  algorithm: 'sha512';
  digest: Buffer;
}

const SHA512_BYTES = 64;

/** A single `sha512-<base64>`, or null for anything else (another algorithm, a wrong length, stray characters). */
export function parseIntegrity(text: string): Integrity | null {
  const match = /^sha512-([A-Za-z0-9+/]{86}==)$/.exec(text.trim());
  if (!match) return null;
  const digest = Buffer.from(match[1]!, 'base64');
  return digest.length === SHA512_BYTES ? { algorithm: 'sha512', digest } : null;
}

export function integrityOf(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** Whether `bytes` are exactly what `pinned` names. A pin that does not parse matches nothing. */
export function matchesIntegrity(bytes: Uint8Array, pinned: string): boolean {
  const expected = parseIntegrity(pinned);
  if (!expected) return false;
  return timingSafeEqual(createHash('sha512').update(bytes).digest(), expected.digest);
}

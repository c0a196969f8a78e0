/** ICO and CUR through decode-ico; the largest, deepest entry wins. PNG entries go on to sharp. */
import { createRequire } from 'node:module';
import { DecodeFailure, type DecodeLimits, type Decoded } from './types.ts';

interface IcoEntry {
  width: number;
  height: number;
  bpp: number;
  type: 'bmp' | 'png';
  data: Uint8Array | Uint8ClampedArray;
}

const decodeIco = createRequire(import.meta.url)('decode-ico') as (source: Uint8Array) => IcoEntry[];

export function decodeIcon(bytes: Uint8Array, limits: DecodeLimits): Decoded {
  let entries: IcoEntry[];
  try {
    entries = decodeIco(bytes);
  } catch (error) {
    throw new DecodeFailure('image-corrupt', `the icon is damaged (${error instanceof Error ? error.message : 'unreadable'})`);
  }
  // ICO entries are at most 256 x 256, so the pixel limit cannot be reached; the check keeps the contract anyway.
  const best = entries
    .filter((e) => e.width * e.height <= limits.maxPixels)
    .sort((a, b) => b.width * b.height - a.width * a.height || b.bpp - a.bpp)[0];
  if (!best) throw new DecodeFailure('image-corrupt', 'the icon holds no images');
  if (best.type === 'png') return { kind: 'encoded', data: new Uint8Array(best.data) };
  return {
    kind: 'raw',
    image: { data: new Uint8Array(best.data.buffer, best.data.byteOffset, best.data.byteLength), width: best.width, height: best.height, channels: 4 },
  };
}

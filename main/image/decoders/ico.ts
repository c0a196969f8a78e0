/**
 * ICO and CUR. The directory is read here and only the chosen entry is decoded (bad-input review H2): decode-ico
 * decodes every entry it is given, so a 1 MB file whose 65,535 entries all point at one bitmap once took gigabytes.
 * The best entry (largest, then deepest) is copied into a one-entry icon for decode-ico when it is a bitmap, after
 * its own header's size is checked; a PNG entry goes on to sharp, which checks its own.
 */
import { createRequire } from 'node:module';
import { ByteReader, DecodeFailure, assertDimensions, type DecodeLimits, type Decoded } from './types.ts';

interface IcoEntry {
  width: number;
  height: number;
  bpp: number;
  type: 'bmp' | 'png';
  data: Uint8Array | Uint8ClampedArray;
}

const decodeIco = createRequire(import.meta.url)('decode-ico') as (source: Uint8Array) => IcoEntry[];

/** Far more than any real icon has (Windows' own hold under 20); a directory past it is refused as damaged. */
export const MAX_ICON_ENTRIES = 256;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

interface DirectoryEntry {
  width: number;
  height: number;
  bpp: number;
  size: number;
  offset: number;
}

function directory(bytes: Uint8Array): DirectoryEntry[] {
  const reader = new ByteReader(bytes, true);
  const count = reader.u16(4);
  if (count === 0) throw new DecodeFailure('image-corrupt', 'the icon holds no images');
  if (count > MAX_ICON_ENTRIES) throw new DecodeFailure('image-corrupt', `the icon claims ${count} images, more than any real icon has (the file is damaged or hostile)`);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + i * 16;
    return { width: reader.u8(at) || 256, height: reader.u8(at + 1) || 256, bpp: reader.u16(at + 6), size: reader.u32(at + 8), offset: reader.u32(at + 12) };
  });
}

export function decodeIcon(bytes: Uint8Array, limits: DecodeLimits): Decoded {
  const entries = directory(bytes).filter((e) => e.size > 0 && e.offset >= 6 && e.offset + e.size <= bytes.length);
  const best = entries.sort((a, b) => b.width * b.height - a.width * a.height || b.bpp - a.bpp)[0];
  if (!best) throw new DecodeFailure('image-corrupt', 'the icon’s images lie outside the file (it is truncated or damaged)');
  const data = bytes.subarray(best.offset, best.offset + best.size);
  if (PNG_SIGNATURE.every((byte, i) => data[i] === byte)) return { kind: 'encoded', data: new Uint8Array(data) };
  // The bitmap's own header (BITMAPINFOHEADER) is what decode-ico sizes its buffers by; the height counts the mask.
  const header = new ByteReader(data, true);
  const width = header.i32(4);
  const height = Math.abs(header.i32(8)) / 2;
  assertDimensions(width, Math.ceil(height), limits);
  // A one-entry icon around the chosen bitmap: reserved 0, the file's own type (icon or cursor), one entry at 22.
  const single = new Uint8Array(6 + 16 + data.length);
  const view = new DataView(single.buffer);
  view.setUint16(2, new ByteReader(bytes, true).u16(2), true);
  view.setUint16(4, 1, true);
  view.setUint8(6, best.width & 0xff);
  view.setUint8(7, best.height & 0xff);
  view.setUint16(6 + 4, 1, true);
  view.setUint16(6 + 6, best.bpp, true);
  view.setUint32(6 + 8, data.length, true);
  view.setUint32(6 + 12, 22, true);
  single.set(data, 22);
  let decoded: IcoEntry[];
  try {
    decoded = decodeIco(single);
  } catch (error) {
    throw new DecodeFailure('image-corrupt', `the icon is damaged (${error instanceof Error ? error.message : 'unreadable'})`);
  }
  const image = decoded[0];
  if (!image) throw new DecodeFailure('image-corrupt', 'the icon holds no images');
  if (image.type === 'png') return { kind: 'encoded', data: new Uint8Array(image.data) };
  return { kind: 'raw', image: { data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength), width: image.width, height: image.height, channels: 4 } };
}

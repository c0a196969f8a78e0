/**
 * BMP and DIB (with or without the 14-byte file header, as on the Windows clipboard).
 * Our own decoder: the npm ones either lack top-down rows, bit fields and RLE (decode-bmp), are unmaintained
 * (bmp-js) or swap channels for palette and RLE images (bmp-ts). Covers 1/4/8-bit palettes, RLE4/RLE8,
 * 16/32-bit bit fields with alpha, 24-bit, and embedded PNG/JPEG payloads.
 */
import { assertDimensions, ByteReader, DecodeFailure, type DecodeLimits, type Decoded } from './types.ts';

const BI_RGB = 0;
const BI_RLE8 = 1;
const BI_RLE4 = 2;
const BI_BITFIELDS = 3;
const BI_JPEG = 4;
const BI_PNG = 5;
const BI_ALPHABITFIELDS = 6;

interface Header {
  width: number;
  height: number;
  topDown: boolean;
  bitCount: number;
  compression: number;
  masks: [number, number, number, number];
  palette: Uint8Array; // RGBA entries
  pixelOffset: number;
  pixelLength: number;
}

interface Channel {
  mask: number;
  shift: number;
  max: number;
}

function channel(mask: number): Channel {
  if (mask === 0) return { mask: 0, shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1 && bits < 32) bits++;
  return { mask: mask >>> 0, shift, max: 2 ** bits - 1 };
}

const sample = (value: number, c: Channel): number => Math.round((((value & c.mask) >>> c.shift) * 255) / c.max);

function readHeader(reader: ByteReader, infoOffset: number, fileHeader: boolean): Header {
  const headerSize = reader.u32(infoOffset);
  const core = headerSize === 12;
  if (!core && headerSize < 40) throw new DecodeFailure('image-corrupt', `unknown BMP header size ${headerSize}`);
  const width = core ? reader.u16(infoOffset + 4) : reader.i32(infoOffset + 4);
  const rawHeight = core ? reader.u16(infoOffset + 6) : reader.i32(infoOffset + 8);
  const bitCount = core ? reader.u16(infoOffset + 10) : reader.u16(infoOffset + 14);
  const compression = core ? BI_RGB : reader.u32(infoOffset + 16);
  const colorsUsed = core ? 0 : reader.u32(infoOffset + 32);

  let cursor = infoOffset + headerSize;
  const defaults: Record<number, [number, number, number, number]> = {
    16: [0x7c00, 0x03e0, 0x001f, 0],
    32: [0x00ff0000, 0x0000ff00, 0x000000ff, 0],
  };
  let masks = defaults[bitCount] ?? [0, 0, 0, 0];
  if (compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) {
    const inHeader = headerSize >= 52;
    const at = inHeader ? infoOffset + 40 : cursor;
    const hasAlpha = compression === BI_ALPHABITFIELDS || headerSize >= 56;
    masks = [reader.u32(at), reader.u32(at + 4), reader.u32(at + 8), hasAlpha ? reader.u32(at + 12) : 0];
    if (!inHeader) cursor += compression === BI_ALPHABITFIELDS ? 16 : 12;
  } else if (bitCount === 32 && headerSize >= 56 && compression === BI_RGB) {
    // V4/V5 headers carry an alpha mask even for BI_RGB; writers use it for 32-bit BGRA.
    const alpha = reader.u32(infoOffset + 52);
    if (alpha) masks = [0x00ff0000, 0x0000ff00, 0x000000ff, alpha];
  }

  const entrySize = core ? 3 : 4;
  const paletteCount = bitCount <= 8 ? Math.min(colorsUsed || 2 ** bitCount, 256) : 0;
  const palette = new Uint8Array(256 * 4);
  for (let i = 0; i < paletteCount; i++) {
    const at = cursor + i * entrySize;
    palette.set([reader.u8(at + 2), reader.u8(at + 1), reader.u8(at), 255], i * 4);
  }
  cursor += paletteCount * entrySize;

  const pixelOffset = fileHeader ? reader.u32(10) : cursor;
  return {
    width,
    height: Math.abs(rawHeight),
    topDown: rawHeight < 0,
    bitCount,
    compression,
    masks,
    palette,
    pixelOffset,
    pixelLength: reader.bytes.length - pixelOffset,
  };
}

function decodeUncompressed(reader: ByteReader, h: Header, out: Uint8Array): void {
  const stride = Math.floor((h.bitCount * h.width + 31) / 32) * 4;
  reader.require(h.pixelOffset, stride * h.height);
  const [r, g, b, a] = h.masks.map(channel) as [Channel, Channel, Channel, Channel];
  let anyAlpha = false;
  for (let row = 0; row < h.height; row++) {
    const y = h.topDown ? row : h.height - 1 - row;
    const line = h.pixelOffset + row * stride;
    for (let x = 0; x < h.width; x++) {
      const o = (y * h.width + x) * 4;
      switch (h.bitCount) {
        case 1:
        case 2:
        case 4:
        case 8: {
          const perByte = 8 / h.bitCount;
          const byte = reader.bytes[line + Math.floor(x / perByte)]!;
          const shift = 8 - h.bitCount * ((x % perByte) + 1);
          const index = (byte >> shift) & (2 ** h.bitCount - 1);
          out.set(h.palette.subarray(index * 4, index * 4 + 4), o);
          break;
        }
        case 24: {
          const p = line + x * 3;
          out[o] = reader.bytes[p + 2]!;
          out[o + 1] = reader.bytes[p + 1]!;
          out[o + 2] = reader.bytes[p]!;
          out[o + 3] = 255;
          break;
        }
        case 16:
        case 32: {
          const p = line + x * (h.bitCount / 8);
          const v = h.bitCount === 16 ? reader.view.getUint16(p, true) : reader.view.getUint32(p, true);
          out[o] = sample(v, r);
          out[o + 1] = sample(v, g);
          out[o + 2] = sample(v, b);
          const alpha = a.mask ? sample(v, a) : 255;
          out[o + 3] = alpha;
          if (alpha !== 0) anyAlpha = true;
          break;
        }
        default:
          throw new DecodeFailure('image-unsupported', `BMP with ${h.bitCount} bits per pixel is not supported`);
      }
    }
  }
  // Many writers leave the alpha byte zero; an image that is wholly transparent was never meant to be.
  if (h.masks[3] && !anyAlpha) for (let i = 3; i < out.length; i += 4) out[i] = 255;
}

function decodeRle(reader: ByteReader, h: Header, out: Uint8Array): void {
  const four = h.compression === BI_RLE4;
  let x = 0;
  let row = 0;
  let p = h.pixelOffset;
  const put = (index: number): void => {
    if (x < h.width && row < h.height) {
      const y = h.topDown ? row : h.height - 1 - row;
      out.set(h.palette.subarray(index * 4, index * 4 + 4), (y * h.width + x) * 4);
    }
    x++;
  };
  while (row < h.height) {
    const count = reader.u8(p);
    const value = reader.u8(p + 1);
    p += 2;
    if (count > 0) {
      for (let i = 0; i < count; i++) put(four ? (i % 2 === 0 ? value >> 4 : value & 15) : value);
    } else if (value === 0) {
      x = 0;
      row++;
    } else if (value === 1) {
      return;
    } else if (value === 2) {
      x += reader.u8(p);
      row += reader.u8(p + 1);
      p += 2;
    } else {
      const bytes = four ? Math.ceil(value / 2) : value;
      reader.require(p, bytes);
      for (let i = 0; i < value; i++) {
        const byte = reader.bytes[p + (four ? i >> 1 : i)]!;
        put(four ? (i % 2 === 0 ? byte >> 4 : byte & 15) : byte);
      }
      p += bytes + (bytes % 2);
    }
  }
}

/** `headerless` is a clipboard DIB: the info header comes first and the pixels follow the palette. */
/** The size a BMP declares, from its header alone. */
export function bmpSize(bytes: Uint8Array, options: { headerless?: boolean } = {}): { width: number; height: number } {
  const header = readHeader(new ByteReader(bytes, true), options.headerless ? 0 : 14, !options.headerless);
  return { width: header.width, height: header.height };
}

export function decodeBmp(bytes: Uint8Array, limits: DecodeLimits, options: { headerless?: boolean } = {}): Decoded {
  const reader = new ByteReader(bytes, true);
  const header = readHeader(reader, options.headerless ? 0 : 14, !options.headerless);
  if (header.compression === BI_JPEG || header.compression === BI_PNG) {
    reader.require(header.pixelOffset, 1);
    return { kind: 'encoded', data: bytes.subarray(header.pixelOffset) };
  }
  assertDimensions(header.width, header.height, limits);
  const out = new Uint8Array(header.width * header.height * 4);
  if (header.compression === BI_RLE8 || header.compression === BI_RLE4) decodeRle(reader, header, out);
  else if ([BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS].includes(header.compression)) decodeUncompressed(reader, header, out);
  else throw new DecodeFailure('image-unsupported', `BMP compression type ${header.compression} is not supported`);
  return { kind: 'raw', image: { data: out, width: header.width, height: header.height, channels: 4 } };
}

/**
 * Apple ICNS. Our own reader: the container is a flat list of typed chunks, and the npm parsers stop there.
 * Modern chunks hold PNG or JPEG 2000 (handed on); older ones hold RLE-packed RGB with a separate 8-bit mask.
 */
import { assertDimensions, ByteReader, DecodeFailure, type DecodeLimits, type Decoded } from './types.ts';

const ENCODED_SIZES: Record<string, number> = {
  icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024,
  ic11: 32, ic12: 64, ic13: 256, ic14: 512, ic04: 16, ic05: 32,
};
const RLE_SIZES: Record<string, { size: number; mask: string }> = {
  is32: { size: 16, mask: 's8mk' },
  il32: { size: 32, mask: 'l8mk' },
  ih32: { size: 48, mask: 'h8mk' },
  it32: { size: 128, mask: 't8mk' },
};

interface Chunk {
  type: string;
  data: Uint8Array;
}

function readChunks(bytes: Uint8Array): Chunk[] {
  const reader = new ByteReader(bytes, false);
  const total = Math.min(reader.u32(4), bytes.length);
  const chunks: Chunk[] = [];
  for (let p = 8; p + 8 <= total; ) {
    const type = String.fromCharCode(...bytes.subarray(p, p + 4));
    const length = reader.u32(p + 4);
    if (length < 8) throw new DecodeFailure('image-corrupt', 'the icon has a damaged chunk');
    reader.require(p, length);
    chunks.push({ type, data: bytes.subarray(p + 8, p + length) });
    p += length;
  }
  return chunks;
}

/** PackBits-like: a byte < 0x80 copies n+1 literal bytes, otherwise repeats the next byte n-0x80+3 times. */
function unpackChannel(data: Uint8Array, start: number, count: number): { values: Uint8Array; next: number } {
  const values = new Uint8Array(count);
  let p = start;
  let n = 0;
  while (n < count) {
    if (p >= data.length) throw new DecodeFailure('image-corrupt', 'an icon image ends early');
    const control = data[p++]!;
    if (control < 0x80) {
      const run = Math.min(control + 1, count - n);
      if (p + run > data.length) throw new DecodeFailure('image-corrupt', 'an icon image ends early');
      values.set(data.subarray(p, p + run), n);
      p += control + 1;
      n += run;
    } else {
      const run = Math.min(control - 0x80 + 3, count - n);
      values.fill(data[p++]!, n, n + run);
      n += run;
    }
  }
  return { values, next: p };
}

function decodeRleChunk(chunk: Chunk, size: number, mask: Chunk | undefined): Decoded {
  const pixels = size * size;
  // it32 data starts with four zero bytes.
  let p = chunk.type === 'it32' ? 4 : 0;
  const out = new Uint8Array(pixels * 4).fill(255);
  if (chunk.data.length === pixels * 3) {
    for (let i = 0; i < pixels; i++) out.set(chunk.data.subarray(i * 3, i * 3 + 3), i * 4);
  } else {
    for (let c = 0; c < 3; c++) {
      const { values, next } = unpackChannel(chunk.data, p, pixels);
      p = next;
      for (let i = 0; i < pixels; i++) out[i * 4 + c] = values[i]!;
    }
  }
  if (mask && mask.data.length >= pixels) for (let i = 0; i < pixels; i++) out[i * 4 + 3] = mask.data[i]!;
  return { kind: 'raw', image: { data: out, width: size, height: size, channels: 4 } };
}

const PNG = [0x89, 0x50, 0x4e, 0x47];

/** The largest chunk first; the caller falls back to the next when one cannot be decoded. */
export function icnsCandidates(bytes: Uint8Array, limits: DecodeLimits): Array<() => Decoded> {
  const chunks = readChunks(bytes);
  const candidates = chunks
    .map((chunk) => ({ chunk, size: ENCODED_SIZES[chunk.type] ?? RLE_SIZES[chunk.type]?.size ?? 0 }))
    .filter((c) => c.size > 0)
    .sort((a, b) => b.size - a.size);
  const decoded: Array<() => Decoded> = [];
  for (const { chunk, size } of candidates) {
    const head = chunk.data.subarray(0, 4);
    const rle = RLE_SIZES[chunk.type];
    if (PNG.every((b, i) => head[i] === b)) decoded.push(() => ({ kind: 'encoded', data: chunk.data }));
    else if ((head[0] === 0x00 && head[3] === 0x0c) || (head[0] === 0xff && head[1] === 0x4f)) {
      decoded.push(() => ({ kind: 'encoded', data: chunk.data }));
    } else if (rle) {
      assertDimensions(size, size, limits);
      decoded.push(() => decodeRleChunk(chunk, size, chunks.find((c) => c.type === rle.mask)));
    }
  }
  if (decoded.length === 0) throw new DecodeFailure('image-unsupported', 'the icon holds no image Readout can read');
  return decoded;
}

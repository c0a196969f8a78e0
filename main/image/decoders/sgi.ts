/**
 * SGI (.sgi, .rgb, .bw): verbatim and RLE, 8 or 16 bits per channel, 1 to 4 channels.
 * Our own: no maintained SGI decoder exists on npm. 16-bit samples keep their high byte.
 */
import { assertDimensions, ByteReader, DecodeFailure, type DecodeLimits, type Decoded } from './types.ts';

const HEADER_SIZE = 512;

/** The size an SGI image declares, from its header alone; every channel counts (they are decoded together). */
export function sgiSize(bytes: Uint8Array): { width: number; height: number } {
  const reader = new ByteReader(bytes, false);
  const dimension = reader.u16(4);
  return { width: reader.u16(6), height: (dimension === 1 ? 1 : reader.u16(8)) * (dimension === 3 ? Math.max(1, Math.ceil(reader.u16(10) / 4)) : 1) };
}

export function decodeSgi(bytes: Uint8Array, limits: DecodeLimits): Decoded {
  const reader = new ByteReader(bytes, false);
  if (reader.u16(0) !== 474) throw new DecodeFailure('image-corrupt', 'not an SGI image (bad magic number)');
  const rle = reader.u8(2) === 1;
  const bytesPerSample = reader.u8(3);
  const dimension = reader.u16(4);
  const width = reader.u16(6);
  const height = dimension === 1 ? 1 : reader.u16(8);
  const depth = dimension === 3 ? reader.u16(10) : 1;
  if (bytesPerSample !== 1 && bytesPerSample !== 2) {
    throw new DecodeFailure('image-corrupt', `SGI image with ${bytesPerSample} bytes per sample`);
  }
  if (depth < 1 || depth > 4) throw new DecodeFailure('image-unsupported', `SGI image with ${depth} channels`);
  assertDimensions(width, height, limits);

  const channels = depth as 1 | 2 | 3 | 4;
  const out = new Uint8Array(width * height * channels);
  const read = (offset: number): number => (bytesPerSample === 1 ? reader.u8(offset) : reader.u16(offset) >> 8);
  const store = (x: number, row: number, c: number, value: number): void => {
    // Rows are stored bottom to top.
    out[((height - 1 - row) * width + x) * channels + c] = value;
  };

  for (let c = 0; c < channels; c++) {
    for (let row = 0; row < height; row++) {
      if (!rle) {
        const start = HEADER_SIZE + ((c * height + row) * width) * bytesPerSample;
        reader.require(start, width * bytesPerSample);
        for (let x = 0; x < width; x++) store(x, row, c, read(start + x * bytesPerSample));
        continue;
      }
      let p = reader.u32(HEADER_SIZE + (c * height + row) * 4);
      let x = 0;
      for (;;) {
        const raw = (bytesPerSample === 1 ? reader.u8(p) : reader.u16(p)) & 0xff;
        p += bytesPerSample;
        const count = raw & 0x7f;
        if (count === 0) break;
        if (x + count > width) throw new DecodeFailure('image-corrupt', 'an SGI RLE row runs past the image width');
        if (raw & 0x80) {
          for (let i = 0; i < count; i++, p += bytesPerSample) store(x++, row, c, read(p));
        } else {
          const value = read(p);
          p += bytesPerSample;
          for (let i = 0; i < count; i++) store(x++, row, c, value);
        }
      }
    }
  }
  return { kind: 'raw', image: { data: out, width, height, channels } };
}

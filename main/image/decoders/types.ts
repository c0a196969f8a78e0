import type { ImageErrorCode } from '../errors.ts';

/** Pixels a decoder produced itself, interleaved 8-bit samples. */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** Either pixels, or bytes in a format sharp reads (an ICO or ICNS entry that holds a PNG, say). */
/** `fullSize`: the image's own size where the decoder gave a reduced one (JPEG 2000 resolution levels). */
export type Decoded = { kind: 'raw'; image: RawImage; fullSize?: { width: number; height: number } } | { kind: 'encoded'; data: Uint8Array };

export interface DecodeLimits {
  /** Refuse anything with more pixels than this before allocating for it. */
  maxPixels: number;
}

/** Thrown by decoders; the pipeline adds the file name. */
export class DecodeFailure extends Error {
  readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, reason: string) {
    super(reason);
    this.name = 'DecodeFailure';
    this.code = code;
  }
}

export function assertDimensions(width: number, height: number, limits: DecodeLimits): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new DecodeFailure('image-corrupt', `the header gives an impossible size (${width} x ${height})`);
  }
  if (width * height > limits.maxPixels) {
    throw new DecodeFailure(
      'image-too-many-pixels',
      `the image is ${width} x ${height} pixels, more than the ${formatMegapixels(limits.maxPixels)} Readout accepts`,
    );
  }
}

export function formatMegapixels(pixels: number): string {
  return `${Math.round(pixels / 1e5) / 10} megapixels`;
}

/** A bounds-checked reader: a truncated file becomes a clear error, never a RangeError deep in a loop. */
export class ByteReader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly littleEndian: boolean;

  constructor(bytes: Uint8Array, littleEndian: boolean) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.littleEndian = littleEndian;
  }

  require(offset: number, length: number): void {
    if (offset < 0 || offset + length > this.bytes.length) {
      throw new DecodeFailure('image-corrupt', 'the file is truncated or damaged (data ends early)');
    }
  }

  u8(offset: number): number {
    this.require(offset, 1);
    return this.bytes[offset]!;
  }

  u16(offset: number): number {
    this.require(offset, 2);
    return this.view.getUint16(offset, this.littleEndian);
  }

  u32(offset: number): number {
    this.require(offset, 4);
    return this.view.getUint32(offset, this.littleEndian);
  }

  i32(offset: number): number {
    this.require(offset, 4);
    return this.view.getInt32(offset, this.littleEndian);
  }
}

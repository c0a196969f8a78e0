/**
 * JPEG 2000 (JP2 files and raw J2K codestreams) through OpenJPEG compiled to WebAssembly
 * (@cornerstonejs/codec-openjpeg): sharp's prebuilt libvips has no OpenJPEG.
 */
import { createRequire } from 'node:module';
import { assertDimensions, ByteReader, DecodeFailure, type DecodeLimits, type Decoded } from './types.ts';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): FrameInfo;
  decode(): void;
  /** Decodes `level` resolution levels down (each halves both sides); getFrameInfo still gives the full size. */
  decodeSubResolution(level: number, layer: number): void;
  delete(): void;
}

/**
 * Past this many pixels a JPEG 2000 image is decoded at a lower resolution level (each halves both sides), which the
 * wavelet gives for free: OpenJPEG holds 4 bytes per sample while decoding, and its WebAssembly memory never shrinks,
 * so a 100-megapixel image decoded whole would keep a gigabyte or more for the life of the process (review M2). The
 * upload is at most a few megapixels, so nothing is lost.
 */
export const J2K_FULL_DECODE_PIXELS = 16_000_000;

interface OpenJpegModule {
  J2KDecoder: new () => J2KDecoder;
}

type OpenJpegFactory = (module: { print: () => void; printErr: () => void }) => Promise<OpenJpegModule>;

let codec: Promise<OpenJpegModule> | undefined;

function loadCodec(): Promise<OpenJpegModule> {
  // The module prints progress lines to stdout unless told not to, which would corrupt `readout --json`.
  codec ??= (createRequire(import.meta.url)('@cornerstonejs/codec-openjpeg/decodewasmjs') as OpenJpegFactory)({
    print: () => {},
    printErr: () => {},
  });
  return codec;
}

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];

/**
 * The codestream OpenJPEG will decode: a raw J2K file as it is, or the contents of a JP2 file's jp2c box, found by
 * walking the boxes from the start (ISO/IEC 15444-1 Annex I: LBox, TBox, XLBox when LBox is 1, to the end when 0).
 * Only that codestream is handed to the decoder, so the size checked below is the size decoded: a decoy SIZ marker
 * in an earlier box once let a 105-megapixel image through (bad-input review M1).
 */
function codestream(bytes: Uint8Array): Uint8Array {
  if (!JP2_SIGNATURE.every((byte, i) => bytes[i] === byte)) return bytes;
  const reader = new ByteReader(bytes, false);
  for (let at = 0; at + 8 <= bytes.length; ) {
    let length = reader.u32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    let header = 8;
    if (length === 1) {
      length = Number(reader.view.getBigUint64(at + 8, false));
      header = 16;
    } else if (length === 0) {
      length = bytes.length - at;
    }
    if (length < header || at + length > bytes.length) break;
    if (type === 'jp2c') return bytes.subarray(at + header, at + length);
    at += length;
  }
  throw new DecodeFailure('image-corrupt', 'no JPEG 2000 codestream found (the file is damaged)');
}

/** The number of wavelet decomposition levels, from the COD marker of the main header (ISO/IEC 15444-1 A.6.1). */
function decompositionLevels(stream: Uint8Array): number {
  const reader = new ByteReader(stream, false);
  for (let at = 4 + reader.u16(4); at + 4 <= stream.length; ) {
    const marker = reader.u16(at);
    if (marker === 0xff90 || marker === 0xff93) break;
    if (marker === 0xff52) return reader.u8(at + 9);
    at += 2 + reader.u16(at + 2);
  }
  return 0;
}

/** How many levels down to decode so that the decoded image stays within J2K_FULL_DECODE_PIXELS. */
export function reductionFor(width: number, height: number, levels: number): number {
  let level = 0;
  while (level < levels && Math.ceil(width / 2 ** level) * Math.ceil(height / 2 ** level) > J2K_FULL_DECODE_PIXELS) level++;
  return level;
}

/** The size from the SIZ marker, which must follow SOC at the very start of the codestream. */
function codestreamSize(stream: Uint8Array): { width: number; height: number } {
  if (!(stream[0] === 0xff && stream[1] === 0x4f && stream[2] === 0xff && stream[3] === 0x51)) {
    throw new DecodeFailure('image-corrupt', 'the JPEG 2000 codestream does not start as the standard says (the file is damaged)');
  }
  const reader = new ByteReader(stream, false);
  return { width: reader.u32(8) - reader.u32(16), height: reader.u32(12) - reader.u32(20) };
}

/** The size a JPEG 2000 file will be decoded at: its codestream's, reduced as decodeJpeg2000 reduces it. */
export function jpeg2000DecodeSize(bytes: Uint8Array): { width: number; height: number } {
  const stream = codestream(bytes);
  const { width, height } = codestreamSize(stream);
  const level = reductionFor(width, height, decompositionLevels(stream));
  return { width: Math.ceil(width / 2 ** level), height: Math.ceil(height / 2 ** level) };
}

export async function decodeJpeg2000(bytes: Uint8Array, limits: DecodeLimits): Promise<Decoded> {
  const stream = codestream(bytes);
  const { width, height } = codestreamSize(stream);
  assertDimensions(width, height, limits);
  const module = await loadCodec();
  const decoder = new module.J2KDecoder();
  try {
    decoder.getEncodedBuffer(stream.length).set(stream);
    const level = reductionFor(width, height, decompositionLevels(stream));
    try {
      if (level > 0) decoder.decodeSubResolution(level, 0);
      else decoder.decode();
    } catch {
      // OpenJPEG's wrapper throws (with no message) for damaged data and for layouts it cannot output.
      throw new DecodeFailure('image-corrupt', 'the JPEG 2000 data is truncated, damaged, or has a layout Readout cannot decode (such as an alpha channel)');
    }
    const full = decoder.getFrameInfo();
    // What was decoded must be what was checked; at a reduced level the decoded size is the full one halved.
    if (full.width * full.height > width * height) throw new DecodeFailure('image-corrupt', 'the JPEG 2000 data is larger than its header says (the file is damaged)');
    const info = { ...full, width: Math.ceil(full.width / 2 ** level), height: Math.ceil(full.height / 2 ** level) };
    const channels = info.componentCount;
    if (info.width === 0 || info.height === 0 || channels === 0) {
      throw new DecodeFailure('image-corrupt', 'the JPEG 2000 data is truncated or damaged');
    }
    if (channels !== 1 && channels !== 3) {
      throw new DecodeFailure('image-unsupported', `JPEG 2000 with ${channels} components (an alpha channel, say) is not supported`);
    }
    const decoded = decoder.getDecodedBuffer();
    const samples = info.width * info.height * channels;
    if (decoded.length < samples * (info.bitsPerSample <= 8 ? 1 : 2)) throw new DecodeFailure('image-corrupt', 'the JPEG 2000 data is truncated or damaged');
    const data = new Uint8Array(samples);
    if (info.bitsPerSample <= 8) {
      data.set(decoded.subarray(0, samples));
    } else {
      const wide = new Uint16Array(decoded.buffer, decoded.byteOffset, samples);
      const shift = info.bitsPerSample - 8;
      for (let i = 0; i < samples; i++) data[i] = wide[i]! >> shift;
    }
    return { kind: 'raw', image: { data, width: info.width, height: info.height, channels: channels as 1 | 3 }, fullSize: { width: full.width, height: full.height } };
  } finally {
    decoder.delete();
  }
}

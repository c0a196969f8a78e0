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
  delete(): void;
}

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

/** Reads the size from the SIZ marker so a huge image is refused before OpenJPEG allocates for it. */
function codestreamSize(bytes: Uint8Array): { width: number; height: number } {
  const reader = new ByteReader(bytes, false);
  const limit = Math.min(bytes.length - 4, 1 << 20);
  for (let i = 0; i < limit; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0x4f && bytes[i + 2] === 0xff && bytes[i + 3] === 0x51) {
      const siz = i + 4;
      return {
        width: reader.u32(siz + 4) - reader.u32(siz + 12),
        height: reader.u32(siz + 8) - reader.u32(siz + 16),
      };
    }
  }
  throw new DecodeFailure('image-corrupt', 'no JPEG 2000 codestream found (the file is damaged)');
}

export async function decodeJpeg2000(bytes: Uint8Array, limits: DecodeLimits): Promise<Decoded> {
  const { width, height } = codestreamSize(bytes);
  assertDimensions(width, height, limits);
  const module = await loadCodec();
  const decoder = new module.J2KDecoder();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    try {
      decoder.decode();
    } catch {
      // OpenJPEG's wrapper throws (with no message) for damaged data and for layouts it cannot output.
      throw new DecodeFailure('image-corrupt', 'the JPEG 2000 data is truncated, damaged, or has a layout Readout cannot decode (such as an alpha channel)');
    }
    const info = decoder.getFrameInfo();
    const channels = info.componentCount;
    if (info.width === 0 || info.height === 0 || channels === 0) {
      throw new DecodeFailure('image-corrupt', 'the JPEG 2000 data is truncated or damaged');
    }
    if (channels !== 1 && channels !== 3) {
      throw new DecodeFailure('image-unsupported', `JPEG 2000 with ${channels} components (an alpha channel, say) is not supported`);
    }
    const decoded = decoder.getDecodedBuffer();
    const samples = info.width * info.height * channels;
    const data = new Uint8Array(samples);
    if (info.bitsPerSample <= 8) {
      data.set(decoded.subarray(0, samples));
    } else {
      const wide = new Uint16Array(decoded.buffer, decoded.byteOffset, samples);
      const shift = info.bitsPerSample - 8;
      for (let i = 0; i < samples; i++) data[i] = wide[i]! >> shift;
    }
    return { kind: 'raw', image: { data, width: info.width, height: info.height, channels: channels as 1 | 3 } };
  } finally {
    decoder.delete();
  }
}

/**
 * Any supported file to upright, opaque, 8-bit sRGB pixels, decoded once. Formats sharp's prebuilt libvips lacks go
 * through our decoders first. Sizes are checked from headers before any pixel memory is taken.
 */
import sharp from 'sharp';
import { decodeBmp } from './decoders/bmp.ts';
import { icnsCandidates } from './decoders/icns.ts';
import { decodeIcon } from './decoders/ico.ts';
import { decodeJpeg2000 } from './decoders/jpeg2000.ts';
import { decodeSgi } from './decoders/sgi.ts';
import { assertDimensions, DecodeFailure, type DecodeLimits, type Decoded, type RawImage } from './decoders/types.ts';
import { ImageError } from './errors.ts';
import { sniffFormat, type ForeignFormat, type ImageFormat } from './sniff.ts';
import { sanitizeSvg } from './svg.ts';

/** 100 megapixels: a 10000 x 10000 scan, or every monitor of a large desk at once. */
export const DEFAULT_MAX_INPUT_PIXELS = 100_000_000;

export interface RgbImage {
  /** Interleaved RGB, 8 bits a sample, rows top to bottom, already rotated by EXIF orientation. */
  data: Buffer;
  width: number;
  height: number;
  channels: 3;
  format: ImageFormat;
}

const FOREIGN_HINTS: Record<ForeignFormat, string> = {
  pdf: 'it is a PDF, not an image; export the page as PNG or take a screenshot of it',
  zip: 'it is a ZIP archive, not an image; extract the image first',
  gzip: 'it is a gzip archive, not an image; decompress it first',
  text: 'it is a text file, not an image',
  unknown: 'it is not an image in any format Readout reads (PNG, JPEG, WEBP, GIF, TIFF, BMP, ICO, ICNS, JPEG 2000, SGI, AVIF, SVG)',
};

type SharpInput = { kind: 'encoded'; data: Uint8Array } | { kind: 'raw'; image: RawImage };

/** Each way to read the file, best first: an ICNS offers its chunks from largest down. */
function decoders(bytes: Uint8Array, format: ImageFormat, limits: DecodeLimits): Array<() => Decoded | Promise<Decoded>> {
  switch (format) {
    case 'bmp':
      return [() => decodeBmp(bytes, limits)];
    case 'dib':
      return [() => decodeBmp(bytes, limits, { headerless: true })];
    case 'ico':
      return [() => decodeIcon(bytes, limits)];
    case 'icns':
      return icnsCandidates(bytes, limits);
    case 'jp2':
    case 'j2k':
      return [() => decodeJpeg2000(bytes, limits)];
    case 'sgi':
      return [() => decodeSgi(bytes, limits)];
    case 'svg':
      return [() => ({ kind: 'encoded', data: Buffer.from(sanitizeSvg(Buffer.from(bytes).toString('utf8'))) })];
    default:
      return [() => ({ kind: 'encoded', data: bytes })];
  }
}

const SHARP_FORMATS = new Set<ImageFormat>(['png', 'jpeg', 'gif', 'webp', 'tiff', 'avif', 'heif', 'svg']);

async function toSharpInput(bytes: Uint8Array, format: ImageFormat, limits: DecodeLimits, depth = 0): Promise<SharpInput> {
  let failure: unknown;
  for (const decode of decoders(bytes, format, limits)) {
    try {
      const decoded = await decode();
      if (decoded.kind === 'raw' || SHARP_FORMATS.has(format)) return decoded;
      // A container (ICO, ICNS, BMP) handed back an embedded image: decode that in its own format.
      const inner = sniffFormat(decoded.data);
      if (inner.kind !== 'image' || depth > 1) throw new DecodeFailure('image-corrupt', 'it holds an embedded image that cannot be read');
      return await toSharpInput(decoded.data, inner.format, limits, depth + 1);
    } catch (error) {
      failure ??= error;
    }
  }
  throw failure;
}

function describeSharpFailure(error: unknown): DecodeFailure {
  const text = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(text)) return new DecodeFailure('image-too-many-pixels', 'the image has more pixels than Readout accepts');
  if (/unsupported image format/i.test(text)) return new DecodeFailure('image-unsupported', 'its format cannot be decoded');
  if (/premature end|truncated|unexpected end|end of (file|stream)|not enough data|read error|short read/i.test(text)) {
    return new DecodeFailure('image-corrupt', 'the file is truncated (it ends before the image does)');
  }
  return new DecodeFailure('image-corrupt', `the image data is damaged (${text.split('\n')[0]})`);
}

async function rasterise(input: SharpInput, limits: DecodeLimits): Promise<{ data: Buffer; width: number; height: number }> {
  const options = { limitInputPixels: limits.maxPixels, failOn: 'warning' as const, page: 0, pages: 1 };
  const image =
    input.kind === 'raw'
      ? sharp(input.image.data, { raw: { width: input.image.width, height: input.image.height, channels: input.image.channels } })
      : sharp(input.data, options);
  if (input.kind === 'encoded') {
    const meta = await image.metadata();
    assertDimensions(meta.width ?? 0, meta.height ?? 0, limits);
  }
  const { data, info } = await image
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new DecodeFailure('image-unsupported', `it decodes to ${info.channels} channels`);
  return { data, width: info.width, height: info.height };
}

/** Decodes `bytes` (named `file` in every error) to upright 8-bit sRGB on white. */
export async function decodeImage(bytes: Uint8Array, file: string, options: { maxPixels?: number } = {}): Promise<RgbImage> {
  if (bytes.length === 0) throw new ImageError('image-empty', file, 'the file is empty (0 bytes)');
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === 'foreign') throw new ImageError('image-not-an-image', file, FOREIGN_HINTS[sniffed.format]);
  const limits = { maxPixels: options.maxPixels ?? DEFAULT_MAX_INPUT_PIXELS };
  try {
    const input = await toSharpInput(bytes, sniffed.format, limits);
    const pixels = await rasterise(input, limits);
    return { ...pixels, channels: 3, format: sniffed.format };
  } catch (error) {
    const failure = error instanceof DecodeFailure ? error : describeSharpFailure(error);
    throw new ImageError(failure.code, file, `cannot read this ${sniffed.format.toUpperCase()} image: ${failure.message}`, {
      cause: error,
    });
  }
}

/**
 * Any supported file to upright, opaque, 8-bit sRGB pixels, decoded once. Formats sharp's prebuilt libvips lacks go
 * through our decoders first.
 */
import sharp, { type Sharp } from 'sharp';
import { bmpSize, decodeBmp } from './decoders/bmp.ts';
import { icnsCandidates } from './decoders/icns.ts';
import { decodeIcon } from './decoders/ico.ts';
import { decodeJpeg2000, jpeg2000DecodeSize } from './decoders/jpeg2000.ts';
import { decodeSgi, sgiSize } from './decoders/sgi.ts';
import { assertDimensions, DecodeFailure, type DecodeLimits, type Decoded } from './decoders/types.ts';
import { ImageError } from './errors.ts';
import { plainCause } from './plain-cause.ts';
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
      return [
        () => {
          let clean: string;
          try {
            clean = sanitizeSvg(Buffer.from(bytes).toString('utf8'));
          } catch (error) {
            throw new DecodeFailure('image-corrupt', `the SVG is not well-formed XML (${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'})`);
          }
          return { kind: 'encoded', data: Buffer.from(clean) };
        },
      ];
    default:
      return [() => ({ kind: 'encoded', data: bytes })];
  }
}

const SHARP_FORMATS = new Set<ImageFormat>(['png', 'jpeg', 'gif', 'webp', 'tiff', 'avif', 'heif', 'svg']);

async function toDecoded(bytes: Uint8Array, format: ImageFormat, limits: DecodeLimits, depth = 0): Promise<Decoded> {
  let failure: unknown;
  for (const decode of decoders(bytes, format, limits)) {
    try {
      const decoded = await decode();
      if (decoded.kind === 'raw' || SHARP_FORMATS.has(format)) return decoded;
      // A container (ICO, ICNS, BMP) handed back an embedded image: decode that in its own format.
      const inner = sniffFormat(decoded.data);
      if (inner.kind !== 'image' || depth > 1) throw new DecodeFailure('image-corrupt', 'it holds an embedded image that cannot be read');
      return await toDecoded(decoded.data, inner.format, limits, depth + 1);
    } catch (error) {
      failure ??= error;
    }
  }
  throw failure;
}

/** Messages our own decoders' reads raise past the end of a short or lying file: JavaScript's words, not a user's. */
const INTERNAL = /typed array|DataView|out of (range|bounds)|outside the bounds|bad seek|offset is|Maximum call stack/i;

function describeSharpFailure(error: unknown): DecodeFailure {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError || error instanceof TypeError || INTERNAL.test(text)) {
    return new DecodeFailure('image-corrupt', 'the file is damaged or incomplete (its data ends or points outside the file)');
  }
  if (/pixel limit/i.test(text)) return new DecodeFailure('image-too-many-pixels', 'the image has more pixels than Readout accepts');
  if (/unsupported image format/i.test(text)) return new DecodeFailure('image-unsupported', 'its format cannot be decoded');
  if (/premature end|truncated|unexpected end|end of (file|stream)|not enough data|read error|short read/i.test(text)) {
    return new DecodeFailure('image-corrupt', 'the file is truncated (it ends before the image does)');
  }
  // libvips' own words ("svgload_buffer: bad dimensions") are no help to a user: the cause in plain words, if known.
  const cause = plainCause(text);
  return new DecodeFailure('image-corrupt', cause ? `the image data is damaged (${cause})` : 'the image data is damaged');
}

export interface OpenedImage {
  format: ImageFormat;
  /** The upright size, after EXIF orientation. */
  width: number;
  height: number;
  /**
   * Decodes to 8-bit sRGB on white, resized to `size` in the same pass when given: one decode serves the upload
   * and the thumbnail, and libvips can shrink while it decodes.
   */
  render(size?: { width: number; height: number }): Promise<RgbImage>;
}

function pipelineFor(input: Decoded, limits: DecodeLimits): Sharp {
  return input.kind === 'raw'
    ? sharp(input.image.data, { raw: { width: input.image.width, height: input.image.height, channels: input.image.channels } })
    : sharp(input.data, { limitInputPixels: limits.maxPixels, failOn: 'warning', page: 0, pages: 1 });
}

async function uprightSize(input: Decoded, limits: DecodeLimits): Promise<{ width: number; height: number }> {
  if (input.kind === 'raw') return input.fullSize ?? { width: input.image.width, height: input.image.height };
  const meta = await sharp(input.data, { limitInputPixels: false, page: 0, pages: 1 }).metadata();
  assertDimensions(meta.width ?? 0, meta.height ?? 0, limits);
  return meta.autoOrient ?? { width: meta.width!, height: meta.height! };
}

const wrap = (error: unknown, file: string, format: ImageFormat): ImageError => {
  const failure = error instanceof DecodeFailure ? error : describeSharpFailure(error);
  return new ImageError(failure.code, file, `cannot read this ${format.toUpperCase()} image: ${failure.message}`, { cause: error });
};

/**
 * Reads `bytes` (named `file` in every error) far enough to know its format and upright size; pixels come from
 * `render`. Sizes are checked from headers, before any pixel memory is taken.
 */
export async function openImage(bytes: Uint8Array, file: string, options: { maxPixels?: number } = {}): Promise<OpenedImage> {
  if (bytes.length === 0) throw new ImageError('image-empty', file, 'the file is empty (0 bytes)');
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === 'foreign') throw new ImageError('image-not-an-image', file, FOREIGN_HINTS[sniffed.format]);
  const { format } = sniffed;
  const limits = { maxPixels: options.maxPixels ?? DEFAULT_MAX_INPUT_PIXELS };
  let input: Decoded;
  let size: { width: number; height: number };
  try {
    input = await toDecoded(bytes, format, limits);
    size = await uprightSize(input, limits);
  } catch (error) {
    throw wrap(error, file, format);
  }
  return {
    format,
    ...size,
    async render(target) {
      try {
        let pipeline = pipelineFor(input, limits).autoOrient().flatten({ background: '#ffffff' }).toColourspace('srgb');
        if (target && (target.width !== size.width || target.height !== size.height)) {
          // Bicubic, as qwen_vl_utils resizes (PIL's default): the model sees what its own pipeline would show it.
          pipeline = pipeline.resize(target.width, target.height, { fit: 'fill', kernel: 'cubic' });
        }
        const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
        if (info.channels !== 3) throw new DecodeFailure('image-unsupported', `it decodes to ${info.channels} channels`);
        return { data, width: info.width, height: info.height, channels: 3, format };
      } catch (error) {
        throw wrap(error, file, format);
      }
    },
  };
}

/**
 * What decoding `bytes` will take in memory, from the header alone (no pixels): the decoded buffer and libvips' copy
 * of it, 8 bytes a pixel. What cannot be read here costs nothing; the decode itself then says what is wrong.
 */
export async function declaredDecodeBytes(bytes: Uint8Array): Promise<number> {
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === 'foreign') return 0;
  const area = ({ width, height }: { width: number; height: number }): number => width * height;
  try {
    switch (sniffed.format) {
      case 'bmp':
        return area(bmpSize(bytes)) * 8;
      case 'dib':
        return area(bmpSize(bytes, { headerless: true })) * 8;
      case 'sgi':
        return area(sgiSize(bytes)) * 8;
      case 'jp2':
      case 'j2k':
        return area(jpeg2000DecodeSize(bytes)) * 8;
      case 'ico':
        return 256 * 256 * 8;
      case 'icns':
        return 1024 * 1024 * 8;
      case 'svg':
        // Not handed to librsvg before it is sanitised; its size is checked then.
        return 0;
      default: {
        const meta = await sharp(bytes, { limitInputPixels: false, page: 0, pages: 1 }).metadata();
        return (meta.width ?? 0) * (meta.height ?? 0) * 8;
      }
    }
  } catch {
    return 0;
  }
}

/** Decodes `bytes` at full size to upright 8-bit sRGB on white. */
export async function decodeImage(bytes: Uint8Array, file: string, options: { maxPixels?: number } = {}): Promise<RgbImage> {
  return (await openImage(bytes, file, options)).render();
}

/**
 * A stored page image as a PDF image XObject, without decoding it where the format allows:
 * - PNG (non-interlaced, grey, RGB or palette): its IDAT bytes are already a zlib stream of PNG-filtered rows, which
 *   PDF's FlateDecode reads with /Predictor 15 (PDF 32000-1, 7.4.4.4, Table 10; PNG spec 11.2.2 for IHDR, PLTE).
 * - JPEG (grey or RGB): its bytes are a DCTDecode stream as they are (7.4.8).
 * Anything else (alpha, interlace, 16-bit, CMYK, another version's image) is flattened on white and encoded as an
 * 8-bit RGB PNG with sharp, then taken the first way. pdf-lib decoded and deflated every PNG again (bad-input review 2, H5).
 */
import sharp from 'sharp';
import { hexString } from './pdf-writer.ts';

export interface PdfImage {
  /** The image dictionary without /Length. */
  dictionary: string;
  data: Uint8Array;
  width: number;
  height: number;
}

/** A page image past this many pixels is not written (a stored image is the model's size, about a megapixel). */
export const MAX_PAGE_IMAGE_PIXELS = 64_000_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const sized = (width: number, height: number): boolean =>
  Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height <= MAX_PAGE_IMAGE_PIXELS;

/** A PNG whose data PDF reads as it is, or null. */
export function pngAsPdfImage(bytes: Uint8Array): PdfImage | null {
  const png = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = -1;
  let interlace = 1;
  let palette: Buffer | null = null;
  const data: Buffer[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (body.length !== length) return null;
    if (type === 'IHDR') {
      if (length < 13) return null;
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8]!;
      colorType = body[9]!;
      interlace = body[12]!;
    } else if (type === 'PLTE') {
      palette = body;
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (interlace !== 0 || data.length === 0 || !sized(width, height)) return null;
  let colors: number;
  let space: string;
  if (colorType === 0 && [1, 2, 4, 8].includes(depth)) {
    colors = 1;
    space = '/DeviceGray';
  } else if (colorType === 2 && depth === 8) {
    colors = 3;
    space = '/DeviceRGB';
  } else if (colorType === 3 && [1, 2, 4, 8].includes(depth) && palette && palette.length >= 3 && palette.length % 3 === 0) {
    colors = 1;
    space = `[/Indexed /DeviceRGB ${palette.length / 3 - 1} ${hexString(palette)}]`;
  } else {
    return null;
  }
  return {
    dictionary: `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${space} /BitsPerComponent ${depth} /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors ${colors} /BitsPerComponent ${depth} /Columns ${width} >>`,
    data: data.length === 1 ? data[0]! : Buffer.concat(data),
    width,
    height,
  };
}

/** A baseline or progressive JPEG of one or three components, or null (CMYK's inverted Adobe form among them). */
export function jpegAsPdfImage(bytes: Uint8Array): PdfImage | null {
  const jpeg = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  for (let at = 2; at + 4 <= jpeg.length; ) {
    if (jpeg[at] !== 0xff) return null;
    const marker = jpeg[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = jpeg.readUInt16BE(at + 2);
    // SOF0..SOF2: the frame header, ITU T.81 B.2.2 (precision, height, width, components).
    if (marker >= 0xc0 && marker <= 0xc2) {
      if (at + 10 > jpeg.length) return null;
      const height = jpeg.readUInt16BE(at + 5);
      const width = jpeg.readUInt16BE(at + 7);
      const components = jpeg[at + 9]!;
      if (jpeg[at + 4] !== 8 || (components !== 1 && components !== 3) || !sized(width, height)) return null;
      return {
        dictionary: `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${components === 1 ? '/DeviceGray' : '/DeviceRGB'} /BitsPerComponent 8 /Filter /DCTDecode`,
        data: jpeg,
        width,
        height,
      };
    }
    if (marker === 0xda || length < 2) return null;
    at += 2 + length;
  }
  return null;
}

/** The page image as PDF takes it; null where it cannot be had (the page is then written with its text alone). */
export async function pdfImage(bytes: Uint8Array, mime: string): Promise<PdfImage | null> {
  const direct = mime === 'image/jpeg' ? jpegAsPdfImage(bytes) : pngAsPdfImage(bytes);
  if (direct) return direct;
  try {
    const png = await sharp(bytes, { limitInputPixels: MAX_PAGE_IMAGE_PIXELS, failOn: 'error' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .png({ compressionLevel: 6, palette: false })
      .toBuffer();
    return pngAsPdfImage(png);
  } catch {
    return null;
  }
}

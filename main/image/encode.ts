/** The upload image: PNG when it fits, else JPEG at falling quality, always under the API's size limit. */
import sharp from 'sharp';
import { ImageError } from './errors.ts';
import type { RgbImage } from './decode.ts';

/** DashScope accepts images up to 10 MB; a data URL's base64 must fit too, so the budget is on the encoded text. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const JPEG_QUALITIES = [92, 85, 75, 60, 45];

export interface EncodedImage {
  data: Buffer;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

/** `image` is already at the size to send; retries cost an encode each, never another decode or resample. */
export async function encodeForUpload(image: RgbImage, file: string, maxBytes = MAX_UPLOAD_BYTES): Promise<EncodedImage> {
  const fits = (data: Buffer): boolean => base64Length(data.length) <= maxBytes;
  const size = { width: image.width, height: image.height };
  const raw = { raw: { ...size, channels: 3 as const } };
  const png = await sharp(image.data, raw).png({ compressionLevel: 6 }).toBuffer();
  if (fits(png)) return { data: png, mime: 'image/png', ...size };
  for (const quality of JPEG_QUALITIES) {
    const jpeg = await sharp(image.data, raw).jpeg({ quality, mozjpeg: true }).toBuffer();
    if (fits(jpeg)) return { data: jpeg, mime: 'image/jpeg', ...size };
  }
  throw new ImageError('image-too-large', file, 'even as a low-quality JPEG the image is over 10 MB');
}

/** A small WebP for the history list, from the pixels being sent: no second decode. */
export async function makeThumbnail(image: RgbImage, box = 320): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(box, box, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
}

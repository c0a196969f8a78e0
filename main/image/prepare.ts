/** The whole image step of the pipeline: decode, orient, flatten, smart-resize, encode, thumbnail. */
import { decodeBudget } from './budget.ts';
import { declaredDecodeBytes, DEFAULT_MAX_INPUT_PIXELS, openImage } from './decode.ts';
import { encodeForUpload, makeThumbnail, MAX_UPLOAD_BYTES } from './encode.ts';
import { ImageError } from './errors.ts';
import type { ImageFormat } from './sniff.ts';
import { AspectRatioError, DEFAULT_PIXEL_BOUNDS, imageTokens, smartResize, type PixelBounds } from './smart-resize.ts';

export interface PrepareOptions {
  /** Used in every error message. */
  file: string;
  bounds?: PixelBounds;
  maxInputPixels?: number;
  maxUploadBytes?: number;
  thumbnail?: boolean;
}

export interface PreparedImage {
  data: Buffer;
  mime: 'image/png' | 'image/jpeg';
  sourceFormat: ImageFormat;
  /** The upright original size. */
  width: number;
  height: number;
  sentWidth: number;
  sentHeight: number;
  sentBytes: number;
  /** area / factor^2 + 2: what the model will bill for the image. */
  imageTokens: number;
  thumbnail: Buffer | null;
}

export async function prepareImage(bytes: Uint8Array, options: PrepareOptions): Promise<PreparedImage> {
  const bounds = options.bounds ?? DEFAULT_PIXEL_BOUNDS;
  // Decoding is where a large image costs memory: it waits for its share of the process-wide budget (budget.ts).
  const { image, pixels } = await decodeBudget.use(await declaredDecodeBytes(bytes), async () => {
    const opened = await openImage(bytes, options.file, { maxPixels: options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS });
    let size: { width: number; height: number };
    try {
      size = smartResize(opened.height, opened.width, bounds);
    } catch (error) {
      if (!(error instanceof AspectRatioError)) throw error;
      throw new ImageError('image-aspect-ratio', options.file, `${error.message}; crop it into shorter pieces`);
    }
    return { image: opened, pixels: await opened.render(size) };
  });
  const [encoded, thumbnail] = await Promise.all([
    encodeForUpload(pixels, options.file, options.maxUploadBytes ?? MAX_UPLOAD_BYTES),
    options.thumbnail === false ? null : makeThumbnail(pixels),
  ]);
  return {
    data: encoded.data,
    mime: encoded.mime,
    sourceFormat: image.format,
    width: image.width,
    height: image.height,
    sentWidth: encoded.width,
    sentHeight: encoded.height,
    sentBytes: encoded.data.length,
    imageTokens: imageTokens(encoded.width, encoded.height, bounds.factor),
    thumbnail,
  };
}

export const toDataUrl = (image: Pick<PreparedImage, 'data' | 'mime'>): string =>
  `data:${image.mime};base64,${image.data.toString('base64')}`;

import { ReadoutError } from '../errors.ts';

export type ImageErrorCode =
  | 'image-empty'
  | 'image-not-an-image'
  | 'image-unsupported'
  | 'image-corrupt'
  | 'image-too-many-pixels'
  | 'image-aspect-ratio'
  | 'image-too-large';

/** An image that cannot be prepared for OCR. The message always names the file. */
export class ImageError extends ReadoutError {
  readonly file: string;

  constructor(code: ImageErrorCode, file: string, cause: string, options: { cause?: unknown } = {}) {
    super(code, `${file}: ${cause}`, options);
    this.name = 'ImageError';
    this.file = file;
  }
}

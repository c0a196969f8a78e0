/**
 * Qwen-VL's smart_resize (qwen_vl_utils/vision_process.py), so that what we upload is exactly what the model
 * will see and the token count is known before the request.
 */
export const MAX_ASPECT_RATIO = 200;

export interface PixelBounds {
  /** Sides become multiples of this: 28 for qwen-vl-ocr up to 2025-08-28, 32 for the Qwen3-VL based models. */
  factor: number;
  minPixels: number;
  maxPixels: number;
}

export const DEFAULT_PIXEL_BOUNDS: PixelBounds = { factor: 28, minPixels: 3136, maxPixels: 1003520 };

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export class AspectRatioError extends Error {
  readonly ratio: number;

  constructor(ratio: number) {
    super(`the aspect ratio is ${Math.round(ratio)}:1, more than the ${MAX_ASPECT_RATIO}:1 the model accepts`);
    this.ratio = ratio;
  }
}

export function smartResize(height: number, width: number, bounds: PixelBounds): { height: number; width: number } {
  const { factor, minPixels, maxPixels } = bounds;
  const ratio = Math.max(height, width) / Math.min(height, width);
  if (ratio > MAX_ASPECT_RATIO) throw new AspectRatioError(ratio);
  let h = Math.max(factor, roundHalfEven(height / factor) * factor);
  let w = Math.max(factor, roundHalfEven(width / factor) * factor);
  if (h * w > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels);
    // The max(factor, ...) guard is the one later qwen_vl_utils releases added: without it a thin strip with a
    // small max_pixels rounds a side down to zero.
    h = Math.max(factor, Math.floor(height / beta / factor) * factor);
    w = Math.max(factor, Math.floor(width / beta / factor) * factor);
  } else if (h * w < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width));
    h = Math.ceil((height * beta) / factor) * factor;
    w = Math.ceil((width * beta) / factor) * factor;
  }
  return { height: h, width: w };
}

/** Image tokens the model is billed for: one per factor x factor patch, plus the two vision markers. */
export function imageTokens(width: number, height: number, factor: number): number {
  return (width * height) / (factor * factor) + 2;
}

/** Pixels as the models take them: bilinear resampling straight into a normalised, planar (CHW) Float32 tensor. */
export interface Rgb {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A region of an image, in its pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Resamples `region` of `image` to `width` x `height` and writes it into `out` at channel planes of
 * `planeWidth` x `height` (wider planes are left as they are: padding), as (value / 255 - mean) / std, in BGR order
 * (the PaddleOCR models were trained on OpenCV's BGR; mean and std are given per BGR channel, as its configs do).
 * Planes taller than `height` (`planeHeight`) keep their lower rows as they are too.
 * `turned` reads the region a quarter turn anticlockwise (numpy's rot90, as PaddleOCR turns a crop that stands
 * upright): a line running top to bottom comes out running left to right, `width` along the region's height.
 */
export function resampleInto(
  image: Rgb,
  region: Region,
  width: number,
  height: number,
  out: Float32Array,
  offset: number,
  planeWidth: number,
  norm: { mean: readonly [number, number, number]; std: readonly [number, number, number] },
  turned = false,
  planeHeight = height,
): void {
  const plane = planeWidth * planeHeight;
  const sx = region.width / (turned ? height : width);
  const sy = region.height / (turned ? width : height);
  const { data, width: iw, height: ih } = image;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Output (x, y) reads source column x and row y, or, turned, row x and column (width - 1 - y) of the region.
      const fy = Math.min(ih - 1, Math.max(0, region.y + ((turned ? x : y) + 0.5) * sy - 0.5));
      const y0 = Math.floor(fy);
      const y1 = Math.min(ih - 1, y0 + 1);
      const wy = fy - y0;
      const fx = Math.min(iw - 1, Math.max(0, turned ? region.x + region.width - (y + 0.5) * sx - 0.5 : region.x + (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(iw - 1, x0 + 1);
      const wx = fx - x0;
      const a = (y0 * iw + x0) * 3;
      const b = (y0 * iw + x1) * 3;
      const c = (y1 * iw + x0) * 3;
      const d = (y1 * iw + x1) * 3;
      const at = offset + y * planeWidth + x;
      for (let ch = 0; ch < 3; ch++) {
        const top = data[a + ch]! + (data[b + ch]! - data[a + ch]!) * wx;
        const bottom = data[c + ch]! + (data[d + ch]! - data[c + ch]!) * wx;
        // RGB in, BGR out: channel 0 of the tensor is blue, normalised with the first mean and std.
        const bgr = 2 - ch;
        out[at + bgr * plane] = ((top + (bottom - top) * wy) / 255 - norm.mean[bgr]!) / norm.std[bgr]!;
      }
    }
  }
}

/**
 * The colour around an image's edge (the median of its border pixels, channel by channel): what lies beyond the edge
 * of a screenshot is most likely more of its background.
 */
export function borderColour(image: Rgb): [number, number, number] {
  const { data, width, height } = image;
  const channels: [number[], number[], number[]] = [[], [], []];
  const take = (x: number, y: number): void => {
    for (let ch = 0; ch < 3; ch++) channels[ch]!.push(data[(y * width + x) * 3 + ch]!);
  };
  // At most about a thousand samples along each side.
  const stepX = Math.max(1, Math.floor(width / 1000));
  const stepY = Math.max(1, Math.floor(height / 1000));
  for (let x = 0; x < width; x += stepX) {
    take(x, 0);
    take(x, height - 1);
  }
  for (let y = 0; y < height; y += stepY) {
    take(0, y);
    take(width - 1, y);
  }
  const middle = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1] ?? 255;
  return [middle(channels[0]), middle(channels[1]), middle(channels[2])];
}

/** Fills `count` planes of `plane` values at `out` with one colour, normalised and in BGR order as resampleInto writes. */
export function fillPlanes(out: Float32Array, plane: number, colour: readonly [number, number, number], norm: { mean: readonly [number, number, number]; std: readonly [number, number, number] }): void {
  for (let bgr = 0; bgr < 3; bgr++) out.fill((colour[2 - bgr]! / 255 - norm.mean[bgr]!) / norm.std[bgr]!, bgr * plane, (bgr + 1) * plane);
}

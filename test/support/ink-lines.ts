/**
 * Where the lines of text are in an image, found from its pixels: rows holding ink (pixels far from the
 * background's shade) grouped into bands, each band's ink bounded left and right. Enough for rendered screen text on
 * a plain background, which is what the protocol server's advanced recognition is asked about in tests.
 */
import sharp from 'sharp';

export interface InkLine {
  /** Four corners, clockwise from top-left, in the image's pixels. */
  box: [[number, number], [number, number], [number, number], [number, number]];
}

export async function inkLines(image: Buffer, contrast = 60): Promise<{ width: number; height: number; lines: InkLine[] }> {
  const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const at = (x: number, y: number): number => data[(y * width + x) * channels]!;
  // The background is the shade of the image's border, where text seldom reaches.
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(at(x, 0), at(x, height - 1));
  border.sort((a, b) => a - b);
  const background = border[Math.floor(border.length / 2)]!;
  const ink = (x: number, y: number): boolean => Math.abs(at(x, y) - background) > contrast;

  const lines: InkLine[] = [];
  let top = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y <= height; y++) {
    let rowLeft = width;
    let rowRight = -1;
    if (y < height) {
      for (let x = 0; x < width; x++) {
        if (!ink(x, y)) continue;
        rowLeft = Math.min(rowLeft, x);
        rowRight = x;
      }
    }
    if (rowRight >= 0) {
      if (top < 0) top = y;
      left = Math.min(left, rowLeft);
      right = Math.max(right, rowRight);
    } else if (top >= 0) {
      lines.push({ box: [[left, top], [right + 1, top], [right + 1, y], [left, y]] });
      top = -1;
      left = width;
      right = -1;
    }
  }
  return { width, height, lines };
}

/**
 * A selection that spans displays, put back together: each display's share is cropped at its own pixels and scaled
 * to the finest scale factor among them, so the text on a 2x panel keeps its detail beside a 1x monitor. Gaps
 * between displays come out white.
 */
import sharp from 'sharp';
import { cropPixels } from './crop.ts';
import { splitAcrossDisplays, type Rect } from './geometry.ts';
import type { Frame } from './session.ts';

export async function composeAcross(frames: readonly Frame[], dips: Rect): Promise<{ png: Buffer; width: number; height: number }> {
  const byId = new Map(frames.map((frame) => [frame.display.id, frame]));
  const pieces = splitAcrossDisplays(dips, frames.map((f) => f.display));
  const scale = Math.max(1, ...pieces.map((p) => p.display.scaleFactor));
  const width = Math.round(dips.width * scale);
  const height = Math.round(dips.height * scale);
  const layers = await Promise.all(
    pieces.map(async ({ display, pixels }) => {
      const frame = byId.get(display.id)!;
      const crop = cropPixels(frame.bitmap, pixels);
      // Where this share sits in the composite, from its position in desktop DIPs.
      const left = Math.round((display.bounds.x + (pixels.x * display.bounds.width) / frame.bitmap.width - dips.x) * scale);
      const top = Math.round((display.bounds.y + (pixels.y * display.bounds.height) / frame.bitmap.height - dips.y) * scale);
      const factor = scale / (frame.bitmap.width / display.bounds.width);
      const input = await sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 4 } })
        .resize(Math.max(1, Math.round(crop.width * factor)), Math.max(1, Math.round(crop.height * factor)), { fit: 'fill', kernel: 'cubic' })
        .png()
        .toBuffer();
      return { input, left: Math.max(0, left), top: Math.max(0, top) };
    }),
  );
  const png = await sharp({ create: { width, height, channels: 4, background: '#ffffff' } })
    .composite(layers)
    .png({ compressionLevel: 3 })
    .toBuffer();
  return { png, width, height };
}

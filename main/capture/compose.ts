/**
 * A selection that spans displays, put back together: each display's share is cropped at its own pixels and scaled
 * to the finest scale factor among them, so the text on a 2x panel keeps its detail beside a 1x monitor. Gaps
 * between displays come out white.
 *
 * Each share is cut with its edges rounded outwards (a partly covered pixel is kept), so once scaled it can stand a
 * pixel or two past the composite, which is sized from the rectangle itself. Every layer is therefore cut to the
 * composite before it is laid down: sharp refuses a layer larger than its base, and a throw here once cost the user
 * the capture (review M1).
 */
import sharp from 'sharp';
import { cropPixels } from './crop.ts';
import { intersect, splitAcrossDisplays, type Rect } from './geometry.ts';
import type { Frame } from './session.ts';

interface Layer {
  input: Buffer;
  raw: { width: number; height: number; channels: 4 };
  left: number;
  top: number;
}

export async function composeAcross(frames: readonly Frame[], dips: Rect): Promise<{ png: Buffer; width: number; height: number }> {
  const byId = new Map(frames.map((frame) => [frame.display.id, frame]));
  // Each share is mapped by the size the display was really captured at, which need not be bounds x scale.
  const pieces = splitAcrossDisplays(dips, frames.map((f) => f.display), (display) => byId.get(display.id)!.bitmap);
  const scale = Math.max(1, ...pieces.map((p) => p.display.scaleFactor));
  const width = Math.max(1, Math.round(dips.width * scale));
  const height = Math.max(1, Math.round(dips.height * scale));
  const canvas: Rect = { x: 0, y: 0, width, height };
  const layers = await Promise.all(
    pieces.map(async ({ display, pixels }): Promise<Layer | null> => {
      const frame = byId.get(display.id)!;
      const crop = cropPixels(frame.bitmap, pixels);
      const sx = frame.bitmap.width / display.bounds.width;
      const sy = frame.bitmap.height / display.bounds.height;
      // Where this share sits in the composite, from its position in desktop DIPs, and its size there.
      const placed: Rect = {
        x: Math.round((display.bounds.x + pixels.x / sx - dips.x) * scale),
        y: Math.round((display.bounds.y + pixels.y / sy - dips.y) * scale),
        width: Math.max(1, Math.round((crop.width * scale) / sx)),
        height: Math.max(1, Math.round((crop.height * scale) / sy)),
      };
      const visible = intersect(placed, canvas);
      if (!visible) return null;
      let image = sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 4 } });
      if (placed.width !== crop.width || placed.height !== crop.height) {
        image = image.resize(placed.width, placed.height, { fit: 'fill', kernel: 'cubic' });
      }
      if (visible.width !== placed.width || visible.height !== placed.height) {
        // After resize, so it cuts the scaled share (sharp: "use extract after resize for post-resize extraction").
        image = image.extract({ left: visible.x - placed.x, top: visible.y - placed.y, width: visible.width, height: visible.height });
      }
      const input = await image.raw().toBuffer();
      return { input, raw: { width: visible.width, height: visible.height, channels: 4 }, left: visible.x, top: visible.y };
    }),
  );
  const png = await sharp({ create: { width, height, channels: 4, background: '#ffffff' } })
    .composite(layers.filter((layer): layer is Layer => layer !== null))
    .png({ compressionLevel: 3 })
    .toBuffer();
  return { png, width, height };
}

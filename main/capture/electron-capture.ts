/**
 * Adapter: every display frozen through desktopCapturer, at native resolution, matched to screen's displays.
 * Thin on purpose: everything that can be decided without Electron lives in geometry.ts and service.ts.
 */
import { desktopCapturer, screen } from 'electron';
import type { DisplayInfo } from './geometry.ts';
import { nativeSize } from './geometry.ts';
import type { Frame } from './session.ts';

export function displays(): DisplayInfo[] {
  return screen.getAllDisplays().map((d) => ({ id: String(d.id), bounds: d.bounds, scaleFactor: d.scaleFactor }));
}

export async function captureDisplays(): Promise<Frame[]> {
  const all = displays();
  const largest = all.map(nativeSize).reduce((a, b) => ({ width: Math.max(a.width, b.width), height: Math.max(a.height, b.height) }));
  // Thumbnails are the captures: asked for at the largest native size, each comes back at its own display's.
  const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: largest });
  return all.flatMap((display, index) => {
    // display_id is empty on some Linux setups; the order then matches screen.getAllDisplays().
    const source = sources.find((s) => s.display_id === display.id) ?? (sources.every((s) => !s.display_id) ? sources[index] : undefined);
    if (!source || source.thumbnail.isEmpty()) return [];
    const image = source.thumbnail;
    const { width, height } = image.getSize();
    return [
      {
        display,
        // Skia's native order on every platform Electron ships for: BGRA.
        bitmap: { data: image.toBitmap(), width, height, order: 'bgra' as const },
        preview: { mime: 'image/jpeg', data: image.toJPEG(90) },
      },
    ];
  });
}

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
  // desktopCapturer letterboxes every thumbnail into one requested size, scaling up as well as down. Asking once
  // per distinct native size (usually one ask, two on a mixed-DPI desk, in parallel) keeps each display 1:1.
  const sizes = new Map(all.map((display) => [`${nativeSize(display).width}x${nativeSize(display).height}`, nativeSize(display)]));
  const answers = new Map(
    await Promise.all(
      [...sizes].map(async ([key, size]) => [key, await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: size })] as const),
    ),
  );
  return all.flatMap((display, index) => {
    const size = nativeSize(display);
    const sources = answers.get(`${size.width}x${size.height}`) ?? [];
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

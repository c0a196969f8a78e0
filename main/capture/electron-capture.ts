/**
 * Adapter: every display frozen through desktopCapturer, at native resolution, matched to screen's displays.
 * Thin on purpose: everything that can be decided without Electron lives in geometry.ts and service.ts. X11, macOS
 * and Windows only: under Wayland capture goes through the Screenshot portal (linux/screenshot-portal.ts).
 */
import { desktopCapturer, screen } from 'electron';
import type { DisplayInfo } from './geometry.ts';
import { nativeSize, type PixelSize } from './geometry.ts';
import { matchSources } from './match-sources.ts';
import type { Frame } from './session.ts';

export function displays(): DisplayInfo[] {
  return screen.getAllDisplays().map((d) => ({ id: String(d.id), bounds: d.bounds, scaleFactor: d.scaleFactor }));
}

export async function captureDisplays(): Promise<Frame[]> {
  const all = displays();
  const key = (size: PixelSize): string => `${size.width}x${size.height}`;
  // desktopCapturer letterboxes every thumbnail into one requested size, scaling up as well as down: asking once per
  // distinct native size (in parallel), each display is taken from the ask made at its own size, 1:1.
  const groups = [...new Set(all.map((d) => key(nativeSize(d))))].map((k) => ({
    size: nativeSize(all.find((d) => key(nativeSize(d)) === k)!),
    members: all.filter((d) => key(nativeSize(d)) === k),
  }));
  const answers = await Promise.all(groups.map(({ size }) => desktopCapturer.getSources({ types: ['screen'], thumbnailSize: size })));
  return groups.flatMap(({ members }, i) =>
    matchSources(
      answers[i]!.filter((source) => !source.thumbnail.isEmpty()).map((source) => ({ source, displayId: source.display_id, ...source.thumbnail.getSize() })),
      members,
    ).map(({ display, source: { source } }) => ({
      display,
      // Skia's native order on every platform Electron ships for: BGRA.
      bitmap: { data: source.thumbnail.toBitmap(), ...source.thumbnail.getSize(), order: 'bgra' as const },
      preview: { mime: 'image/jpeg', data: source.thumbnail.toJPEG(90) },
    })),
  );
}

/**
 * Which captured source shows which display. desktopCapturer names each source's display_id on Windows, macOS and
 * X11; under Wayland the portal hands back the screen the user picked, with a display_id that need not match
 * Electron's screen ids. Then the picture's shape (and, as a last resort, being the only one) decides.
 */
import { nativeSize, type DisplayInfo } from './geometry.ts';

export interface SourceInfo {
  displayId: string;
  width: number;
  height: number;
}

const aspect = (size: { width: number; height: number }): number => size.width / size.height;

export function matchSources<S extends SourceInfo>(sources: readonly S[], displays: readonly DisplayInfo[]): Array<{ display: DisplayInfo; source: S }> {
  const pairs: Array<{ display: DisplayInfo; source: S }> = [];
  const unmatched = [...sources];
  const take = (source: S): S => {
    unmatched.splice(unmatched.indexOf(source), 1);
    return source;
  };
  for (const display of displays) {
    const byId = unmatched.find((s) => s.displayId === display.id);
    if (byId) pairs.push({ display, source: take(byId) });
  }
  for (const display of displays.filter((d) => !pairs.some((p) => p.display === d))) {
    if (unmatched.length === 0) break;
    const native = nativeSize(display);
    // Exactly this display's size, else the closest shape (a picker may scale), within 2%.
    const exact = unmatched.find((s) => s.width === native.width && s.height === native.height);
    const shaped = [...unmatched]
      .filter((s) => Math.abs(aspect(s) - aspect(native)) / aspect(native) < 0.02)
      .sort((a, b) => Math.abs(a.width - native.width) - Math.abs(b.width - native.width))[0];
    const only = unmatched.length === 1 && displays.length === 1 ? unmatched[0] : undefined;
    const source = exact ?? shaped ?? only;
    if (source) pairs.push({ display, source: take(source) });
  }
  return pairs;
}

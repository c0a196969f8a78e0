/**
 * Screen geometry with no electron in sight: displays laid out in DIPs (Electron's screen coordinates, which can be
 * negative and mix scale factors), and their frozen captures in physical pixels. Everything a capture needs to turn
 * a rectangle the user drew into exactly the pixels under it.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface DisplayInfo {
  id: string;
  /** Position and size in DIPs, in the desktop's coordinate space. */
  bounds: Rect;
  scaleFactor: number;
}

export interface PixelSize {
  width: number;
  height: number;
}

/** The size in physical pixels a display is captured at: its bounds times its scale factor. */
export function nativeSize(display: DisplayInfo): PixelSize {
  return {
    width: Math.round(display.bounds.width * display.scaleFactor),
    height: Math.round(display.bounds.height * display.scaleFactor),
  };
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

const area = (r: Rect): number => r.width * r.height;

/** The display under a point; points in the gaps between displays belong to none. */
export function displayAt(point: Point, displays: readonly DisplayInfo[]): DisplayInfo | null {
  return (
    displays.find(
      ({ bounds: b }) => point.x >= b.x && point.x < b.x + b.width && point.y >= b.y && point.y < b.y + b.height,
    ) ?? null
  );
}

/** The display a rectangle is mostly on: the one it overlaps most. */
export function displayForRect(rect: Rect, displays: readonly DisplayInfo[]): DisplayInfo | null {
  let best: DisplayInfo | null = null;
  let bestArea = 0;
  for (const display of displays) {
    const overlap = intersect(rect, display.bounds);
    if (overlap && area(overlap) > bestArea) {
      best = display;
      bestArea = area(overlap);
    }
  }
  return best;
}

/**
 * A rectangle in desktop DIPs, clipped to one display and mapped to that display's captured pixels. Edges are
 * rounded outwards, so a partly covered pixel is kept rather than lost. `captured` is the capture's real size:
 * capturers round, and the mapping must follow the image, not the arithmetic.
 */
export function dipRectToPixels(rect: Rect, display: DisplayInfo, captured: PixelSize = nativeSize(display)): Rect | null {
  const clipped = intersect(rect, display.bounds);
  if (!clipped) return null;
  const sx = captured.width / display.bounds.width;
  const sy = captured.height / display.bounds.height;
  const left = Math.floor((clipped.x - display.bounds.x) * sx + 1e-9);
  const top = Math.floor((clipped.y - display.bounds.y) * sy + 1e-9);
  const right = Math.min(captured.width, Math.ceil((clipped.x + clipped.width - display.bounds.x) * sx - 1e-9));
  const bottom = Math.min(captured.height, Math.ceil((clipped.y + clipped.height - display.bounds.y) * sy - 1e-9));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** A rectangle in a display's captured pixels back to desktop DIPs (for "capture the same region again"). */
export function pixelsToDipRect(pixels: Rect, display: DisplayInfo, captured: PixelSize = nativeSize(display)): Rect {
  const sx = display.bounds.width / captured.width;
  const sy = display.bounds.height / captured.height;
  return {
    x: display.bounds.x + pixels.x * sx,
    y: display.bounds.y + pixels.y * sy,
    width: pixels.width * sx,
    height: pixels.height * sy,
  };
}

/**
 * Every display's share of a rectangle that may span several, each in that display's own pixels. `captured` gives the
 * size each display was really captured at (by default bounds x scale).
 */
export function splitAcrossDisplays(
  rect: Rect,
  displays: readonly DisplayInfo[],
  captured: (display: DisplayInfo) => PixelSize = nativeSize,
): Array<{ display: DisplayInfo; pixels: Rect }> {
  return displays.flatMap((display) => {
    const pixels = dipRectToPixels(rect, display, captured(display));
    return pixels && pixels.width > 0 && pixels.height > 0 ? [{ display, pixels }] : [];
  });
}

/** A selection clamped inside an image: what the overlay reports can never crop outside the capture. */
export function clampToImage(rect: Rect, image: PixelSize): Rect | null {
  const x = Math.max(0, Math.min(image.width, Math.round(rect.x)));
  const y = Math.max(0, Math.min(image.height, Math.round(rect.y)));
  const right = Math.max(0, Math.min(image.width, Math.round(rect.x + rect.width)));
  const bottom = Math.max(0, Math.min(image.height, Math.round(rect.y + rect.height)));
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/** The rectangle between two corners, whichever way the user dragged. */
export function rectFromCorners(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** The smallest rectangle around every display: the desktop. */
export function desktopBounds(displays: readonly DisplayInfo[]): Rect {
  const left = Math.min(...displays.map((d) => d.bounds.x));
  const top = Math.min(...displays.map((d) => d.bounds.y));
  const right = Math.max(...displays.map((d) => d.bounds.x + d.bounds.width));
  const bottom = Math.max(...displays.map((d) => d.bounds.y + d.bounds.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

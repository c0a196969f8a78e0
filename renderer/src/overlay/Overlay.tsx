/**
 * The capture overlay: the frozen screen, full-window, on one display. Drag to select (a loupe and the size in
 * pixels help aim); Enter or releasing the mouse accepts; Esc or a right click cancels; arrow keys nudge (Shift: 10).
 */
import { useCallback, useEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureFrameView, PixelRect } from '../../../preload/api.ts';
import { between, nudge, toImagePoint, type Point } from './selection.ts';

const LOUPE = 120;
const ZOOM = 8;
/** Smaller is a click, not a selection (as MIN_SELECTION in main/capture/session.ts, which decides). */
const MIN = 3;

export function Overlay() {
  const { t } = useTranslation();
  const [frame, setFrame] = useState<CaptureFrameView | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [anchor, setAnchor] = useState<Point | null>(null);
  const [current, setCurrent] = useState<Point | null>(null);
  // Arrow keys move the rectangle being drawn; the offset rides along until the mouse is released.
  const [offset, setOffset] = useState<Point>({ x: 0, y: 0 });
  const [pointer, setPointer] = useState<{ client: Point; image: Point } | null>(null);
  const image = useRef<HTMLImageElement>(null);
  const loupe = useRef<HTMLCanvasElement>(null);

  const load = useCallback(async () => {
    const next = await window.readout.capture.frame();
    setFrame(next);
    setAnchor(null);
    setCurrent(null);
    setOffset({ x: 0, y: 0 });
    setUrl((old) => {
      if (old) URL.revokeObjectURL(old);
      return next ? URL.createObjectURL(new Blob([next.preview as Uint8Array<ArrayBuffer>], { type: next.mime })) : null;
    });
  }, []);

  useEffect(() => {
    void load();
    return window.readout.on('capture:show', () => {
      // Never show the last capture's frame: the window is transparent, so until the new one arrives the live
      // screen shows through, and it is the same picture.
      setFrame(null);
      void load();
    });
  }, [load]);

  const view = () => ({ width: window.innerWidth, height: window.innerHeight });
  const rectFor = (from: Point | null, to: Point | null): PixelRect | null =>
    from && to && frame ? nudge(between(from, to), offset.x, offset.y, frame) : null;
  const rect = rectFor(anchor, current);
  const finish = useCallback((selection: PixelRect | null) => {
    if (!selection || selection.width < MIN || selection.height < MIN) return;
    setFrame(null);
    void window.readout.capture.finish(selection);
  }, []);
  const cancel = useCallback(() => {
    setFrame(null);
    void window.readout.capture.cancel();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!frame) return;
      if (event.key === 'Escape') cancel();
      else if (event.key === 'Enter') finish(rect);
      else if (rect && event.key.startsWith('Arrow')) {
        const step = event.shiftKey ? 10 : 1;
        const [dx, dy] = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[event.key] ?? [0, 0];
        setOffset((o) => ({ x: o.x + dx!, y: o.y + dy! }));
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [frame, rect, finish, cancel]);

  // The loupe: the pixels around the pointer, magnified, drawn from the frozen image itself.
  useEffect(() => {
    const canvas = loupe.current;
    const source = image.current;
    if (!canvas || !source || !pointer) return;
    const context = canvas.getContext('2d');
    if (!context) return;
    context.imageSmoothingEnabled = false;
    const span = LOUPE / ZOOM;
    context.clearRect(0, 0, LOUPE, LOUPE);
    context.drawImage(source, pointer.image.x - span / 2, pointer.image.y - span / 2, span, span, 0, 0, LOUPE, LOUPE);
  }, [pointer]);

  if (!frame || !url) return <div className="overlay-empty" />;
  const at = (event: ReactMouseEvent): Point => toImagePoint(event.clientX, event.clientY, frame, view());
  const scaleX = window.innerWidth / frame.width;
  const scaleY = window.innerHeight / frame.height;
  return (
    <div
      className="overlay"
      data-testid="overlay"
      onContextMenu={(event) => {
        event.preventDefault();
        cancel();
      }}
      onMouseDown={(event) => {
        if (event.button !== 0) return;
        const point = at(event);
        setAnchor(point);
        setCurrent(point);
        setOffset({ x: 0, y: 0 });
      }}
      onMouseMove={(event) => {
        const point = at(event);
        setPointer({ client: { x: event.clientX, y: event.clientY }, image: point });
        if (anchor) setCurrent(point);
      }}
      onMouseUp={(event) => {
        if (event.button !== 0 || !anchor) return;
        const selection = rectFor(anchor, at(event));
        setAnchor(null);
        setCurrent(null);
        finish(selection);
      }}
    >
      <img ref={image} src={url} alt="" className="frozen" draggable={false} />
      <div className="shade" />
      {rect && (
        <div
          className="selection"
          data-testid="selection"
          style={{ left: rect.x * scaleX, top: rect.y * scaleY, width: rect.width * scaleX, height: rect.height * scaleY, backgroundImage: `url(${url})`, backgroundSize: `${window.innerWidth}px ${window.innerHeight}px`, backgroundPosition: `${-rect.x * scaleX}px ${-rect.y * scaleY}px` }}
        >
          <span className="size" data-testid="selection-size">
            {rect.width} × {rect.height}
          </span>
        </div>
      )}
      {pointer && (
        <canvas
          ref={loupe}
          className="loupe"
          width={LOUPE}
          height={LOUPE}
          style={{ left: Math.min(pointer.client.x + 24, window.innerWidth - LOUPE - 8), top: Math.min(pointer.client.y + 24, window.innerHeight - LOUPE - 8) }}
        />
      )}
      {!rect && <p className="overlay-hint">{t('capture.hint')}</p>}
    </div>
  );
}

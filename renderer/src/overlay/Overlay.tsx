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
  // Where the drag began in window coordinates, unclamped, so a drag past this display's edge can be followed.
  const [anchorClient, setAnchorClient] = useState<Point | null>(null);
  const [current, setCurrent] = useState<Point | null>(null);
  // Arrow keys move the rectangle being drawn; the offset rides along until the mouse is released.
  const [offset, setOffset] = useState<Point>({ x: 0, y: 0 });
  const [pointer, setPointer] = useState<{ client: Point; image: Point } | null>(null);
  // A rectangle another overlay is drawing, in desktop DIPs: this display shows its part of it.
  const [remote, setRemote] = useState<PixelRect | null>(null);
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
    const offShow = window.readout.on('capture:show', () => {
      // Never show the last capture's frame: the window is transparent, so until the new one arrives the live
      // screen shows through, and it is the same picture.
      setFrame(null);
      setRemote(null);
      void load();
    });
    const offSelection = window.readout.on('capture:selection', ({ dips }) => setRemote(dips));
    return () => {
      offShow();
      offSelection();
    };
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
  /** The drag between two window points (either may lie past this display's edge) in desktop DIPs. */
  const toDips = (from: Point, to: Point): PixelRect | null => {
    if (!frame) return null;
    const dipPerCss = frame.bounds.width / window.innerWidth;
    const dipPerPixel = frame.bounds.width / frame.width;
    const dip = (p: Point): Point => ({ x: frame.bounds.x + p.x * dipPerCss + offset.x * dipPerPixel, y: frame.bounds.y + p.y * dipPerCss + offset.y * dipPerPixel });
    return between(dip(from), dip(to));
  };
  /** A drag that ended on another display: reported in desktop DIPs, for the main process to piece together. */
  const finishAcross = (from: Point, to: Point): void => {
    const dips = toDips(from, to);
    if (!dips) return;
    setFrame(null);
    void window.readout.capture.finishAcross(dips);
  };
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

  // Moves and the release are followed on the window: a drag that leaves this display still reports where it went.
  const latest = useRef({ frame, anchor, anchorClient, rectFor, finish, finishAcross, toDips });
  latest.current = { frame, anchor, anchorClient, rectFor, finish, finishAcross, toDips };
  useEffect(() => {
    let announced = 0;
    const move = (event: MouseEvent): void => {
      const { frame: shown, anchor: start, anchorClient: startClient } = latest.current;
      if (!shown) return;
      const point = toImagePoint(event.clientX, event.clientY, shown, view());
      setPointer({ client: { x: event.clientX, y: event.clientY }, image: point });
      if (!start) return;
      setCurrent(point);
      // Tell the other overlays once a frame, so a drag across displays shows on all of them.
      const client = { x: event.clientX, y: event.clientY };
      if (startClient && !announced) {
        announced = requestAnimationFrame(() => {
          announced = 0;
          void window.readout.capture.select(latest.current.toDips(startClient, client));
        });
      }
    };
    const up = (event: MouseEvent): void => {
      const { frame: shown, anchor: start, anchorClient: startClient } = latest.current;
      if (event.button !== 0 || !shown || !start) return;
      const outside = event.clientX < 0 || event.clientY < 0 || event.clientX > window.innerWidth || event.clientY > window.innerHeight;
      if (outside && startClient) latest.current.finishAcross(startClient, { x: event.clientX, y: event.clientY });
      else latest.current.finish(latest.current.rectFor(start, toImagePoint(event.clientX, event.clientY, shown, view())));
      setAnchor(null);
      setCurrent(null);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
  }, []);

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
        setAnchorClient({ x: event.clientX, y: event.clientY });
        setCurrent(point);
        setOffset({ x: 0, y: 0 });
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
      {!rect && remote && (() => {
        const dipPerCss = frame.bounds.width / window.innerWidth;
        const left = Math.max(remote.x, frame.bounds.x);
        const top = Math.max(remote.y, frame.bounds.y);
        const right = Math.min(remote.x + remote.width, frame.bounds.x + frame.bounds.width);
        const bottom = Math.min(remote.y + remote.height, frame.bounds.y + frame.bounds.height);
        if (right <= left || bottom <= top) return null;
        const css = { left: (left - frame.bounds.x) / dipPerCss, top: (top - frame.bounds.y) / dipPerCss, width: (right - left) / dipPerCss, height: (bottom - top) / dipPerCss };
        return (
          <div
            className="selection"
            data-testid="remote-selection"
            style={{ ...css, backgroundImage: `url(${url})`, backgroundSize: `${window.innerWidth}px ${window.innerHeight}px`, backgroundPosition: `${-css.left}px ${-css.top}px` }}
          />
        );
      })()}
      {pointer && (
        <canvas
          ref={loupe}
          className="loupe"
          width={LOUPE}
          height={LOUPE}
          style={{ left: Math.min(pointer.client.x + 24, window.innerWidth - LOUPE - 8), top: Math.min(pointer.client.y + 24, window.innerHeight - LOUPE - 8) }}
        />
      )}
      {!rect && !remote && <p className="overlay-hint">{t('capture.hint')}</p>}
    </div>
  );
}

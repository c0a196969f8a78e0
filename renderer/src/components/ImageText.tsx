/**
 * The entry's image at a readable size, with the words the engine found drawn over it as boxes, faint until hovered.
 * It fits its view (width and height, never above 100%) by default; zoom with the buttons, Ctrl+wheel (about the
 * pointer) or +/−/0. Double-click or Space opens it full window, with the same boxes; Esc closes that.
 * With the pointer: a click on a box copies its text; a drag that starts on a box selects the run between it and the
 * box it ends on, in reading order; a drag that starts beside the boxes draws a band and takes every box it touches
 * (review L1); the middle button, or Space held, drags the picture about (a plain drag never pans: it selects).
 * With the keyboard: Tab (or the arrows) goes from box to box in reading order, Shift+arrows extend the selection,
 * Enter or Space copies, Ctrl/Cmd+A selects them all, Ctrl/Cmd+C copies, Esc lets the selection go.
 * Lines the engine doubts keep a dashed amber outline, hovered or not, saying how sure it was.
 * A QR code's or barcode's box is drawn apart from the words (review L3): a dashed violet outline with its kind on a
 * label, its content said on hover; the codes list beside the text says the same to a screen reader.
 * Boxes are in the original image's pixels, so the overlay's viewBox is the original's size whatever the zoom.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeView, WordView } from '../../../preload/api.ts';
import { fitScale, normalBand, wordsInBand, type Band } from '../image-view.ts';
import { joinWords, runBetween } from '../word-selection.ts';
import './ImageText.css';

interface Props {
  src: string;
  alt: string;
  /** The original's size: the space the boxes are in. */
  width: number;
  height: number;
  words: readonly WordView[];
  /** Doubtful lines: word index to confidence (doubtful-lines.ts). */
  doubts: ReadonlyMap<number, number>;
  selected: ReadonlySet<number>;
  /** Words the text panel's own selection covers. */
  linked: ReadonlySet<number>;
  onSelect: (indices: number[]) => void;
  onCopy: (text: string) => void;
  /** QR codes and barcodes found in the image, each drawn with its box. */
  codes?: readonly CodeView[];
  /** Drawn over the picture at its scale (the in-place translation, issue 24). */
  layer?: (scale: number) => ReactNode;
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const STEP = 1.25;
/** A press that moves less than this (in screen pixels) is a click, not a band. */
const BAND_SLOP = 3;

const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
const pointsOf = (box: number[][]): string => box.map(([x = 0, y = 0]) => `${x},${y}`).join(' ');

type Drag =
  | { kind: 'select'; anchor: number; last: number }
  | { kind: 'pan'; x: number; y: number; left: number; top: number }
  | { kind: 'band'; x: number; y: number; moved: boolean };

/** A code's label's height in screen pixels (ImageText.css: .code-label), to set it just above the code's box. */
const CODE_LABEL_HEIGHT = 18;

/** What hovering a code's box says: its kind and content, a long one cut short. */
const codeTip = (code: CodeView): string => `${code.format}: ${code.text.length > 200 ? `${code.text.slice(0, 199)}…` : code.text}`;

/** One box: re-drawn only when its own state changes, so a drag over 500 boxes touches only those it changes. */
const WordBox = memo(function WordBox({ word, index, selected, linked, doubt }: { word: WordView; index: number; selected: boolean; linked: boolean; doubt: string | null }) {
  return (
    <polygon
      points={pointsOf(word.box)}
      className={`word${selected ? ' selected' : ''}${linked ? ' linked' : ''}${doubt ? ' doubtful' : ''}`}
      data-index={index}
      data-testid="word-box"
      tabIndex={0}
      role="option"
      aria-selected={selected}
      aria-label={word.text}
      aria-description={doubt ?? undefined}
    >
      {doubt && <title>{doubt}</title>}
    </polygon>
  );
});

export function ImageText({ src, alt, width, height, words, doubts, selected, linked, onSelect, onCopy, codes = [], layer }: Props) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const overlay = useRef<SVGSVGElement>(null);
  const [fit, setFit] = useState(1);
  /** null: fit to the space there is (the default, and again after "Fit"). */
  const [zoom, setZoom] = useState<number | null>(null);
  const scale = zoom ?? fit;
  /** The scale as last asked for: wheel notches that land before a render build on each other. */
  const scaleNow = useRef(scale);
  scaleNow.current = scale;
  /** Full window: the same view, laid over the whole window (review H2). */
  const [full, setFull] = useState(false);
  const [band, setBand] = useState<Band | null>(null);
  /** What a click or band last copied, said in the full-window view, which covers the window's own notices. */
  const [copiedText, setCopiedText] = useState<string | null>(null);
  const drag = useRef<Drag | null>(null);
  const anchor = useRef<number | null>(null);
  /** Space is held on the picture: a drag pans; let go without one, it opens the full-window view. */
  const space = useRef<{ panned: boolean } | null>(null);
  const [panning, setPanning] = useState(false);
  /** A point of the image to keep under a point of the screen once the new scale is laid out. */
  const keep = useRef<{ imageX: number; imageY: number; clientX: number; clientY: number } | null>(null);

  useLayoutEffect(() => {
    const element = scroller.current;
    const frame = root.current;
    if (!element || !frame) return;
    // The view is as large as the picture, up to the room there is: stacked above the text, the room is the view's
    // CSS max-height; beside the text or full window, it is the column (or window) below the zoom bar.
    const measure = (): void => {
      const bound = Number.parseFloat(getComputedStyle(element).maxHeight);
      const style = getComputedStyle(frame);
      const px = (value: string): number => Number.parseFloat(value) || 0;
      const bar = frame.firstElementChild as HTMLElement | null;
      const roomWidth = frame.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
      const roomHeight = frame.clientHeight - px(style.paddingTop) - px(style.paddingBottom) - (bar?.offsetHeight ?? 0) - px(style.rowGap);
      // The view's border (1 px a side) is inside the room.
      setFit(fitScale({ width: roomWidth - 2, height: (Number.isFinite(bound) ? bound : roomHeight) - 2 }, { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, [width, height, full]);
  useEffect(() => setZoom(null), [src]);

  // After a zoom, the point that was under the pointer (or the view's middle) is put back under it.
  useLayoutEffect(() => {
    const point = keep.current;
    const element = scroller.current;
    const picture = stage.current;
    keep.current = null;
    if (!point || !element || !picture) return;
    const bounds = picture.getBoundingClientRect();
    element.scrollLeft += bounds.left + point.imageX * scale - point.clientX;
    element.scrollTop += bounds.top + point.imageY * scale - point.clientY;
  }, [scale]);

  /** Zooms about a point of the screen (the pointer, or the view's middle), keeping what is under it in place. */
  const zoomTo = (next: number, at?: { x: number; y: number }): void => {
    const element = scroller.current;
    const picture = stage.current;
    const target = clampScale(next);
    if (element && picture) {
      const view = element.getBoundingClientRect();
      const point = at ?? { x: view.left + element.clientWidth / 2, y: view.top + element.clientHeight / 2 };
      const bounds = picture.getBoundingClientRect();
      const current = scaleNow.current;
      keep.current = { imageX: (point.x - bounds.left) / current, imageY: (point.y - bounds.top) / current, clientX: point.x, clientY: point.y };
    }
    scaleNow.current = target;
    setZoom(target);
  };
  const zoomRef = useRef(zoomTo);
  zoomRef.current = zoomTo;

  // Ctrl+wheel zooms, and only zooms: React's onWheel is passive and cannot keep the view from scrolling as well
  // (review M17), so the listener is the element's own, not passive.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onWheel = (event: globalThis.WheelEvent): void => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      zoomRef.current(scaleNow.current * (event.deltaY < 0 ? STEP : 1 / STEP), { x: event.clientX, y: event.clientY });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  // The full-window view takes the focus while open and gives it back to the picture when it closes.
  const wasFull = useRef(false);
  useEffect(() => {
    if (full) scroller.current?.focus({ preventScroll: true });
    else if (wasFull.current) scroller.current?.focus({ preventScroll: true });
    wasFull.current = full;
    setCopiedText(null);
  }, [full]);

  const indexAt = (x: number, y: number): number | null => {
    const hit = document.elementFromPoint(x, y)?.closest('[data-index]');
    return hit && overlay.current?.contains(hit) ? Number(hit.getAttribute('data-index')) : null;
  };
  const copy = (indices: Iterable<number>): void => {
    const text = joinWords(words, indices);
    if (!text) return;
    onCopy(text);
    setCopiedText(text);
  };
  const focusBox = (index: number): void => {
    (overlay.current?.querySelector(`[data-index="${index}"]`) as SVGElement | null)?.focus();
  };
  /** A point of the screen in the image's pixels. */
  const imagePoint = (clientX: number, clientY: number): { x: number; y: number } => {
    const bounds = stage.current!.getBoundingClientRect();
    return { x: (clientX - bounds.left) / scale, y: (clientY - bounds.top) / scale };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    const element = scroller.current!;
    const pan = event.button === 1 || (event.button === 0 && space.current !== null);
    if (!pan && event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    if (pan) {
      event.preventDefault();
      if (space.current) space.current.panned = true;
      drag.current = { kind: 'pan', x: event.clientX, y: event.clientY, left: element.scrollLeft, top: element.scrollTop };
      setPanning(true);
      return;
    }
    const index = indexAt(event.clientX, event.clientY);
    if (index === null) {
      // Beside the boxes: a band, from here. The picture takes the focus, so Space and the keys act on it next.
      element.focus({ preventScroll: true });
      drag.current = { kind: 'band', x: event.clientX, y: event.clientY, moved: false };
      return;
    }
    event.preventDefault();
    anchor.current = index;
    drag.current = { kind: 'select', anchor: index, last: index };
    onSelect([index]);
    focusBox(index);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    const current = drag.current;
    if (!current) return;
    if (current.kind === 'pan') {
      scroller.current!.scrollLeft = current.left - (event.clientX - current.x);
      scroller.current!.scrollTop = current.top - (event.clientY - current.y);
      return;
    }
    if (current.kind === 'band') {
      if (!current.moved && Math.hypot(event.clientX - current.x, event.clientY - current.y) < BAND_SLOP) return;
      current.moved = true;
      const from = imagePoint(current.x, current.y);
      const to = imagePoint(event.clientX, event.clientY);
      const next = { x0: from.x, y0: from.y, x1: to.x, y1: to.y };
      setBand(next);
      onSelect(wordsInBand(words, next));
      return;
    }
    const index = indexAt(event.clientX, event.clientY);
    if (index === null || index === current.last) return;
    current.last = index;
    onSelect(runBetween(current.anchor, index));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
    const current = drag.current;
    drag.current = null;
    setPanning(false);
    if (current?.kind === 'select') copy(runBetween(current.anchor, current.last));
    if (current?.kind === 'band') {
      setBand(null);
      if (!current.moved) return onSelect([]);
      const from = imagePoint(current.x, current.y);
      const to = imagePoint(event.clientX, event.clientY);
      const taken = wordsInBand(words, { x0: from.x, y0: from.y, x1: to.x, y1: to.y });
      onSelect(taken);
      copy(taken);
    }
  };

  /** Tab stays within the full-window view while it is open: it is a dialog over the window. */
  const trapTab = (event: KeyboardEvent<HTMLDivElement>): void => {
    const stops = [...(root.current?.querySelectorAll<HTMLElement | SVGElement>('button:not(:disabled), [tabindex="0"]') ?? [])];
    const first = stops[0];
    const last = stops.at(-1);
    if (!first || !last) return;
    if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const mod = event.ctrlKey || event.metaKey;
    const focused = (event.target as Element).getAttribute?.('data-index');
    const index = focused === null ? null : Number(focused);
    if (full && event.key === 'Tab') return trapTab(event);
    if (full && event.key === 'Escape') {
      // Esc closes the full-window view first; the next lets the selection go, the one after leaves the result.
      event.preventDefault();
      event.stopPropagation();
      setFull(false);
      return;
    }
    if (event.key === ' ' && event.target === scroller.current) {
      event.preventDefault();
      if (!event.repeat) {
        space.current = { panned: false };
        setPanning(true);
      }
      return;
    }
    if (mod && event.key.toLowerCase() === 'a' && words.length > 0) {
      event.preventDefault();
      onSelect(words.map((_, i) => i));
      return;
    }
    if (mod && event.key.toLowerCase() === 'c' && selected.size > 0) {
      event.preventDefault();
      copy(selected);
      return;
    }
    if (!mod && (event.key === '+' || event.key === '=')) return zoomTo(scale * STEP);
    if (!mod && event.key === '-') return zoomTo(scale / STEP);
    if (!mod && event.key === '0') return setZoom(null);
    if (event.key === 'Escape' && selected.size > 0) {
      // The selection goes first; the next Esc leaves the result, as everywhere else in it.
      event.preventDefault();
      event.stopPropagation();
      onSelect([]);
      return;
    }
    if (index === null) return;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -index, End: words.length - 1 - index };
    if (event.key in moves) {
      event.preventDefault();
      const next = Math.min(words.length - 1, Math.max(0, index + moves[event.key]!));
      if (event.shiftKey) {
        anchor.current ??= index;
        onSelect(runBetween(anchor.current, next));
      } else {
        anchor.current = next;
      }
      focusBox(next);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (selected.has(index)) copy(selected);
      else {
        anchor.current = index;
        onSelect([index]);
        copy([index]);
      }
    }
  };
  const onKeyUp = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== ' ' || !space.current) return;
    const { panned } = space.current;
    space.current = null;
    if (!drag.current) setPanning(false);
    if (!panned && !full) setFull(true);
  };

  const percent = Math.round(scale * 100);
  const doubtSaid = (index: number): string | null => {
    const confidence = doubts.get(index);
    return confidence === undefined ? null : t('result.doubt.mark', { percent: Math.round(confidence * 100) });
  };
  const shownBand = band && normalBand(band);
  return (
    <div
      ref={root}
      className={`image-text${full ? ' full' : ''}`}
      data-testid={full ? 'image-viewer' : 'image-text'}
      role={full ? 'dialog' : undefined}
      aria-modal={full || undefined}
      aria-label={full ? t('layout.viewer') : undefined}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
    >
      <div className="zoom-bar" role="toolbar" aria-label={t('result.zoom')}>
        <button type="button" onClick={() => zoomTo(scale / STEP)} aria-label={t('result.zoomOut')} title={t('result.zoomOut')} data-testid="zoom-out">−</button>
        <button type="button" onClick={() => setZoom(null)} aria-pressed={zoom === null} data-testid="zoom-fit">{t('result.zoomFit')}</button>
        <button type="button" onClick={() => zoomTo(scale * STEP)} aria-label={t('result.zoomIn')} title={t('result.zoomIn')} data-testid="zoom-in">+</button>
        {/* The level is said only when it is not the picture's own size. */}
        <span className="muted zoom-level" aria-live="polite" data-testid="zoom-level">{percent === 100 ? '' : `${percent}%`}</span>
        {full ? (
          <>
            <span className="muted hint">{copiedText ? t('result.copiedWords', { text: copiedText.length > 48 ? `${copiedText.slice(0, 47)}…` : copiedText }) : t('layout.viewerHint')}</span>
            <button type="button" className="viewer-close" onClick={() => setFull(false)} aria-keyshortcuts="Escape" data-testid="image-close">{t('layout.closeViewer')}</button>
          </>
        ) : (
          <>
            {words.length > 0 && <span className="muted hint">{t('layout.wordsHint')}</span>}
            <button type="button" className="viewer-open" onClick={() => setFull(true)} aria-keyshortcuts="Space" title={t('layout.fullWindowTitle')} data-testid="image-full">{t('layout.fullWindow')}</button>
          </>
        )}
      </div>
      <div
        className={`image-scroll${panning ? ' panning' : ''}`}
        ref={scroller}
        tabIndex={0}
        role="group"
        aria-label={t('layout.imageLabel')}
        aria-keyshortcuts="Space"
        data-testid="image-scroll"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => ((drag.current = null), setBand(null), setPanning(false))}
        // The middle button's own autoscroll would fight the pan.
        onMouseDown={(event) => event.button === 1 && event.preventDefault()}
        onDoubleClick={() => !full && setFull(true)}
        onBlur={() => {
          if (!space.current) return;
          space.current = null;
          setPanning(false);
        }}
      >
        <div className="image-stage" ref={stage} style={{ width: width * scale, height: height * scale }}>
          <img src={src} alt={alt} draggable={false} />
          {words.length > 0 && (
            <svg ref={overlay} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="listbox" aria-multiselectable="true" aria-label={t('result.wordsLabel', { count: words.length })}>
              {words.map((word, index) => (
                <WordBox key={index} word={word} index={index} selected={selected.has(index)} linked={linked.has(index)} doubt={doubtSaid(index)} />
              ))}
            </svg>
          )}
          {codes.length > 0 && (
            // Above the words, but only a code's own box takes the pointer (for its tip), never the space between.
            // Hidden from screen readers: the codes list says each code in full.
            <svg className="code-layer" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true" data-testid="code-layer">
              {codes.map((code, index) => (
                <polygon key={index} className="code-box" points={pointsOf(code.box)} data-testid="code-box">
                  <title>{codeTip(code)}</title>
                </polygon>
              ))}
            </svg>
          )}
          {codes.map((code, index) => {
            const left = Math.max(0, Math.min(...code.box.map(([x = 0]) => x))) * scale;
            const top = Math.max(0, Math.min(...code.box.map(([, y = 0]) => y))) * scale;
            // Over the box's corner where there is room above it, so the label never hides the code; else inside it.
            const above = top >= CODE_LABEL_HEIGHT;
            return (
              <span key={index} className="code-label" aria-hidden="true" title={codeTip(code)} style={{ left, top: above ? top - CODE_LABEL_HEIGHT : top + 2 }} data-testid="code-label">
                {code.format}
              </span>
            );
          })}
          {layer?.(scale)}
          {shownBand && (
            <div
              className="band"
              data-testid="image-band"
              style={{ left: shownBand.left * scale, top: shownBand.top * scale, width: (shownBand.right - shownBand.left) * scale, height: (shownBand.bottom - shownBand.top) * scale }}
            />
          )}
        </div>
      </div>
    </div>
  );
}

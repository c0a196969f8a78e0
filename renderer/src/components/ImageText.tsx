/**
 * The entry's image at a readable size (fit by default; zoom with the buttons, Ctrl+wheel or +/−/0; pan by dragging
 * the picture or scrolling), with the words the engine found drawn over it as boxes, faint until hovered. A click on
 * a box copies its text; a drag across boxes selects the run between them in reading order and copies it; Ctrl/Cmd+A
 * selects them all and Ctrl/Cmd+C copies the selection. Keyboard alone: Tab (or the arrows) goes from box to box in
 * reading order, Shift+arrows extend the selection, Enter or Space copies, Esc lets the selection go.
 * Lines the engine doubts keep a dashed amber outline, hovered or not, saying how sure it was.
 * Boxes are in the original image's pixels, so the overlay's viewBox is the original's size whatever the zoom.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WordView } from '../../../preload/api.ts';
import { joinWords, runBetween } from '../word-selection.ts';

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
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
/** Fit never blows a small capture up past this: beyond it pixels only get bigger, not clearer. */
const MAX_FIT = 2;
const STEP = 1.25;

const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
const pointsOf = (box: number[][]): string => box.map(([x = 0, y = 0]) => `${x},${y}`).join(' ');

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

export function ImageText({ src, alt, width, height, words, doubts, selected, linked, onSelect, onCopy }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const overlay = useRef<SVGSVGElement>(null);
  const [fit, setFit] = useState(1);
  /** null: fit to the space there is (the default, and again after "Fit"). */
  const [zoom, setZoom] = useState<number | null>(null);
  const scale = zoom ?? fit;
  const drag = useRef<{ kind: 'select'; anchor: number; last: number } | { kind: 'pan'; x: number; y: number; left: number; top: number } | null>(null);
  const anchor = useRef<number | null>(null);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // The view's own height follows the picture, up to its CSS max-height: fit to the width and that bound.
    const measure = (): void => {
      const tallest = Number.parseFloat(getComputedStyle(element).maxHeight) || window.innerHeight * 0.7;
      setFit(Math.min(MAX_FIT, (element.clientWidth - 2) / width, (tallest - 2) / height) || 1);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [width, height]);
  useEffect(() => setZoom(null), [src]);

  /** Zooms about a point of the view (the pointer, or the middle), keeping what is under it in place. */
  const zoomTo = (next: number, at?: { x: number; y: number }): void => {
    const element = scroller.current;
    const target = clampScale(next);
    if (!element) return setZoom(target);
    const point = at ?? { x: element.clientWidth / 2, y: element.clientHeight / 2 };
    const imageX = (element.scrollLeft + point.x) / scale;
    const imageY = (element.scrollTop + point.y) / scale;
    setZoom(target);
    requestAnimationFrame(() => {
      element.scrollLeft = imageX * target - point.x;
      element.scrollTop = imageY * target - point.y;
    });
  };

  const indexAt = (x: number, y: number): number | null => {
    const hit = document.elementFromPoint(x, y)?.closest('[data-index]');
    return hit && overlay.current?.contains(hit) ? Number(hit.getAttribute('data-index')) : null;
  };
  const copy = (indices: Iterable<number>): void => {
    const text = joinWords(words, indices);
    if (text) onCopy(text);
  };
  const focusBox = (index: number): void => {
    (overlay.current?.querySelector(`[data-index="${index}"]`) as SVGElement | null)?.focus();
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    const index = indexAt(event.clientX, event.clientY);
    const element = scroller.current!;
    event.currentTarget.setPointerCapture(event.pointerId);
    if (index === null) {
      drag.current = { kind: 'pan', x: event.clientX, y: event.clientY, left: element.scrollLeft, top: element.scrollTop };
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
    const index = indexAt(event.clientX, event.clientY);
    if (index === null || index === current.last) return;
    current.last = index;
    onSelect(runBetween(current.anchor, index));
  };
  const onPointerUp = (): void => {
    const current = drag.current;
    drag.current = null;
    if (current?.kind === 'select') copy(runBetween(current.anchor, current.last));
  };

  const onWheel = (event: WheelEvent<HTMLDivElement>): void => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    const bounds = scroller.current!.getBoundingClientRect();
    zoomTo(scale * (event.deltaY < 0 ? STEP : 1 / STEP), { x: event.clientX - bounds.left, y: event.clientY - bounds.top });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const mod = event.ctrlKey || event.metaKey;
    const focused = (event.target as Element).getAttribute?.('data-index');
    const index = focused === null ? null : Number(focused);
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

  const percent = Math.round(scale * 100);
  const doubtSaid = (index: number): string | null => {
    const confidence = doubts.get(index);
    return confidence === undefined ? null : t('result.doubt.mark', { percent: Math.round(confidence * 100) });
  };
  return (
    <div className="image-text" data-testid="image-text" onKeyDown={onKeyDown}>
      <div className="zoom-bar" role="toolbar" aria-label={t('result.zoom')}>
        <button type="button" onClick={() => zoomTo(scale / STEP)} aria-label={t('result.zoomOut')} title={t('result.zoomOut')} data-testid="zoom-out">−</button>
        <button type="button" onClick={() => setZoom(null)} aria-pressed={zoom === null} data-testid="zoom-fit">{t('result.zoomFit')}</button>
        <button type="button" onClick={() => zoomTo(scale * STEP)} aria-label={t('result.zoomIn')} title={t('result.zoomIn')} data-testid="zoom-in">+</button>
        <span className="muted" aria-live="polite" data-testid="zoom-level">{percent}%</span>
        {words.length > 0 && <span className="muted hint">{t('result.wordsHint')}</span>}
      </div>
      <div
        className="image-scroll"
        ref={scroller}
        data-testid="image-scroll"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
        onWheel={onWheel}
      >
        <div className="image-stage" style={{ width: width * scale, height: height * scale }}>
          <img src={src} alt={alt} draggable={false} />
          {words.length > 0 && (
            <svg ref={overlay} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="listbox" aria-multiselectable="true" aria-label={t('result.wordsLabel', { count: words.length })}>
              {words.map((word, index) => (
                <WordBox key={index} word={word} index={index} selected={selected.has(index)} linked={linked.has(index)} doubt={doubtSaid(index)} />
              ))}
            </svg>
          )}
        </div>
      </div>
    </div>
  );
}

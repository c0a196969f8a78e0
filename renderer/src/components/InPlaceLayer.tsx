/**
 * The translation drawn in place over the image (issue 24): each translated line inside its line's box, on the
 * colour sampled from the image around that box, in black or white for contrast, at the largest size that fits the
 * box. Real DOM text, so it can be selected and copied; a drag on it selects its text and never starts the picture's
 * own box selection. Laid in the image's stage, so the picture's zoom and fit apply (positions times the scale).
 */
import { useEffect, useMemo, useState, type ClipboardEvent, type SyntheticEvent } from 'react';
import type { WordView } from '../../../preload/api.ts';
import { borderColour, boxRect, cssColour, fitFontSize, inkFor, type Measure, type Rgb } from '../in-place.ts';
import './InPlaceLayer.css';

interface Props {
  src: string;
  /** The original's size: the space the boxes are in. */
  width: number;
  height: number;
  words: readonly WordView[];
  /** One translation per word box (same order); null where a line has none. */
  lines: readonly (string | null)[];
  scale: number;
  label: string;
}

/** The CSS line height of a drawn line (InPlaceLayer.css), which the fit measures with. */
const LINE_HEIGHT = 1.15;
const FONT_FAMILY = 'system-ui, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** The colours around every box, from a canvas over the same image (the data URL is the app's own: never tainted). */
function useBackgrounds(src: string, width: number, height: number, words: readonly WordView[]): Rgb[] | null {
  const [colours, setColours] = useState<Rgb[] | null>(null);
  useEffect(() => {
    let live = true;
    setColours(null);
    const image = new Image();
    image.onload = () => {
      if (!live) return;
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) return;
      context.drawImage(image, 0, 0, width, height);
      const data = context.getImageData(0, 0, width, height).data;
      setColours(words.map((word) => borderColour(data, width, height, boxRect(word.box))));
    };
    image.src = src;
    return () => {
      live = false;
    };
  }, [src, width, height, words]);
  return colours;
}

/** A canvas measure in the layer's own font. */
function canvasMeasure(): Measure {
  const context = document.createElement('canvas').getContext('2d');
  return (text, size) => {
    if (!context) return { width: text.length * size, height: size * LINE_HEIGHT };
    context.font = `${size}px ${FONT_FAMILY}`;
    return { width: context.measureText(text).width, height: size * LINE_HEIGHT };
  };
}

export function InPlaceLayer({ src, width, height, words, lines, scale, label }: Props) {
  const colours = useBackgrounds(src, width, height, words);
  // Fitted once in the original's pixels; the zoom only multiplies.
  const fitted = useMemo(() => {
    const measure = canvasMeasure();
    return words.map((word, index) => {
      const text = lines[index];
      if (!text) return null;
      const rect = boxRect(word.box);
      return { rect, text, size: fitFontSize(text, rect, measure) };
    });
  }, [words, lines]);
  const stop = (event: SyntheticEvent): void => event.stopPropagation();
  // Lines laid out apart copy as one run with the browser's own copy: here each line the selection touches is one
  // line of the text copied (the part of it selected, where the selection starts or ends inside it).
  const copy = (event: ClipboardEvent<HTMLDivElement>): void => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    const picked = [...event.currentTarget.querySelectorAll<HTMLElement>('.in-place-line')]
      .filter((line) => range.intersectsNode(line))
      .map((line) => {
        const part = document.createRange();
        part.selectNodeContents(line);
        if (line.contains(range.startContainer)) part.setStart(range.startContainer, range.startOffset);
        if (line.contains(range.endContainer)) part.setEnd(range.endContainer, range.endOffset);
        return part.toString();
      });
    if (picked.length === 0) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', picked.join('\n'));
  };
  return (
    <div className="in-place-layer" role="region" aria-label={label} data-testid="in-place" onPointerDown={stop} onDoubleClick={stop} onCopy={copy}>
      {fitted.map((line, index) => {
        if (!line) return null;
        const background = colours?.[index] ?? { r: 255, g: 255, b: 255 };
        return (
          <div
            key={index}
            className="in-place-line"
            data-testid="in-place-line"
            data-index={index}
            style={{
              left: line.rect.left * scale,
              top: line.rect.top * scale,
              width: line.rect.width * scale,
              height: line.rect.height * scale,
              fontSize: line.size * scale,
              fontFamily: FONT_FAMILY,
              lineHeight: LINE_HEIGHT,
              background: cssColour(background),
              color: cssColour(inkFor(background)),
            }}
          >
            {line.text}
          </div>
        );
      })}
    </div>
  );
}

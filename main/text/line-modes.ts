/**
 * How a result's lines are joined (issue 22): as on screen, as paragraphs (wrapped lines joined), on one line, or in
 * their layout (columns aligned with spaces). Computed when shown, copied or exported, never stored: a past result
 * changes mode without being read again. Where the engine gave its lines' places (entry.words: the offline engine,
 * Qwen's text with positions) and the text is still the engine's own, the places decide; an edited text, or a
 * reading without places, is shaped as text (text-modes.ts).
 */
import { layoutText } from '../ocr/layout.ts';
import type { Placed } from '../ocr/reading-order.ts';
import { spatialText } from './spatial.ts';
import { layoutOfText, oneLineOfParagraphs, oneLineOfText, paragraphsOfText } from './text-modes.ts';

export const LINE_MODES = ['lines', 'paragraphs', 'one-line', 'layout'] as const;
export type LineMode = (typeof LINE_MODES)[number];
/** The engines' own text: what every result showed before there were modes. */
export const DEFAULT_LINE_MODE: LineMode = 'lines';

export interface ShapeSource {
  text: string;
  editedText: string | null;
  words: readonly Placed[] | null;
}

const bare = (text: string): string => text.replace(/\s+/gu, '');

/** The places, where they are the text's: the same characters in the same order (whitespace aside). */
function placesOf(source: ShapeSource): readonly Placed[] | null {
  if (source.editedText !== null || !source.words || source.words.length === 0) return null;
  return bare(source.words.map((word) => word.text).join('')) === bare(source.text) ? source.words : null;
}

/** `source`'s text shaped by `mode`. */
export function shapeText(source: ShapeSource, mode: LineMode): string {
  const places = placesOf(source);
  const text = source.editedText ?? source.text;
  if (mode === 'lines') return places ? layoutText(places, 'none') : text;
  if (mode === 'paragraphs') return places ? layoutText(places, 'all') : paragraphsOfText(text);
  if (mode === 'layout') return places ? spatialText(places) : layoutOfText(text);
  return places ? oneLineOfParagraphs(layoutText(places, 'all')) : oneLineOfText(text);
}

/** Text alone, shaped by `mode` (an edit, a draft). */
export const shapePlainText = (text: string, mode: LineMode): string => shapeText({ text, editedText: null, words: null }, mode);

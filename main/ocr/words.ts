/**
 * Text with its place on the image: what an engine found where (the offline engine's lines; a word or line from
 * advanced recognition, issue 13), as four corners clockwise from top-left. Engines give them in the pixels of the
 * image they were sent; toOriginalPixels maps them to the upright original the user sees.
 */
import { z } from 'zod';
import { parseJsonAs } from '../parse-json.ts';

export interface Word {
  text: string;
  box: number[][];
  /** 0 to 1 where the engine says; null where it does not. */
  confidence: number | null;
}

/**
 * From the sent image's pixels to the original's: the sent image is the upright original resized (prepare.ts
 * applies the EXIF orientation before it resizes), so a scale per axis maps it; kept to a tenth of a pixel.
 */
export function toOriginalPixels(words: readonly Word[], sent: { width: number; height: number }, original: { width: number; height: number }): Word[] {
  const sx = original.width / sent.width;
  const sy = original.height / sent.height;
  const tenth = (value: number): number => Math.round(value * 10) / 10;
  return words.map((word) => ({
    ...word,
    box: word.box.map(([x = 0, y = 0]) => [tenth(Math.min(original.width, Math.max(0, x * sx))), tenth(Math.min(original.height, Math.max(0, y * sy)))]),
  }));
}

const WORDS = z.array(z.object({ text: z.string(), box: z.array(z.tuple([z.number(), z.number()])).length(4), confidence: z.number().nullable() }));

/** Words as the history keeps them (JSON), read back defensively: anything not of this shape is no words at all. */
export const parseWords = (json: string | null): Word[] | null => parseJsonAs(WORDS, json);

/**
 * Reading an image with a language pack, where the offline engine runs (its worker): PP-OCR's detector finds the
 * lines, as for the built-in languages, and Tesseract reads each one on its own. Tesseract's own page layout cuts
 * UI screens (short labels, buttons, icons, coloured panels) into wrong blocks, while our detector was made for
 * them; given one line, Tesseract only has to read it. A line standing upright (a column of vertical text) goes to
 * the pack's vertical model where it has one (jpn_vert).
 */
import type { Region, Rgb } from '../ocr/ppocr/image.ts';
import { readingConfidence, type OcrLine, type Reading } from '../ocr/ppocr/pipeline.ts';
import { median } from '../median.ts';
import { lineImage } from './line-image.ts';
import { TesseractLines } from './tesseract.ts';

/** An installed pack as the engine's worker needs it (store.ts's InstalledPack, less what only main uses). */
export interface PackModels {
  folder: string;
  horizontal: string;
  vertical: string | null;
}

/** Models loaded once, kept while the worker lives (a model takes about a second to load, a line 0.1 s to read). */
const loaded = new Map<string, Promise<TesseractLines>>();

function reader(folder: string, model: string, vertical: boolean): Promise<TesseractLines> {
  const key = `${folder}\0${model}\0${vertical}`;
  let lines = loaded.get(key);
  if (!lines) {
    lines = TesseractLines.load(folder, model, vertical);
    // A model that failed to load is tried again next time (the pack may have been added again since).
    lines.catch(() => loaded.delete(key));
    loaded.set(key, lines);
  }
  return lines;
}

/**
 * A column rather than a line: as tall as 1.5 widths and as 2.5 of the image's usual line thicknesses, so that a
 * lone narrow character ("1", "l") is not taken for one (the rule ppocr/pipeline.ts turns crops by).
 */
function isUpright(region: Region, thickness: number): boolean {
  return region.height >= 1.5 * region.width && region.height >= 2.5 * thickness;
}

/** Han, kana and their punctuation: scripts written without spaces. Hangul is not: Korean spaces its words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff60\u30fc]/u;

/**
 * Tesseract puts a space beside every character of scripts written without them ("変更 を 保存", "2026 年 11 月");
 * a space next to one goes, and the spaces between words of other scripts (Korean's, English's) stay.
 */
export function tidyLine(text: string): string {
  const chars = [...text.trim().replace(/\s+/g, ' ')];
  return chars.filter((c, i) => c !== ' ' || !(UNSPACED.test(chars[i - 1] ?? '') || UNSPACED.test(chars[i + 1] ?? ''))).join('');
}

const corners = ({ x, y, width, height }: Region): number[][] => [
  [x, y],
  [x + width, y],
  [x + width, y + height],
  [x, y + height],
];

export async function readWithPack(image: Rgb, regions: readonly Region[], pack: PackModels): Promise<Reading> {
  const thickness = median(regions.map((region) => Math.min(region.width, region.height)));
  const lines: OcrLine[] = [];
  for (const region of regions) {
    const upright = isUpright(region, thickness);
    const model = upright && pack.vertical ? pack.vertical : pack.horizontal;
    const read = await (await reader(pack.folder, model, upright)).read(await lineImage(image, region, upright));
    lines.push({ text: tidyLine(read.text), mean: read.confidence, box: corners(region) });
  }
  return { lines: lines.filter((line) => line.text !== ''), confidence: readingConfidence(lines) };
}

/** Every loaded model's worker ended (the engine's own models are let go at the same time). */
export async function releasePackReaders(): Promise<void> {
  const all = [...loaded.values()];
  loaded.clear();
  await Promise.all(all.map((lines) => lines.then((l) => l.close(), () => undefined)));
}

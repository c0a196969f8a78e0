/**
 * Whether a line was read right, against a page's truth: the line is right when it stands, character for character
 * and space for space, somewhere in one of the page's lines (the detector may cut a row into cells or pieces).
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { modelFiles } from '../../main/ocr/model-files.ts';
import { PpOcr, type OcrLine } from '../../main/ocr/ppocr/pipeline.ts';

const squeeze = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Edit distance between `read` and the substring of `truth` it is closest to (free ends on the truth's side). */
export function distanceWithin(read: string, truth: string): number {
  const a = [...read];
  const b = [...truth];
  let previous: number[] = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return Math.min(...previous);
}

/** True when the line stands whole in one of the truth's lines or cells. */
export function readRight(line: string, truth: string): boolean {
  const read = squeeze(line);
  const pieces = truth.split(/\n|\t/).map(squeeze).filter(Boolean);
  return read !== '' && pieces.some((piece) => distanceWithin(read, piece) === 0);
}

export interface JudgedLine {
  line: OcrLine;
  right: boolean;
}

/** Every line the engine reads in each image at each scale (smaller: more misread), judged against its truth. */
export async function judgeLines(images: ReadonlyArray<{ png: Buffer; truth: string }>, scales: readonly number[]): Promise<JudgedLine[]> {
  const models = modelFiles();
  const ocr = await PpOcr.create({ InferenceSession, Tensor }, { detection: models.detectionPath, recognition: models.recognitionPath, dictionary: readFileSync(models.dictionaryPath, 'utf8') }, { minConfidence: 0 });
  const judged: JudgedLine[] = [];
  for (const image of images) {
    const { width = 1, height = 1 } = await sharp(image.png).metadata();
    for (const scale of scales) {
      const { data, info } = await sharp(image.png).resize(Math.round(width * scale), Math.round(height * scale), { kernel: 'lanczos3' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      const { lines } = await ocr.read({ data, width: info.width, height: info.height });
      for (const line of lines) if (line.text !== '') judged.push({ line, right: readRight(line.text, image.truth) });
    }
  }
  return judged;
}

/** The chance that a wrong line scores below a right one (0.5: no better than a coin). */
export function separation(judged: readonly JudgedLine[], score: (line: OcrLine) => number): number {
  const wrong = judged.filter((j) => !j.right).map((j) => score(j.line));
  const right = judged.filter((j) => j.right).map((j) => score(j.line));
  let wins = 0;
  for (const w of wrong) for (const r of right) wins += w < r ? 1 : w === r ? 0.5 : 0;
  return wins / Math.max(1, wrong.length * right.length);
}

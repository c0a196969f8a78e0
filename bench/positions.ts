/**
 * Positions are right: on the bench's rendered screenshots (bench/screens.ts, each line's true box taken from the
 * page's layout), every box the offline engine and the local protocol server's advanced recognition return,
 * mapped back to the original through the pipeline (smart_resize, EXIF orientation), overlaps its true box with
 * IoU at least 0.5. A line's true box is its layout box (the words' Range rectangles, the font's full height); a
 * returned box's true box is the union of the lines it covers (an engine may read a table row, or two columns, as
 * one line). Each screenshot is read twice: as rendered, and as a JPEG stored turned a
 * quarter with EXIF orientation 6 (upright only once the orientation is applied). The server's finder sees rows of
 * ink across a plain background, so the 4K desktop (windows on a grey backdrop) is the offline engine's alone.
 */
import sharp from 'sharp';
import { LocalEngine } from '../main/ocr/local.ts';
import type { OcrEngine } from '../main/ocr/engine.ts';
import { QwenEngine } from '../main/ocr/qwen.ts';
import { recognizeImage } from '../main/recognize.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { DashScopeServer } from '../test/support/dashscope-server.ts';
import { renderScreens, type Screen } from './screens.ts';
import { table } from './stats.ts';

type Rect = [number, number, number, number];

const area = ([l, t, r, b]: Rect): number => Math.max(0, r - l) * Math.max(0, b - t);
const intersect = (a: Rect, b: Rect): Rect => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
const iou = (a: Rect, b: Rect): number => {
  const common = area(intersect(a, b));
  return common / (area(a) + area(b) - common || 1);
};
const rectOf = (box: number[][]): Rect => {
  const xs = box.map((p) => p[0] ?? 0);
  const ys = box.map((p) => p[1] ?? 0);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};

/** The union of the page lines a returned box covers (half of the smaller of the two at least); null for none. */
function truthFor(found: Rect, lines: readonly Rect[]): Rect | null {
  const covered = lines.filter((line) => area(intersect(line, found)) >= 0.5 * Math.min(area(line), area(found)));
  if (covered.length === 0) return null;
  return covered.reduce((u, r) => [Math.min(u[0], r[0]), Math.min(u[1], r[1]), Math.max(u[2], r[2]), Math.max(u[3], r[3])]);
}

/** EXIF orientation 6: the pixels stored a quarter turn anticlockwise, to be shown turned clockwise. */
async function storedTurned(png: Buffer): Promise<Buffer> {
  const turned = await sharp(png).rotate(270).jpeg({ quality: 95 }).toBuffer();
  return sharp(turned).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
}

interface Tally {
  boxes: number;
  good: number;
  worst: number;
  sum: number;
}

async function measure(engine: OcrEngine, screen: Screen, lines: readonly Rect[], bytes: Buffer, tally: Tally, server?: DashScopeServer): Promise<void> {
  server?.script({ kind: 'ok', text: screen.truth.split('\n').filter(Boolean).join('\n') });
  const outcome = await recognizeImage(bytes, screen.name, { engine, prompt: '', task: { task: 'advanced' }, source: { kind: 'file', path: screen.name, name: screen.name } });
  if (!outcome.ok) throw outcome.error;
  for (const word of outcome.result.words ?? []) {
    const found = rectOf(word.box);
    const truth = truthFor(found, lines);
    const score = truth ? iou(found, truth) : 0;
    tally.boxes++;
    tally.sum += score;
    tally.worst = Math.min(tally.worst, score);
    if (score >= 0.5) tally.good++;
    // POSITIONS_DEBUG=1 names every box under the goal.
    else if (process.env.POSITIONS_DEBUG) console.error(screen.name, JSON.stringify(word.text), found.map(Math.round), truth?.map(Math.round), score.toFixed(2));
  }
}

export async function benchPositions(): Promise<string> {
  const browser = await launchChromium();
  const { screens, fourK } = await renderScreens(browser);
  await browser.close();
  const server = await new DashScopeServer().start();
  server.validKeys.add('sk-bench');
  const engines: Array<[string, OcrEngine, DashScopeServer | undefined, Screen[]]> = [
    ['offline engine', new LocalEngine(), undefined, [...screens, fourK]],
    ['advanced (protocol server)', new QwenEngine({ baseURL: server.baseURL, apiKey: 'sk-bench', api: 'native' }), server, screens],
  ];
  const rows: string[][] = [];
  try {
    for (const [name, engine, through, corpus] of engines) {
      for (const turned of [false, true]) {
        const tally: Tally = { boxes: 0, good: 0, worst: 1, sum: 0 };
        for (const screen of corpus) await measure(engine, screen, screen.lines, turned ? await storedTurned(screen.png) : screen.png, tally, through);
        rows.push([name, turned ? 'JPEG, EXIF 6' : 'PNG', String(tally.boxes), `${tally.good} (${((100 * tally.good) / tally.boxes).toFixed(1)}%)`, (tally.sum / tally.boxes).toFixed(3), tally.worst.toFixed(3)]);
      }
      await engine.close?.();
    }
  } finally {
    await server.stop();
  }
  return [
    `positions: IoU of each returned box with its true box (page layout), ${screens.length} screenshots${' + the 4K desktop for the offline engine'}; goal: every box >= 0.5`,
    table([['engine', 'image', 'boxes', 'IoU >= 0.5', 'mean IoU', 'worst IoU'], ...rows]),
  ].join('\n');
}

/**
 * The offline engine (issue 12): our PP-OCR pipeline against the engine it replaced (@gutenye/ocr-node, same models),
 * both in this run, on screenshots rendered in Chromium (screens.ts) and a 4K frame. Warm time per image, peak memory
 * of a process reading the 4K frame, cold `readout --engine local` against a cold baseline process, the command's own
 * start-up against `node -e 0`, and character error both with whitespace ignored and with spaces counted.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { linesToText } from '../main/ocr/local.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { baselineReader, oursReader, type Reader } from './offline-read.ts';
import { characterErrors, renderScreens, type Screen } from './screens.ts';
import { measure, ms, ratio, summarize, table } from './stats.ts';

const run = promisify(execFile);
const readoutBin = new URL('../bin/readout.js', import.meta.url).pathname;
const readOne = new URL('./offline-read.ts', import.meta.url).pathname;

/** Runs a command to its end, its stdout kept; a failing exit counts too (a usage error is what is timed). */
async function exec(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await run(command, args, { env, maxBuffer: 1 << 24 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return stdout;
}

/** Median wall time of a command (stats.ts: one run first, not counted, so the disk cache is the same for all). */
const startMedian = async (runs: number, args: string[], env?: NodeJS.ProcessEnv): Promise<number> => (await measure(runs, () => exec(process.execPath, args, env))).median;

const f3 = (n: number): string => n.toFixed(3);

async function warmTable(screens: Screen[], ours: Reader, baseline: Reader): Promise<{ rows: string[][]; oursMedian: number; baseMedian: number; worse: string[] }> {
  const rows = [['image', 'size', 'ours', 'baseline', 'speed-up', 'CER ours (ign/spaced)', 'CER baseline (ign/spaced)']];
  const oursTimes: number[] = [];
  const baseTimes: number[] = [];
  const worse: string[] = [];
  for (const screen of screens) {
    const { width, height } = await sharp(screen.png).metadata();
    const a = await measure(3, () => ours(screen.png));
    const b = await measure(1, () => baseline(screen.png));
    const ea = characterErrors(screen.truth, linesToText(await ours(screen.png)));
    const eb = characterErrors(screen.truth, linesToText(await baseline(screen.png)));
    if (ea.ignored - eb.ignored > 0.005 || ea.spaced - eb.spaced > 0.005) worse.push(screen.name);
    // The median is over the screenshots: the 4K frames have rows and figures of their own.
    if (!screen.name.startsWith('4k-')) {
      oursTimes.push(a.median);
      baseTimes.push(b.median);
    }
    rows.push([screen.name, `${width}x${height}`, ms(a.median), ms(b.median), `${(b.median / a.median).toFixed(2)}x`, `${f3(ea.ignored)} / ${f3(ea.spaced)}`, `${f3(eb.ignored)} / ${f3(eb.spaced)}`]);
  }
  return { rows, oursMedian: summarize(oursTimes).median, baseMedian: summarize(baseTimes).median, worse };
}

export async function benchOffline(): Promise<string> {
  const browser = await launchChromium();
  const { screens, fourK, fourKAt100 } = await renderScreens(browser).finally(() => browser.close());
  const [ours, baseline] = [await oursReader(), await baselineReader()];
  const warm = await warmTable([...screens, fourK, fourKAt100], ours, baseline);

  const dir = mkdtempSync(join(tmpdir(), 'readout-bench-offline-'));
  try {
    const [fourKFile, fourKAt100File, smallFile] = [join(dir, '4k.png'), join(dir, '4k-100.png'), join(dir, 'small.png')];
    writeFileSync(fourKFile, fourK.png);
    writeFileSync(fourKAt100File, fourKAt100.png);
    writeFileSync(smallFile, screens.find((s) => s.name === 'settings-light@1x')!.png);
    const rss = async (which: string, file: string): Promise<number> => (JSON.parse(await exec(process.execPath, [readOne, which, file])) as { maxRssMb: number }).maxRssMb;
    const [rssOurs, rssBase] = [await rss('ours', fourKFile), await rss('baseline', fourKFile)];
    // At 100% the frame is looked at twice, the second time at full size in tiles (ppocr/pipeline.ts, read()).
    const [rss100Ours, rss100Base] = [await rss('ours', fourKAt100File), await rss('baseline', fourKAt100File)];

    const env = { ...process.env, DASHSCOPE_API_KEY: '' };
    const coldOurs = await startMedian(3, [readoutBin, '--engine', 'local', '--no-history', smallFile], env);
    const coldBase = await startMedian(3, [readOne, 'baseline', smallFile]);
    const nodeStart = await startMedian(5, ['-e', '0']);
    const help = await startMedian(5, [readoutBin, '--help']);
    const usage = await startMedian(5, [readoutBin, '--bogus']);

    const [fourKRow, fourKAt100Row] = warm.rows.slice(-2) as [string[], string[]];
    return [
      'Offline engine: ours (ppocr/pipeline.ts) against the baseline (@gutenye/ocr-node, same PP-OCRv4 models), same run',
      `(warm: median of 3 after a warm-up for ours, 1 for the baseline; goals: typical crop <= 250 ms, 4K <= 1,500 ms, >= 4x)`,
      table(warm.rows),
      '',
      table([
        ['figure', 'ours', 'baseline', 'ratio'],
        ['warm, median over the screenshots', ms(warm.oursMedian), ms(warm.baseMedian), `${(warm.baseMedian / warm.oursMedian).toFixed(2)}x faster`],
        ['warm, 4K frame', fourKRow[2]!, fourKRow[3]!, fourKRow[4]!],
        ['warm, 4K frame at 100% scaling (CER ours / baseline)', fourKAt100Row[2]!, fourKAt100Row[3]!, `${fourKAt100Row[4]!} (${fourKAt100Row[5]!.split(' ')[0]} / ${fourKAt100Row[6]!.split(' ')[0]})`],
        ['peak RSS, a process reading the 4K frame (goal <= 700 MB)', `${rssOurs.toFixed(0)} MB`, `${rssBase.toFixed(0)} MB`, ratio(rssOurs, rssBase)],
        ['peak RSS, reading the 4K frame at 100% scaling', `${rss100Ours.toFixed(0)} MB`, `${rss100Base.toFixed(0)} MB`, ratio(rss100Ours, rss100Base)],
        ['cold, one process reading a small image', ms(coldOurs), ms(coldBase), ratio(coldOurs, coldBase)],
        ['readout --help (goal 150 ms) vs node -e 0', ms(help), ms(nodeStart), ratio(help, nodeStart)],
        ['readout usage error vs node -e 0', ms(usage), ms(nodeStart), ratio(usage, nodeStart)],
      ]),
      warm.worse.length === 0 ? 'Accuracy: within 0.005 of the baseline on every image.' : `Accuracy: more than 0.005 worse than the baseline on ${warm.worse.join(', ')}.`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) process.stdout.write(`${await benchOffline()}\n`);

/**
 * Bad-input review 2's PDF classes (H1, H2, M5) through the real command, the whole process tree's peak memory
 * sampled from /proc (process-tree.ts), time to the end, and the outcome: each class's file, a page saying FIRST
 * PAGE, the hostile page, a page saying THIRD PAGE, read with the offline engine (the default without a key), as a
 * user would run it. Bound: 1,200 MB, 20 s a page; runs are stopped at 60 s as the review stopped its cases.
 *
 * Baseline in the same run: READOUT_BEFORE names a checkout of the code before this change (pdf.js and its canvas in
 * the command's own process), e.g. `git archive 164af19 | tar -x -C /tmp/readout-before` with node_modules linked
 * from this one: each class is run there too. Run: node bench/pdf-bounds.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import sharp from 'sharp';
import { join } from 'node:path';
import * as hostile from '../test/support/hostile-pdfs.ts';
import { repoRoot } from '../test/support/paths.ts';
import { runTree, type TreeRun } from './process-tree.ts';
import { table } from './stats.ts';

const KILL_AFTER_MS = 60_000;
const around = (page: ReturnType<typeof hostile.plainPage>): Buffer => hostile.pagesPdf([hostile.plainPage('FIRST PAGE'), page, hostile.plainPage('THIRD PAGE')]);

/** H3: round 1's SVG filter bomb (a blur the sanitiser drops), given to the code scanner. */
const SVG_BOMB = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="9000" height="9000"><filter id="f"><feGaussianBlur stdDeviation="2000"/>' +
    '<feMorphology radius="500"/></filter><rect width="9000" height="9000" filter="url(#f)"/></svg>',
);

/** M7: 6320 x 6320 of QR finder patterns (7 x 7 modules of 6 px, a module apart), a few hundred KB of PNG. */
async function finderPatterns(): Promise<Buffer> {
  const m = 6;
  const tile = Buffer.alloc(48 * 48 * 3, 255);
  for (let y = 0; y < 42; y++) {
    for (let x = 0; x < 42; x++) {
      const [mx, my] = [Math.floor(x / m), Math.floor(y / m)];
      const ring = Math.max(Math.abs(mx - 3), Math.abs(my - 3));
      if (ring !== 2) tile.fill(0, (y * 48 + x) * 3, (y * 48 + x) * 3 + 3);
    }
  }
  const cell = await sharp(tile, { raw: { width: 48, height: 48, channels: 3 } }).png().toBuffer();
  return sharp({ create: { width: 6320, height: 6320, channels: 3, background: '#ffffff' } }).composite([{ input: cell, tile: true }]).png().toBuffer();
}

type Make = () => Buffer | Promise<Buffer>;

/**
 * The PDF classes take each page's own text (--pdf-text always): the bound under test is drawing the page, and the
 * offline engine reading 8-megapixel pages on a loaded machine would be most of the time. One row reads with it, for
 * the whole tree's memory with its models loaded.
 */
const LAYER = ['--pdf-text', 'always'];

export const CLASSES: Array<[string, string, Make, string[], string?]> = [
  ['H1', 'image XObject 20000x20000 RGB, two Flate layers', () => around(hostile.imageBombPage()), LAYER],
  ['H1', 'the same, the other pages read by the offline engine', () => around(hostile.imageBombPage()), []],
  ['H1', 'soft mask 30000x30000', () => around(hostile.softMaskBombPage()), LAYER],
  ['H1', 'content stream inflating to 2 GB', () => around(hostile.contentBombPage()), LAYER],
  ['H1', 'object stream, /First past 2 GB of zeros, holding the font', () => hostile.objectStreamBombPdf(), LAYER],
  ['H2', '2,000,000 x "0 0 1 1 re f"', () => around(hostile.operatorsPage()), LAYER],
  ['H2', '1,000,000 x Tj on one page', () => around(hostile.showTextPage()), LAYER],
  ['H2', 'JBIG2 declaring a 40000x40000 page', () => around(hostile.jbig2Page()), LAYER],
  ['M5', '100,000 Kids naming one page, --pages 1-2,99999-100000', () => hostile.manyKidsPdf(), [...LAYER, '--pages', '1-2,99999-100000']],
  ['M5', '100,000 Kids naming one page, no flag', () => hostile.manyKidsPdf(), LAYER],
  ['H3', '270-byte SVG filter bomb, --codes-only', () => SVG_BOMB, ['--codes-only'], 'svg'],
  ['H3', '270-byte SVG filter bomb, pipeline with the scan', () => SVG_BOMB, [], 'svg'],
  ['M7', '40 MP of QR finder patterns, --codes-only', finderPatterns, ['--codes-only'], 'png'],
  ['M7', '40 MP of QR finder patterns, pipeline with the scan', finderPatterns, [], 'png'],
];

function outcome(run: TreeRun): string {
  if (run.killed) return `still running at ${KILL_AFTER_MS / 1000} s (killed)`;
  const lines = run.stdout.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { ok: boolean; page: number | null });
  const read = lines.filter((l) => l.ok).map((l) => l.page);
  const failed = lines.filter((l) => !l.ok).map((l) => l.page ?? 'file');
  const trace = /\n\s+at |Aborted|FATAL/.test(run.stderr) ? ', stack trace or abort on stderr' : '';
  return `exit ${run.code}; pages read ${read.length > 6 ? `${read.length}` : `[${read.join(',')}]`}${failed.length ? `, failed [${failed.join(',')}]` : ''}${trace}`;
}

async function runClass(checkout: string, file: string, extra: string[]): Promise<TreeRun> {
  return runTree(process.execPath, [join(checkout, 'bin', 'readout.js'), '--engine', 'local', '--json', '--no-history', ...extra, file], {
    cwd: checkout,
    env: { ...process.env, DASHSCOPE_API_KEY: '' },
    killAfterMs: KILL_AFTER_MS,
  });
}

export async function benchPdfBounds(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'readout-bench-bounds-'));
  const before = process.env.READOUT_BEFORE;
  const rows: string[][] = [];
  try {
    for (const [name, shape, make, extra, extension = 'pdf'] of CLASSES) {
      if (process.env.READOUT_CLASSES && !process.env.READOUT_CLASSES.split(',').includes(name)) continue;
      const file = join(dir, `hostile.${extension}`);
      writeFileSync(file, await make());
      const cells = [name, shape];
      if (before) {
        const old = await runClass(before, file, extra);
        cells.push(`${(old.ms / 1000).toFixed(1)} s, ${old.peakMb.toFixed(0)} MB, ${outcome(old)}`);
      }
      const now = await runClass(repoRoot, file, extra);
      cells.push(`${(now.ms / 1000).toFixed(1)} s, ${now.peakMb.toFixed(0)} MB, ${outcome(now)}`);
      rows.push(cells);
      process.stderr.write(`${cells.join(' | ')}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `PDF, code and image bounds: each class through \`readout --engine local --json --no-history\` (the PDF classes but one with --pdf-text always), peak RSS of the whole process tree (/proc, 50 ms), time to the end, stopped at ${KILL_AFTER_MS / 1000} s; bound 1,200 MB, 20 s a page (load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).availableParallelism()} cores)`,
    table([['class', 'input', ...(before ? ['before (pdf.js + canvas, in process)'] : []), 'after (PDFium in a bounded worker)'], ...rows]),
  ].join('\n');
}

if (import.meta.main) process.stdout.write(`${await benchPdfBounds()}\n`);

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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as hostile from '../test/support/hostile-pdfs.ts';
import { repoRoot } from '../test/support/paths.ts';
import { runTree, type TreeRun } from './process-tree.ts';
import { table } from './stats.ts';

const KILL_AFTER_MS = 60_000;
const around = (page: ReturnType<typeof hostile.plainPage>): Buffer => hostile.pagesPdf([hostile.plainPage('FIRST PAGE'), page, hostile.plainPage('THIRD PAGE')]);

export const CLASSES: Array<[string, string, () => Buffer, string[]]> = [
  ['H1', 'image XObject 20000x20000 RGB, two Flate layers', () => around(hostile.imageBombPage()), []],
  ['H1', 'soft mask 30000x30000', () => around(hostile.softMaskBombPage()), []],
  ['H1', 'content stream inflating to 2 GB', () => around(hostile.contentBombPage()), []],
  ['H1', 'object stream, /First past 2 GB of zeros, holding the font', () => hostile.objectStreamBombPdf(), []],
  ['H2', '2,000,000 x "0 0 1 1 re f"', () => around(hostile.operatorsPage()), []],
  ['H2', '1,000,000 x Tj on one page', () => around(hostile.showTextPage()), []],
  ['H2', 'JBIG2 declaring a 40000x40000 page', () => around(hostile.jbig2Page()), []],
  ['M5', '100,000 Kids naming one page (first 20 pages: --pages 1-20)', () => hostile.manyKidsPdf(), ['--pages', '1-20']],
  ['M5', '100,000 Kids naming one page, no flag', () => hostile.manyKidsPdf(), []],
];

function outcome(run: TreeRun): string {
  if (run.killed) return `still running at ${KILL_AFTER_MS / 1000} s (killed)`;
  const lines = run.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { ok: boolean; page: number | null });
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
    for (const [name, shape, make, extra] of CLASSES) {
      const file = join(dir, 'hostile.pdf');
      writeFileSync(file, make());
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
    'PDF bounds: each class through `readout --engine local --json --no-history`, peak RSS of the whole process tree (/proc, 50 ms), time to the end; bound 1,200 MB, 20 s a page',
    table([['class', 'input', ...(before ? ['before (pdf.js + canvas, in process)'] : []), 'after (PDFium in a bounded worker)'], ...rows]),
  ].join('\n');
}

if (import.meta.main) process.stdout.write(`${await benchPdfBounds()}\n`);

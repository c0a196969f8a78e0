/**
 * Review 2's M7 class, a dense 40-megapixel image, through the real command with the offline engine and the code
 * scan beside it, as a user runs it: 6320 x 6320 of QR finder patterns (the review's input), and a page of 150 lines
 * of text across the same size (more text than one reading covers: ppocr/pipeline.ts readColumns). Each with
 * `--codes-only` too. The whole process tree's peak memory sampled from /proc (process-tree.ts), time to the end,
 * the outcome. Bound: 20 s a file, 1,200 MB; runs are stopped at 120 s.
 *
 * Baseline in the same run: READOUT_BEFORE names a checkout of the code before this change, e.g.
 * `git archive f5f1675 | tar -x -C /tmp/readout-before` with node_modules and out/ linked from this one.
 * Run: node bench/dense-image.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { denseTextPng, finderPatternsPng } from '../test/support/finder-patterns.ts';
import { repoRoot } from '../test/support/paths.ts';
import { runTree, type TreeRun } from './process-tree.ts';
import { table } from './stats.ts';

const KILL_AFTER_MS = 120_000;

const CASES: Array<[string, () => Promise<Buffer>, string[]]> = [
  ['40 MP of QR finder patterns, pipeline with the scan', () => finderPatternsPng(), []],
  ['40 MP of QR finder patterns, --codes-only', () => finderPatternsPng(), ['--codes-only']],
  ['40 MP page of 150 lines of text, pipeline with the scan', () => denseTextPng(), []],
  ['40 MP page of 150 lines of text, --codes-only', () => denseTextPng(), ['--codes-only']],
];

interface Report {
  ok: boolean;
  words: unknown[] | null;
  codes: unknown[] | null;
  warnings: Array<{ code: string; unread?: number }> | null;
  error: { message: string } | null;
}

function outcome(run: TreeRun): string {
  if (run.killed) return `still running at ${KILL_AFTER_MS / 1000} s (killed)`;
  const line = run.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (!line) return `exit ${run.code}, no report`;
  const report = JSON.parse(line) as Report;
  const unread = report.warnings?.find((w) => w.code === 'text-not-all-read')?.unread;
  const trace = /\n\s+at |Aborted|FATAL/.test(run.stderr) ? ', stack trace or abort on stderr' : '';
  const read = report.words ? `${report.words.length} lines read${unread ? `, ${unread} unread (warned)` : ''}, ` : '';
  return `exit ${run.code}; ${report.ok ? `${read}${report.codes?.length ?? 0} codes` : `error: ${report.error?.message}`}${trace}`;
}

function run(checkout: string, file: string, extra: string[]): Promise<TreeRun> {
  return runTree(process.execPath, [join(checkout, 'bin', 'readout.js'), '--engine', 'local', '--json', '--no-history', ...extra, file], {
    cwd: checkout,
    env: { ...process.env, DASHSCOPE_API_KEY: '' },
    killAfterMs: KILL_AFTER_MS,
  });
}

const cell = (r: TreeRun): string => `${(r.ms / 1000).toFixed(1)} s, ${r.peakMb.toFixed(0)} MB, ${outcome(r)}`;

export async function benchDenseImage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'readout-bench-dense-'));
  const before = process.env.READOUT_BEFORE;
  const rows: string[][] = [];
  try {
    for (const [shape, make, extra] of CASES) {
      const file = join(dir, 'dense.png');
      writeFileSync(file, await make());
      const cells = ['M7', shape];
      // Before and after one after the other on the same file, so both meet the same load.
      if (before) cells.push(cell(await run(before, file, extra)));
      cells.push(cell(await run(repoRoot, file, extra)));
      rows.push(cells);
      process.stderr.write(`${cells.join(' | ')}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `A dense 40 MP image: \`readout --engine local --json --no-history\`, peak RSS of the whole process tree (/proc, 50 ms), time to the end, stopped at ${KILL_AFTER_MS / 1000} s; bound 1,200 MB, 20 s (load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`,
    table([['class', 'input', ...(before ? ['before'] : []), 'after (recognizer columns bounded, no tryHarder past 4K)'], ...rows]),
  ].join('\n');
}

if (import.meta.main) process.stdout.write(`${await benchDenseImage()}\n`);

/**
 * Review 2, M7: a dense 40-megapixel image through the real command, offline engine and code scan beside it. It
 * ends with its reading (the lines it had columns for, the rest counted unread: ppocr/pipeline.ts readColumns) and
 * its codes, exit 0, no stack trace. Time and memory are in bench/dense-image.ts, not asserted here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finderPatternsPng } from '../../support/finder-patterns.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const temp = useTempDir();

interface Report {
  ok: boolean;
  text: string | null;
  width: number | null;
  height: number | null;
  codes: unknown[] | null;
  confidence: number | null;
  error: { message: string } | null;
}

const reportOf = (stdout: string): Report => JSON.parse(stdout.trim().split('\n').at(-1)!) as Report;

describe('a dense 40-megapixel image (review 2, M7)', () => {
  it('is read to its end, codes scanned beside it, and the command exits 0', async () => {
    const file = join(temp(), 'finder-patterns.png');
    writeFileSync(file, await finderPatternsPng());
    const run = await runCli(['--engine', 'local', '--json', '--no-history', file]);
    expect(run.stderr).not.toMatch(/\n\s+at |Aborted|FATAL/);
    expect(run.code).toBe(0);
    const report = reportOf(run.stdout);
    expect(report).toMatchObject({ ok: true, width: 6320, height: 6320, codes: [], error: null });
    expect(typeof report.text).toBe('string');
  }, 300_000);

  it('--codes-only scans it and finds no code', async () => {
    const file = join(temp(), 'finder-patterns.png');
    writeFileSync(file, await finderPatternsPng());
    const run = await runCli(['--codes-only', '--json', file]);
    expect(run.code).toBe(0);
    expect(reportOf(run.stdout)).toMatchObject({ ok: true, codes: [] });
  }, 300_000);
});

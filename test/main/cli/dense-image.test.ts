/**
 * Review 2, M7: a dense 40-megapixel image through the real command, offline engine and code scan beside it. It
 * ends with its reading (the lines it had columns for, the rest counted unread: ppocr/pipeline.ts readColumns) and
 * its codes, exit 0, no stack trace. Time and memory are in bench/dense-image.ts, not asserted here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { denseTextPng, finderPatternsPng } from '../../support/finder-patterns.ts';
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
  words: unknown[] | null;
  warnings: Array<{ code: string; unread?: number; message: string }> | null;
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

  it('a page of text denser than one reading covers: the lines it had columns for, and a warning saying how many were not', async () => {
    const file = join(temp(), 'dense-text.png');
    writeFileSync(file, await denseTextPng());
    const run = await runCli(['--engine', 'local', '--json', '--no-history', file]);
    expect(run.stderr).not.toMatch(/\n\s+at |Aborted|FATAL/);
    expect(run.code).toBe(0);
    const report = reportOf(run.stdout);
    expect(report).toMatchObject({ ok: true, codes: [], error: null });
    expect(report.text).toContain('invoice 4711 total 99.50 EUR');
    const warning = report.warnings?.find((w) => w.code === 'text-not-all-read');
    expect(warning?.unread).toBeGreaterThan(100);
    expect(warning?.message).toMatch(/more text than one reading covers: \d+ of the lines found were not read/);
    // Without --json the warning goes to stderr, naming the file, and the text read to stdout.
    const text = await runCli(['--engine', 'local', '--no-history', file]);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain(`readout: warning: ${file}: the image holds more text than one reading covers`);
    expect(text.stdout).toContain('invoice 4711');
  }, 600_000);

  it('--codes-only scans it and finds no code', async () => {
    const file = join(temp(), 'finder-patterns.png');
    writeFileSync(file, await finderPatternsPng());
    const run = await runCli(['--codes-only', '--json', file]);
    expect(run.code).toBe(0);
    expect(reportOf(run.stdout)).toMatchObject({ ok: true, codes: [] });
  }, 300_000);
});

/** `readout watch`'s options end to end: --recursive, --text-beside, PDFs, --no-history, and the folders it refuses. */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printPdf } from '../../support/pdf.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';
import { done, entries, render, reportsOf } from './watch-helpers.ts';

const tempDir = useTempDir();

describe('readout watch options', () => {
  it('--recursive reads subfolders; --text-beside writes NAME.txt, never over a file of the user, and never reads it back', async () => {
    const dir = tempDir();
    const folder = join(dir, 'in');
    const data = join(dir, 'data');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    await writeFile(join(folder, 'top.png'), await render('Top 1'));
    await writeFile(join(folder, 'sub', 'deep.png'), await render('Deep 2'));
    await writeFile(join(folder, 'top.png.txt'), 'my own notes');

    const flat = await runCli(['watch', folder, '--once', '--engine', 'local', '--data-dir', data, '--text-beside']);
    expect(flat.code).toBe(0);
    expect(flat.stdout).toMatch(/^==> .*top\.png <==\nTop 1\n$/);
    expect(readFileSync(join(folder, 'top.png.txt'), 'utf8')).toBe('my own notes');
    expect(readFileSync(join(folder, 'top.png.readout.txt'), 'utf8')).toBe('Top 1\n');

    const deep = await runCli(['watch', folder, '--once', '--recursive', '--engine', 'local', '--data-dir', data, '--text-beside', '--json']);
    expect(deep.code).toBe(0);
    expect(reportsOf({ stdout: deep.stdout }).map((r) => basename(r.file))).toEqual(['deep.png']);
    expect(readFileSync(join(folder, 'sub', 'deep.png.txt'), 'utf8')).toBe('Deep 2\n');
    // The text files were neither read nor said to be skipped.
    expect(deep.stderr).toBe('');
    expect(entries(data).map((e) => e.file_name).sort()).toEqual(['deep.png', 'top.png']);
  }, 60_000);

  it('reads a PDF page by page, one object per page, and writes its pages beside it separated by form feeds', async () => {
    const dir = tempDir();
    const folder = join(dir, 'in');
    const data = join(dir, 'data');
    mkdirSync(folder);
    await writeFile(join(folder, 'letter.pdf'), await printPdf(['<p>First page words</p>', '<p>Second page words</p>']));
    const run = await runCli(['watch', folder, '--once', '--engine', 'local', '--data-dir', data, '--text-beside', '--json']);
    expect(run.code).toBe(0);
    const reports = reportsOf({ stdout: run.stdout });
    expect(reports.map((r) => [basename(r.file), r.ok, (r as { page?: number }).page, (r as { pages?: number }).pages])).toEqual([['letter.pdf', true, 1, 2], ['letter.pdf', true, 2, 2]]);
    expect(readFileSync(join(folder, 'letter.pdf.txt'), 'utf8')).toMatch(/^First page words\n\fSecond page words\n$/);
    expect(done(data, 'letter.pdf')).toHaveLength(2);
  }, 60_000);

  it('--no-history keeps its ledger in a state file in the data folder', async () => {
    const dir = tempDir();
    const folder = join(dir, 'in');
    const data = join(dir, 'data');
    mkdirSync(folder);
    await writeFile(join(folder, 'one.png'), await render('One 1'));
    const args = ['watch', folder, '--once', '--engine', 'local', '--data-dir', data, '--no-history', '--json'];
    const first = await runCli(args);
    expect(reportsOf({ stdout: first.stdout }).map((r) => [basename(r.file), r.ok, r.entryId])).toEqual([['one.png', true, null]]);
    expect(readdirSync(data).filter((name) => /^watch-[0-9a-f]{16}\.json$/.test(name))).toHaveLength(1);
    expect(existsSync(join(data, 'history.sqlite'))).toBe(false);
    const again = await runCli(args);
    expect(again.stdout).toBe('');
  }, 60_000);

  it('refuses a folder that is not there, or a file, with exit 2 and the reason', async () => {
    const dir = tempDir();
    const missing = await runCli(['watch', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`readout: ${join(dir, 'nope')}: cannot watch it (no such folder)\n`);
    await writeFile(join(dir, 'a.png'), 'x');
    const file = await runCli(['watch', join(dir, 'a.png')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('cannot watch it (it is a file, not a folder)');
    const two = await runCli(['watch', dir, dir]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('watch takes one FOLDER');
  });
});

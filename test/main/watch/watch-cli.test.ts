/**
 * `readout watch` end to end: the real command in a child process, the offline engine reading rendered text, a real
 * SQLite history counted entry by entry. Files are written slowly (a chunk at a time, more often than the settle
 * interval) so a read before a file stopped growing would be seen as a failed or wrong entry.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CliChild, eventually } from '../../support/cli-child.ts';
import { printPdf } from '../../support/pdf.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

/** A PNG of one line of text the offline engine reads. */
const render = (text: string): Promise<Buffer> =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="480" height="80"><rect width="100%" height="100%" fill="white"/><text x="16" y="52" font-family="DejaVu Sans, sans-serif" font-size="36" fill="black">${text}</text></svg>`))
    .png()
    .toBuffer();

/** Writes `bytes` in `chunks` pieces, `pauseMs` apart: a download or a copy in progress. */
async function writeSlowly(path: string, bytes: Buffer, chunks: number, pauseMs: number): Promise<void> {
  const size = Math.ceil(bytes.length / chunks);
  await writeFile(path, bytes.subarray(0, size));
  for (let at = size; at < bytes.length; at += size) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    await appendFile(path, bytes.subarray(at, at + size));
  }
}

interface Row {
  file_name: string;
  status: string;
  error_code: string | null;
  text: string;
}

/** Every entry in the history, read through a connection of the test's own (WAL: beside the watcher's). */
function entries(data: string): Row[] {
  const path = join(data, 'history.sqlite');
  if (!existsSync(path)) return [];
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT file_name, status, error_code, text FROM entries ORDER BY id').all() as unknown as Row[];
  } finally {
    db.close();
  }
}

function watchedState(data: string, name: string): string | null {
  const path = join(data, 'history.sqlite');
  if (!existsSync(path)) return null;
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const row = db.prepare("SELECT state FROM watched_files WHERE path LIKE '%/' || ?").get(name) as { state: string } | undefined;
    return row?.state ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

const done = (data: string, name: string): Row[] => entries(data).filter((e) => e.file_name === name && e.status === 'done');
const reportsOf = (child: CliChild): Array<{ file: string; ok: boolean; text: string | null; entryId: number | null }> =>
  child.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));

describe('readout watch', () => {
  it('reads each file once after it stops growing, skips a non-image with one line, and survives SIGKILL and a restart', async () => {
    const dir = tempDir();
    const folder = join(dir, 'in');
    const data = join(dir, 'data');
    mkdirSync(folder);
    await writeFile(join(folder, 'a.png'), await render('Alpha 101'));
    const args = ['watch', folder, '--engine', 'local', '--data-dir', data, '--settle', '300', '--json'];

    const first = new CliChild(args);
    await first.until((c) => c.stderr.includes(`watching ${folder} for new images and PDFs; Ctrl+C to stop`), 'the initial scan');
    // A chunk every 60 ms: five times within one settle interval, so only the whole file can settle.
    const slow = writeSlowly(join(folder, 'b.png'), await render('Bravo 202'), 8, 60);
    await writeFile(join(folder, 'notes.txt'), 'not an image');
    await slow;
    await first.until((c) => reportsOf(c).length >= 2, 'a.png and b.png read');
    expect(reportsOf(first).map((r) => [basename(r.file), r.ok]).sort()).toEqual([['a.png', true], ['b.png', true]]);
    expect(reportsOf(first).find((r) => r.file.endsWith('b.png'))!.text).toMatch(/Bravo/);

    // c.png lands, and the watcher is killed while it reads it.
    await writeSlowly(join(folder, 'c.png'), await render('Charlie 303'), 4, 60);
    // Killed once its entry is written (pending, before the engine has answered: the hardest moment), or as near as seen.
    await eventually(() => entries(data).some((e) => e.file_name === 'c.png'), 'c.png being read', 1000, 5);
    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // More files land while no one watches.
    await writeFile(join(folder, 'd.png'), await render('Delta 404'));
    await writeSlowly(join(folder, 'e.png'), await render('Echo 505'), 3, 30);

    const second = new CliChild(args);
    await second.until((c) => c.stderr.includes('watching'), 'the restart');
    await eventually(() => ['c.png', 'd.png', 'e.png'].every((name) => done(data, name).length > 0), 'c, d and e read');
    second.kill('SIGINT');
    expect((await second.exited).code).toBe(0);

    // Every image exactly once, whatever the kill cut off (the cut-off entry is replaced by the reading that follows).
    for (const name of ['a.png', 'b.png', 'c.png', 'd.png', 'e.png']) expect(done(data, name), name).toHaveLength(1);
    expect(entries(data).map((e) => `${e.file_name} ${e.status}`).sort()).toEqual(['a.png done', 'b.png done', 'c.png done', 'd.png done', 'e.png done']);
    expect(entries(data).some((e) => e.file_name === 'notes.txt')).toBe(false);
    // The restart read only what the first run had not finished.
    expect(reportsOf(second).map((r) => basename(r.file)).filter((n) => n === 'a.png' || n === 'b.png')).toEqual([]);
    expect(first.stderr.match(/skipped .*notes\.txt: not an image or PDF/g)).toHaveLength(1);
    expect(first.stderr).not.toMatch(/a\.png|b\.png|c\.png/);
  }, 60_000);

  it('on SIGINT finishes the file in hand, records it, and exits 0; a restart reads the rest', async () => {
    const dir = tempDir();
    const folder = join(dir, 'in');
    const data = join(dir, 'data');
    mkdirSync(folder);
    const args = ['watch', folder, '--engine', 'local', '--data-dir', data, '--settle', '200', '--concurrency', '1', '--json'];
    const child = new CliChild(args);
    await child.until((c) => c.stderr.includes('watching'), 'the initial scan');
    await Promise.all(['f', 'g', 'h'].map(async (name) => writeFile(join(folder, `${name}.png`), await render(`Foxtrot ${name}`))));
    const inHand = await eventually(() => ['f.png', 'g.png', 'h.png'].find((name) => watchedState(data, name) === 'reading'), 'a file in hand', 1000, 10);
    child.kill('SIGINT');
    expect((await child.exited).code).toBe(0);
    expect(watchedState(data, inHand)).toBe('done');
    expect(done(data, inHand)).toHaveLength(1);

    const rest = await runCli(['watch', folder, '--once', '--engine', 'local', '--data-dir', data, '--json']);
    expect(rest.code).toBe(0);
    for (const name of ['f.png', 'g.png', 'h.png']) expect(done(data, name), name).toHaveLength(1);
    expect(rest.stdout).not.toContain(inHand);
  }, 60_000);

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
    expect(reportsOf({ stdout: deep.stdout } as CliChild).map((r) => basename(r.file))).toEqual(['deep.png']);
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
    const reports = reportsOf({ stdout: run.stdout } as CliChild);
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
    expect(reportsOf({ stdout: first.stdout } as CliChild).map((r) => [basename(r.file), r.ok, r.entryId])).toEqual([['one.png', true, null]]);
    expect(readdirSync(data).filter((name) => /^watch-[0-9a-f]{16}\.json$/.test(name))).toHaveLength(1);
    expect(existsSync(join(data, 'history.sqlite'))).toBe(false);
    const again = await runCli(args);
    expect(again.stdout).toBe('');
  }, 60_000);

  it('stops on SIGTERM with exit 0, and passes over its own data folder inside the watched one in silence', async () => {
    const folder = join(tempDir(), 'in');
    const data = join(folder, 'readout-data');
    mkdirSync(folder);
    await writeFile(join(folder, 'a.png'), await render('Alpha 1'));
    const child = new CliChild(['watch', folder, '--recursive', '--engine', 'local', '--data-dir', data, '--settle', '100', '--json']);
    await child.until((c) => reportsOf(c).length === 1, 'a.png read');
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    expect(child.stderr).toBe(`readout: watching ${folder} for new images and PDFs; Ctrl+C to stop\n`);
    expect(done(data, 'a.png')).toHaveLength(1);
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

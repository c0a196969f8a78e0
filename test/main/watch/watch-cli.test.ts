/**
 * `readout watch` end to end: the real command in a child process, the offline engine reading rendered text, a real
 * SQLite history counted entry by entry. Files are written slowly (a chunk at a time, more often than the settle
 * interval) so a read before a file stopped growing would be seen as a failed or wrong entry. Killed, interrupted,
 * terminated and started again. (Its options: watch-options.test.ts.)
 */
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliChild, eventually } from '../../support/cli-child.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';
import { done, entries, render, reportsOf, watchedState, writeSlowly } from './watch-helpers.ts';

const tempDir = useTempDir();

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

  it('a file sorted into a subfolder after its reading is not read again (said as moved); a copy is read', async () => {
    const dir = tempDir();
    const folder = join(dir, 'in');
    const data = join(dir, 'data');
    mkdirSync(folder);
    await writeFile(join(folder, 'a.png'), await render('Alpha 101'));
    await writeFile(join(folder, 'b.png'), await render('Bravo 202'));
    const args = ['watch', folder, '--once', '--recursive', '--engine', 'local', '--data-dir', data, '--json'];
    expect((await runCli(args)).code).toBe(0);
    mkdirSync(join(folder, 'done'));
    renameSync(join(folder, 'a.png'), join(folder, 'done', 'a.png'));
    copyFileSync(join(folder, 'b.png'), join(folder, 'again.png'));

    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(`readout: moved: ${join(folder, 'a.png')} -> ${join(folder, 'done', 'a.png')}, read before\n`);
    expect(reportsOf(second).map((r) => basename(r.file))).toEqual(['again.png']);
    expect(reportsOf(second)[0]!.text).toMatch(/Bravo/);
    expect(done(data, 'a.png')).toHaveLength(1);
    expect(done(data, 'again.png')).toHaveLength(1);
    // Known under its new path from now on: a third run reads nothing and says nothing.
    const third = await runCli(args);
    expect([third.code, third.stdout, third.stderr]).toEqual([0, '', '']);
  }, 60_000);
});

/** The history tells the truth (bad-input review M6, L4): damaged, read-only or misplaced, said in one clear line. */
import { spawnSync } from 'node:child_process';
import { chmodSync, openSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import { newEntry, result } from '../../support/entries.ts';
import { commandForOthers, enterableByOthers } from '../../support/command-for-others.ts';
import { fixture } from '../../support/paths.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

function history(dir: string, count: number): void {
  const store = new HistoryStore(join(dir, 'history.sqlite'));
  for (let i = 0; i < count; i++) store.complete(store.createPending(newEntry()), result(`entry ${i} ${'text '.repeat(40)}`));
  store.close();
}

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |Error:/);

// Each test runs the command several times, reading an image offline in some: generous limits, for a loaded machine.
describe('a history in trouble', () => {
  it('a damaged file: every command says so in one line and exits 1, and recording warns', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    history(dir, 300);
    const fd = openSync(join(dir, 'history.sqlite'), 'r+');
    writeSync(fd, randomBytes(16 * 1024), 0, 16 * 1024, 20 * 4096);
    closeSync(fd);
    for (const args of [['history', 'list', '--limit', '500'], ['history', 'storage']]) {
      const run = await runCli([...args, '--data-dir', dir]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(/^readout: The history at .*history\.sqlite is damaged \(/);
      noStackTrace(run.stderr);
    }
    const recorded = await runCli(['--engine', 'local', '--data-dir', dir, fixture('text/en-zh.png')]);
    expect(recorded.stdout).toContain('离线识别中文和英文');
    expect(recorded.stderr).toMatch(/warning: .*(damaged|not recording)/);
    noStackTrace(recorded.stderr);
  });

  it('--data-dir naming a file: a clear error for the history commands, a warning when reading files', { timeout: 120_000 }, async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const listed = await runCli(['history', 'list', '--data-dir', file]);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(/is a file, not a folder/);
    noStackTrace(listed.stderr);
    const read = await runCli(['--engine', 'local', '--data-dir', file, fixture('text/en-zh.png')]);
    expect(read.code).toBe(0);
    expect(read.stderr).toMatch(/warning: not recording into the history: .*is a file, not a folder/);
  });

  // Root reads and writes anything: the read-only case runs as `nobody`, where the tests run as root (as CI does).
  // `nobody` may not reach the checkout (a clone in a 0700 folder), so the command runs from a copy it can reach.
  it.skipIf(process.getuid?.() !== 0)('a read-only history can still be listed and searched', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    history(dir, 3);
    chmodSync(join(dir, 'history.sqlite'), 0o444);
    chmodSync(dir, 0o555);
    expect(enterableByOthers(dir), `nobody cannot enter ${tmpdir()}: point TMPDIR at a folder others can enter`).toBe(true);
    const command = commandForOthers();
    onTestFinished(() => command.remove());
    const { NODE_OPTIONS: _, ...env } = process.env;
    const run = (args: string[]) => {
      const ran = spawnSync(command.node, ['bin/readout.js', 'history', ...args, '--data-dir', dir], { cwd: command.root, uid: 65534, gid: 65534, encoding: 'utf8', env: { ...env, HOME: dir } });
      // A spawn that failed (the binary or the folder out of reach) says so, rather than as a missing stderr.
      if (ran.error) throw ran.error;
      return ran;
    };
    const listed = run(['list']);
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    expect(listed.stdout.trim().split('\n')).toHaveLength(3);
    const searched = run(['search', 'entry 1']);
    expect(searched.stderr).toBe('');
    expect(searched.status).toBe(0);
    expect(searched.stdout).toContain('entry 1');
    const deleted = run(['delete', '1']);
    expect(deleted.status).toBe(1);
    expect(deleted.stderr).toMatch(/^readout: The history at .* cannot be written/);
  });
});

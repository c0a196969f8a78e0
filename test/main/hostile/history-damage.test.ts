/** The history tells the truth (bad-input review M6, L4): damaged, read-only or misplaced, said in one clear line. */
import { spawnSync } from 'node:child_process';
import { chmodSync, openSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import { newEntry, result } from '../../support/entries.ts';
import { fixture, repoRoot } from '../../support/paths.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

function history(dir: string, count: number): void {
  const store = new HistoryStore(join(dir, 'history.sqlite'));
  for (let i = 0; i < count; i++) store.complete(store.createPending(newEntry()), result(`entry ${i} ${'text '.repeat(40)}`));
  store.close();
}

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |Error:/);

describe('a history in trouble', () => {
  it('a damaged file: every command says so in one line and exits 1, and recording warns', { timeout: 60_000 }, async () => {
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

  it('--data-dir naming a file: a clear error for the history commands, a warning when reading files', async () => {
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
  it.skipIf(process.getuid?.() !== 0)('a read-only history can still be listed and searched', async () => {
    const dir = tempDir();
    history(dir, 3);
    chmodSync(join(dir, 'history.sqlite'), 0o444);
    chmodSync(dir, 0o555);
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['bin/readout.js', 'history', ...args, '--data-dir', dir], { cwd: repoRoot, uid: 65534, gid: 65534, encoding: 'utf8', env: { ...process.env, HOME: dir } });
    const listed = run(['list']);
    expect(listed.stderr).toBe('');
    expect(listed.stdout.trim().split('\n')).toHaveLength(3);
    expect(run(['search', 'entry 1']).stdout).toContain('entry 1');
    const deleted = run(['delete', '1']);
    expect(deleted.status).toBe(1);
    expect(deleted.stderr).toMatch(/^readout: The history at .* cannot be written/);
  });
});

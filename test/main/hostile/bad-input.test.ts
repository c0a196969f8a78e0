/** Defects from ../shared/reviews/bad-input.md, each held by the test that failed before its fix. */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToFile } from '../../../main/history/export-file.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { redact } from '../../../main/ocr/errors.ts';
import { readInputFile } from '../../../main/read-input.ts';
import { newEntry, result } from '../../support/entries.ts';
import { fixture, repoRoot } from '../../support/paths.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

describe('bad input', () => {
  it('H1: a device or a FIFO is refused at once, not read without end (or waited on forever)', async () => {
    await expect(readInputFile('/dev/zero')).rejects.toThrow('/dev/zero: cannot read the file (it is a device, pipe or socket, not a regular file; use - to read standard input)');
    const fifo = join(tempDir(), 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    await expect(readInputFile(fifo)).rejects.toMatchObject({ code: 'file-unreadable' });
  });

  it('H3: 64 KB of arguments, 1,000 files, with the offline engine: no crash, every file answered', { timeout: 120_000 }, async () => {
    const missing = Array.from({ length: 999 }, (_, i) => `/tmp/readout-missing/Screenshot 2026-11-29 at 10.00.00 number ${String(i).padStart(4, '0')}.png`);
    const args = ['--engine', 'local', '--no-history', '--json', fixture('text/en-zh.png'), ...missing];
    expect(args.join(' ').length).toBeGreaterThan(64 * 1024);
    const run = await runCli(args);
    expect(run.code).toBe(1);
    const reports = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { ok: boolean; text: string });
    expect(reports).toHaveLength(1000);
    expect(reports[0]).toMatchObject({ ok: true });
    expect(reports[0]!.text).toContain('离线识别中文和英文');
    expect(reports.slice(1).every((r) => !r.ok)).toBe(true);
  });

  it('L2: the reader going away (| head -1) ends the command quietly', async () => {
    const dir = tempDir();
    const files = Array.from({ length: 6 }, (_, i) => {
      const file = join(dir, `shot-${i}.png`);
      copyFileSync(fixture('text/en-zh.png'), file);
      return file;
    });
    const child = spawn(process.execPath, ['bin/readout.js', '--engine', 'local', '--no-history', '--concurrency', '1', ...files], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: take the first chunk, then close the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });

  it('L6: file names and messages reach the terminal with their control characters escaped', async () => {
    const dir = tempDir();
    const file = join(dir, 'y\u001b[31mRED\nname.png');
    writeFileSync(file, 'not an image at all');
    const run = await runCli(['--engine', 'local', '--no-history', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('y\\x1b[31mRED\\x0aname.png');
    expect(run.stderr).not.toContain('\u001b');
  });

  it('L6: a short or lying file is "damaged or incomplete", not a JavaScript error', async () => {
    const dir = tempDir();
    const bmp = join(dir, 'trunc16.bmp');
    // A BMP header that promises far more than the 16 bytes there are.
    writeFileSync(bmp, Buffer.from('424d36000c000000000036000000280000', 'hex').subarray(0, 16));
    const run = await runCli(['--engine', 'local', '--no-history', '--json', bmp]);
    const report = JSON.parse(run.stdout) as { error: { message: string } };
    expect(report.error.message).not.toMatch(/typed array|DataView|bad seek|RangeError/i);
  });

  it('M4: an export that cannot be written fails, naming the file, and writes nothing', async () => {
    const store = new HistoryStore(join(tempDir(), 'history.sqlite'));
    try {
      const id = store.createPending(newEntry());
      store.complete(id, result('kept'));
      const nowhere = join(tempDir(), 'missing-folder', 'all.md');
      await expect(exportToFile(store, store.iterate({}), 'md', nowhere)).rejects.toThrow(`${nowhere}: the export could not be written`);
      const folder = tempDir();
      await expect(exportToFile(store, store.iterate({}), 'md', folder)).rejects.toMatchObject({ code: 'export-failed' });
      expect(existsSync(nowhere)).toBe(false);
      const good = join(tempDir(), 'all.md');
      await expect(exportToFile(store, store.iterate({}), 'md', good)).resolves.toBe(1);
    } finally {
      store.close();
    }
  });

  it('L1: the key is redacted as it is and in base64, padded or not', () => {
    const key = 'sk-SECRET123';
    const b64 = Buffer.from(key).toString('base64');
    expect(redact(`Incorrect key ${key}; auth ${b64} / ${b64.replace(/=+$/, '')} / ${Buffer.from(key).toString('base64url')}`, key)).not.toMatch(/SECRET|c2stU0VDUkVUMTIz/);
  });
});

/** Defects from ../shared/reviews/bad-input.md, each held by the test that failed before its fix. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToFile } from '../../../main/history/export-file.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { redact } from '../../../main/ocr/errors.ts';
import { readInputFile } from '../../../main/read-input.ts';
import { newEntry, result } from '../../support/entries.ts';
import { fixture } from '../../support/paths.ts';
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

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import { repoRoot } from '../../support/paths.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

/** Starts the writer, lets it work for `ms`, then kills it without warning. */
function killMidWrite(path: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['test/support/history-writer.ts', path], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited on its own (${code})`))));
  });
}

function checkConsistent(path: string): { entries: number; pending: number } {
  const db = new DatabaseSync(path);
  try {
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    // FTS5 checks its index against the table and throws if they disagree.
    db.exec("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')");
    // No entry without its image (pruned ones excepted, which are done), and every image whole.
    expect(db.prepare("SELECT e.id FROM entries e LEFT JOIN images i ON i.entry_id = e.id WHERE i.entry_id IS NULL AND e.status = 'pending'").all()).toEqual([]);
    expect(db.prepare('SELECT entry_id FROM images WHERE bytes != length(image) + length(thumbnail)').all()).toEqual([]);
    // A completed entry has all of its text, or it is not completed.
    expect(db.prepare("SELECT id FROM entries WHERE status = 'done' AND text NOT LIKE 'entry ' || id || ' done %'").all()).toEqual([]);
    const { entries } = db.prepare('SELECT COUNT(*) AS entries FROM entries').get() as { entries: number };
    const { pending } = db.prepare("SELECT COUNT(*) AS pending FROM entries WHERE status = 'pending'").get() as { pending: number };
    return { entries, pending };
  } finally {
    db.close();
  }
}

describe('history under a killed process', () => {
  it('is readable, whole and recoverable after every kill', async () => {
    const path = join(tempDir(), 'history.sqlite');
    let before = 0;
    for (const ms of [150, 320, 90, 500]) {
      await killMidWrite(path, ms);
      const { entries } = checkConsistent(path);
      expect(entries).toBeGreaterThan(before);
      before = entries;
      const store = new HistoryStore(path);
      store.recoverInterrupted();
      expect(store.list({ filter: { status: ['pending'] } }).items).toEqual([]);
      store.close();
      expect(checkConsistent(path).pending).toBe(0);
    }
  });
});

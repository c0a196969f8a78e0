/**
 * The ledger without a history (--no-history): a small JSON file in the data folder, one per watched folder
 * (`watch-<hash of its path>.json`), rewritten whole and atomically (atomic-write.ts) at each change, so a killed
 * watcher leaves the last state it wrote. Without a history nothing can say whether a claimed reading finished, so a
 * 'reading' row is read again: nothing was recorded for it either.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ReadoutError } from '../errors.ts';
import { writeFileAtomic } from './atomic-write.ts';
import type { FileIdentity, LedgerRow, WatchLedger, WrittenOutput } from './ledger.ts';

const rowSchema = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number().finite(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  state: z.enum(['reading', 'done']),
  claimedAt: z.number().finite(),
  entryIds: z.array(z.number().int()),
  output: z.object({ path: z.string().min(1), size: z.number().int().nonnegative(), mtimeMs: z.number().finite() }).nullable(),
});

const fileSchema = z.object({ version: z.literal(1), folder: z.string(), files: z.array(rowSchema) });

/** The state file of a watched folder: its absolute path hashed, so two folders never share one. */
export function stateFileFor(dataDir: string, folder: string): string {
  const hash = createHash('sha256').update(resolve(folder)).digest('hex').slice(0, 16);
  return join(dataDir, `watch-${hash}.json`);
}

export class StateFileLedger implements WatchLedger {
  readonly #rows = new Map<string, LedgerRow>();
  readonly #file: string;
  readonly #folder: string;
  readonly #now: () => number;

  /** Reads the folder's state file; one that is missing starts empty, one that is damaged is an error naming it. */
  constructor(file: string, folder: string, options: { now?: () => number } = {}) {
    this.#file = file;
    this.#folder = resolve(folder);
    this.#now = options.now ?? Date.now;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new ReadoutError('file-unreadable', `${file}: cannot read the watch state (${(error as Error).message})`, { cause: error });
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new ReadoutError('file-unreadable', `${file}: the watch state is damaged; move it away to start afresh (every file in the folder is then read again)`, { cause: error });
    }
    for (const row of parsed.files) this.#rows.set(row.path, row);
  }

  get(path: string): LedgerRow | null {
    return this.#rows.get(path) ?? null;
  }

  claim(path: string, identity: FileIdentity): void {
    const before = this.#rows.get(path);
    this.#rows.set(path, { path, ...identity, state: 'reading', claimedAt: this.#now(), entryIds: [], output: before?.output ?? null });
    this.#save();
  }

  done(path: string, identity: FileIdentity, entryIds: number[], output: WrittenOutput | null): void {
    const before = this.#rows.get(path);
    this.#rows.set(path, { path, ...identity, state: 'done', claimedAt: before?.claimedAt ?? this.#now(), entryIds, output: output ?? before?.output ?? null });
    this.#save();
  }

  finishedReading(_row: LedgerRow): number[] | null {
    return null;
  }

  touch(path: string, identity: FileIdentity): void {
    const before = this.#rows.get(path);
    if (!before) return;
    this.#rows.set(path, { ...before, ...identity });
    this.#save();
  }

  sameBytes(sha256: string, size: number): LedgerRow[] {
    return [...this.#rows.values()].filter((row) => row.state === 'done' && row.sha256 === sha256 && row.size === size).reverse();
  }

  move(from: string, to: string, identity: FileIdentity): boolean {
    const before = this.#rows.get(from);
    if (!before) return false;
    this.#rows.delete(from);
    this.#rows.set(to, { ...before, ...identity, path: to });
    this.#save();
    return true;
  }

  close(): void {}

  #save(): void {
    mkdirSync(join(this.#file, '..'), { recursive: true });
    writeFileAtomic(this.#file, `${JSON.stringify({ version: 1, folder: this.#folder, files: [...this.#rows.values()] })}\n`);
  }
}

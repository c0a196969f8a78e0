/**
 * A file is read only once it has stopped growing: a browser, a scanner or a copy writes it over seconds, and a read
 * in the middle would see half an image. The rule: the last `checks` observations, taken `settleMs` apart, all saw the
 * same size and modification time, a size above zero (a file is often created empty, then written), and a file that
 * could be opened. On Windows a file still open for writing by a program that shares no write access cannot be
 * opened for writing by another (libuv reports the sharing violation as EBUSY): that is "not settled" too.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';

export interface Observation {
  size: number;
  mtimeMs: number;
  /** False while another program holds the file open for writing (where the platform can tell), or it cannot be opened. */
  openable: boolean;
}

export const DEFAULT_SETTLE_MS = 500;
/** Two observations agreeing, `settleMs` apart: the file did not change over one interval. */
export const DEFAULT_CHECKS = 2;

/** Whether the file's latest observations say it has stopped changing (pure: the property tests drive it). */
export function isSettled(observations: readonly Observation[], checks = DEFAULT_CHECKS): boolean {
  const needed = Math.max(2, checks);
  if (observations.length < needed) return false;
  const recent = observations.slice(-needed);
  const last = recent.at(-1)!;
  if (last.size <= 0) return false;
  return recent.every((o) => o.openable && o.size === last.size && o.mtimeMs === last.mtimeMs);
}

/** Whether a program is still writing to the file, where the platform lets another process tell. */
async function openable(path: string): Promise<boolean> {
  if (process.platform === 'win32') {
    try {
      // Write access is asked for only to learn whether the writer shares it; nothing is written.
      await (await open(path, 'r+')).close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EBUSY') return false;
      // A read-only file refuses r+ for its own reason: whether it can be read is what matters then.
    }
  }
  try {
    // Without blocking: a FIFO put in the file's place between stat and open must not hang the watcher.
    await (await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))).close();
    return true;
  } catch {
    return false;
  }
}

/** One observation of a file; null when it is gone (or no longer a regular file). */
export async function observe(path: string): Promise<Observation | null> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    return { size: info.size, mtimeMs: info.mtimeMs, openable: await openable(path) };
  } catch {
    return null;
  }
}

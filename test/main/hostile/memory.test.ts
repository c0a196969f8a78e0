/**
 * One memory budget for decoding (bad-input review M2): bounds that must never be crossed, measured from child
 * processes. Files of a few kilobytes that declare 100 megapixels; the pipeline alone (the offline engine's own
 * memory is the offline-engine issue's).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DecodeBudget } from '../../../main/image/budget.ts';
import { repoRoot } from '../../support/paths.ts';

const peakMb = (...names: string[]): number =>
  Number(execFileSync(process.execPath, ['test/support/decode-memory.ts', ...names], { cwd: repoRoot, encoding: 'utf8' }).trim());

describe('decoding memory', () => {
  it('any single hostile file stays under 1.2 GB', { timeout: 120_000 }, () => {
    for (const name of ['png', 'bmp', 'sgi', 'j2k']) expect(peakMb(name), name).toBeLessThan(1200);
  });

  it('all of them at once stay under 1.5 GB', { timeout: 120_000 }, () => {
    expect(peakMb('png', 'bmp', 'sgi', 'j2k', 'png', 'sgi')).toBeLessThan(1500);
  });
});

describe('DecodeBudget', () => {
  it('runs small decodes together, a large one alone, first come first served', async () => {
    const budget = new DecodeBudget(100);
    const log: string[] = [];
    const task = (name: string, cost: number, ms: number) =>
      budget.use(cost, async () => {
        log.push(`start ${name} (${budget.inUse})`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
      });
    await Promise.all([task('a', 40, 20), task('b', 40, 20), task('huge', 500, 10), task('c', 10, 5)]);
    expect(log).toEqual(['start a (40)', 'start b (80)', 'end a', 'end b', 'start huge (100)', 'end huge', 'start c (10)', 'end c']);
    expect(budget.inUse).toBe(0);
  });
});

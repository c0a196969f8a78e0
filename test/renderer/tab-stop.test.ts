/** Tab stops wide enough that tab-separated cells stand in columns. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tabStop } from '../../renderer/src/tab-stop.ts';

describe('tabStop', () => {
  it('is the widest cell and two more, a CJK character counting two; none without tabs', () => {
    expect(tabStop('Item\tQty\tPrice\nPaper A4\t12\t$36.00')).toBe(10);
    expect(tabStop('名称\t数量\n打印纸\t12')).toBe(8);
    expect(tabStop('Sync settings\nLast synced 3 minutes ago')).toBeUndefined();
    // A long line without tabs (a title above the table) does not widen the columns.
    expect(tabStop('Quarterly report for every region of the world\nA\tB')).toBe(3);
  });

  it('puts every cell in a column: a stop is never narrower than a cell, nor wider than 40', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'W', '1', '国', ' '), maxLength: 50 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const stop = tabStop(rows.map((row) => row.join('\t')).join('\n'))!;
        expect(stop).toBeLessThanOrEqual(40);
        for (const value of rows.flat()) expect(Math.min(40, [...value].reduce((w, c) => w + (c === '国' ? 2 : 1), 0) + 2)).toBeLessThanOrEqual(stop);
      }),
    );
  });
});

/** The text beside a table (a title, a total) is kept where an export writes the table as a table. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aroundTable } from '../../../main/text/table-around.ts';
import { findTable } from '../../../main/text/tables.ts';

/** Lines of prose: no tab, no pipe, no markup; never blank, so a table's edges are where the test put them. */
const prose = fc.array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,:]{0,20}$/), { maxLength: 3 }).map((lines) => lines.join('\n'));
const cell = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .]{0,8}$/).map((text) => text.trim() || 'x');
const grid = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 })).chain(([rows, columns]) => fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));

const join = (...parts: string[]): string => parts.filter((part) => part !== '').join('\n');

describe('aroundTable', () => {
  it('returns exactly the lines before and after a tab table or a pipe table', () => {
    fc.assert(
      fc.property(prose, grid, prose, fc.boolean(), (before, rows, after, pipes) => {
        const table = pipes
          ? [rows[0]!, rows[0]!.map(() => '---'), ...rows.slice(1)].map((row) => `| ${row.join(' | ')} |`).join('\n')
          : rows.map((row) => row.join('\t')).join('\n');
        const text = join(before, table, after);
        expect(findTable(text)).not.toBeNull();
        expect(aroundTable(text)).toEqual({ before, after });
      }),
    );
  });

  it('keeps the text around an HTML table, and says null where there is no table', () => {
    expect(aroundTable('Invoice 42\n<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>\nTotal 9')).toEqual({ before: 'Invoice 42', after: 'Total 9' });
    expect(aroundTable('just text\nno table')).toBeNull();
  });
});

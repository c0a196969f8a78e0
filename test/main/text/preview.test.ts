/** Row previews without Markdown's syntax (review L19): tables, headings, fences, emphasis and lists as their words. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewLine } from '../../../main/text/preview.ts';
import { toEntrySummary } from '../../../main/app/views.ts';
import { newEntry, result } from '../../support/entries.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { join } from 'node:path';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

/** Words as OCR reads them: Latin, digits, Chinese, a price; never Markdown's own characters. */
const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z][a-z]{0,9}$/),
  fc.stringMatching(/^[0-9]{1,4}(\.[0-9]{2})?$/),
  fc.constantFrom('发票', '数量', '单价', '金额', '稳中有升', 'USB-C', 'e-mail'),
);
const words = fc.array(word, { minLength: 1, maxLength: 5 });
const cell = words.map((w) => w.join(' '));
const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 2, maxLength: 5 }).map((rows) => rows.map((row) => row.slice(0, rows[0]!.length)));
const pipeTable = (rows: string[][]): string => {
  const [head, ...body] = rows;
  return [head!, head!.map(() => '---'), ...body].map((row) => `| ${row.join(' | ')} |`).join('\n');
};

describe('previewLine', () => {
  it('reads a pipe table as its header’s cells joined with spaces, never a leading "| "', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('', '```markdown\n', '\n\n'), (rows, before) => {
        const preview = previewLine(`${before}${pipeTable(rows)}`);
        expect(preview.startsWith('| ')).toBe(false);
        expect(preview).not.toContain('|');
        expect(preview).toBe(rows[0]!.join(' '));
      }),
    );
  });

  it('keeps the words of a line wrapped in headings, quotes, list markers, emphasis and code', () => {
    const block = fc.constantFrom('', '# ', '### ', '> ', '- ', '* ', '+ ', '1. ', '12) ', '- [ ] ', '- [x] ');
    const wrap = fc.constantFrom((w: string) => w, (w: string) => `**${w}**`, (w: string) => `*${w}*`, (w: string) => `_${w}_`, (w: string) => `\`${w}\``, (w: string) => `~~${w}~~`, (w: string) => `[${w}](https://example.com/x)`);
    fc.assert(
      fc.property(block, fc.array(fc.tuple(word, wrap), { minLength: 1, maxLength: 6 }), (marker, parts) => {
        const line = `${marker}${parts.map(([w, f]) => f(w)).join(' ')}`;
        expect(previewLine(line)).toBe(parts.map(([w]) => w).join(' '));
      }),
    );
  });

  it('leaves plain text as its first line with words, trimmed, spaces collapsed', () => {
    fc.assert(
      fc.property(fc.array(words.map((w) => w.join('  ')), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '\n', '  \n\n'), (lines, lead) => {
        expect(previewLine(`${lead}${lines.join('\n')}`)).toBe(lines[0]!.replace(/\s+/g, ' ').trim());
      }),
    );
  });

  it('is one line, and empty only where there are no words', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '|', '#', '-', '*', '`', '>', '_', '[', ']', '(', ')', '中') }), (text) => {
        const preview = previewLine(text);
        expect(preview).not.toContain('\n');
        expect(preview).toBe(preview.trim());
        if (!/[a中]/.test(text)) expect(preview.replace(/[|#\-*`>_[\]() ]/g, '')).toBe('');
      }),
    );
  });

  it('skips fences and dividers to the content, and reads an HTML table’s first cells', () => {
    expect(previewLine('```json\n{"invoice_no": "INV-2042"}\n```')).toBe('{"invoice_no": "INV-2042"}');
    expect(previewLine('---\n## Invoice **INV-2042**\nrest')).toBe('Invoice INV-2042');
    expect(previewLine('<table><tr><th>Item</th><th>Qty</th></tr><tr><td>Pen</td><td>2</td></tr></table>')).toBe('Item Qty Pen 2');
    expect(previewLine('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(previewLine('| a \\| b | c |\n| --- | --- |')).toBe('a | b c');
  });

  it('is what a row shows: the table result of the review reads as its words (L19)', () => {
    const store = new HistoryStore(join(tempDir(), 'history.sqlite'));
    try {
      const id = store.createPending(newEntry());
      store.complete(id, result('| Item | Qty | Unit price | Amount |\n| --- | --- | --- | --- |\n| Laptop stand | 2 | 34.90 | 69.80 |'));
      expect(toEntrySummary(store.get(id)!).preview).toBe('Item Qty Unit price Amount');
    } finally {
      store.close();
    }
  });
});

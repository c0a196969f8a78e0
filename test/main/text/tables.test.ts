/** Tables in results (H5, M15): found in tab-separated, Markdown and HTML text; out as TSV, CSV and Markdown. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTable, parseCsv, tableFromHtml, tableFromMarkdown, tableFromTabs, toCsv, toMarkdownTable, toTsv } from '../../../main/text/tables.ts';

const invoice = [['Item', 'Qty', 'Unit price', 'Amount'], ['Laptop stand', '2', '34.90', '69.80'], ['USB-C hub', '1', '', '25.00']];

describe('finding a table', () => {
  it('reads the offline layout’s tab-separated rows, the longest run of them', () => {
    expect(tableFromTabs('Invoice 42\nItem\tQty\tUnit price\tAmount\nLaptop stand\t2\t34.90\t69.80\nUSB-C hub\t1\t\t25.00\nThank you')).toEqual(invoice);
    expect(tableFromTabs('one\ttwo')).toBeNull();
  });

  it('reads a Markdown pipe table as Qwen’s table task writes it, an escaped pipe kept in its cell', () => {
    const md = 'Here is the table:\n\n| Item | Qty | Unit price | Amount |\n|:---|---:|---|---|\n| Laptop stand | 2 | 34.90 | 69.80 |\n| USB-C hub | 1 |  | 25.00 |\n\nDone.';
    expect(tableFromMarkdown(md)).toEqual(invoice);
    expect(tableFromMarkdown('| a \\| b | c |\n| --- | --- |\n| 1 | 2 |')).toEqual([['a | b', 'c'], ['1', '2']]);
    expect(tableFromMarkdown('just | a pipe\nno table')).toBeNull();
  });

  it('reads an HTML table: th and td, entities, breaks, colspan, unclosed cells', () => {
    const html = '```html\n<table border="1"><thead><tr><th>Item</th><th>Qty</th><th>Unit price</th><th>Amount</th></tr></thead><tbody><tr><td>Laptop <b>stand</b></td><td>2</td><td>34.90</td><td>69.80</td></tr><tr><td>USB-C&nbsp;hub<td>1<td><td>25.00</tr></tbody></table>\n```';
    expect(tableFromHtml(html)).toEqual(invoice);
    expect(tableFromHtml('<table><tr><td colspan="2">Total &amp; tax</td><td>&#165;5</td></tr><tr><td>a<br>b</td><td>c</td><td>d</td></tr></table>')).toEqual([['Total & tax', '', '¥5'], ['a b', 'c', 'd']]);
  });

  it('says which kind it found, HTML first, and none in plain text', () => {
    expect(findTable('<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>')?.source).toBe('html');
    expect(findTable('| a | b |\n| - | - |\n| 1 | 2 |')).toBeNull(); // a divider needs two dashes
    expect(findTable('| a | b |\n| -- | -- |\n| 1 | 2 |')?.source).toBe('markdown');
    expect(findTable('a\tb\n1\t2')?.source).toBe('tabs');
    expect(findTable('Hello\nworld')).toBeNull();
  });
});

describe('writing a table', () => {
  it('TSV: a tab or a break inside a cell never starts a new cell or row', () => {
    expect(toTsv([['a\tb', 'c\nd'], ['1', '2']])).toBe('a b\tc d\n1\t2');
  });

  it('Markdown: a pipe table with its divider', () => {
    expect(toMarkdownTable(invoice)).toBe('| Item | Qty | Unit price | Amount |\n| --- | --- | --- | --- |\n| Laptop stand | 2 | 34.90 | 69.80 |\n| USB-C hub | 1 |   | 25.00 |');
    expect(tableFromMarkdown(toMarkdownTable([['a|b', 'c'], ['1', '2']]))).toEqual([['a|b', 'c'], ['1', '2']]);
  });

  const cell = fc.string({ unit: fc.constantFrom('a', '1', ' ', ',', '"', '\n', '\r\n', '\t', '|', '国', '='), maxLength: 12 });
  const table = fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }));

  it('CSV round-trips every cell (a formula start kept as text with an apostrophe)', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const guarded = rows.map((row) => row.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
        expect(parseCsv(toCsv(rows))).toEqual(guarded);
      }),
    );
  });

  it('TSV round-trips cells without tabs and breaks, and keeps the shape of any table', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const back = toTsv(rows).split('\n').map((line) => line.split('\t'));
        expect(back.length).toBe(rows.length);
        back.forEach((row, r) => expect(row.length).toBe(rows[r]!.length));
        back.forEach((row, r) => row.forEach((c, i) => expect(c).toBe(rows[r]![i]!.replace(/[\t\r\n]+/g, ' ').trim())));
      }),
    );
  });
});

describe('findStructure', () => {
  it('reads key information as fields, nested by path, and pretty JSON', async () => {
    const { findStructure } = await import('../../../main/text/structure.ts');
    const found = findStructure('```json\n{"invoice_no":"42","seller":{"name":"ACME","tax_id":null},"items":["a","b"]}\n```', 'key-info');
    expect(found).toEqual({
      kind: 'fields',
      fields: [{ key: 'invoice_no', value: '42' }, { key: 'seller › name', value: 'ACME' }, { key: 'seller › tax_id', value: '' }, { key: 'items', value: 'a, b' }],
      json: '{\n  "invoice_no": "42",\n  "seller": {\n    "name": "ACME",\n    "tax_id": null\n  },\n  "items": [\n    "a",\n    "b"\n  ]\n}',
    });
    expect(findStructure('| a | b |\n| -- | -- |\n| 1 | 2 |', 'table')?.kind).toBe('table');
    expect(findStructure('$$\\frac{a}{b}$$', null)).toEqual({ kind: 'latex', latex: '\\frac{a}{b}' });
    expect(findStructure('E = mc^2', 'formula')).toEqual({ kind: 'latex', latex: 'E = mc^2' });
    expect(findStructure('Hello {world}', 'text')).toBeNull();
  });
});

/** Exports for people (M14): local time and readable names, text shaped by the mode, tables as CSV, XLSX and DOCX tables. */
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { entriesDocx, localTime, readableMarkdown, readableText, tablesCsv, tablesXlsx } from '../../../main/history/export-readable.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import type { Entry } from '../../../main/history/types.ts';
import { parseCsv } from '../../../main/text/tables.ts';
import { newEntry, result } from '../../support/entries.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
let store: HistoryStore;
let prose: Entry;
let table: Entry;

beforeEach(() => {
  store = new HistoryStore(join(tempDir(), 'history.sqlite'));
  const a = store.createPending(newEntry({ source: { kind: 'region', rect: { x: 0, y: 0, width: 640, height: 480 }, display: 1 } as never }));
  store.complete(a, result('# Report\nThe quarterly report shows revenue up in every\nregion of the world.'));
  const b = store.createPending(newEntry({ source: { kind: 'file', path: '/a/invoice.png', name: 'invoice.png' } }));
  store.complete(b, result('Invoice\nItem\tQty\tAmount\nLaptop stand\t2\t69.80\n=cmd|x\t1\t"quoted", too'));
  prose = store.get(a)!;
  table = store.get(b)!;
  return () => store.close();
});

const UTC_ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/;

describe('readable exports', () => {
  it('writes the time in the user’s zone, never UTC ISO', () => {
    expect(localTime(Date.UTC(2026, 11, 6, 17, 16), 'Asia/Shanghai')).toBe('2026-12-07 01:16');
    expect(localTime(Date.UTC(2026, 11, 6, 17, 16), 'UTC')).toBe('2026-12-06 17:16');
  });

  it('plain text: one entry is its text as the mode shapes it; several are headed by name and local time', () => {
    expect(readableText([prose], { mode: 'paragraphs' })).toBe('# Report\nThe quarterly report shows revenue up in every region of the world.\n');
    const both = readableText([prose, table], { mode: 'lines', timeZone: 'UTC' });
    expect(both).toContain(`Screen capture · ${localTime(prose.createdAt, 'UTC')}\n\n# Report`);
    expect(both).toContain('invoice.png · ');
    expect(both).not.toMatch(UTC_ISO);
    expect(both).not.toContain(`#${table.id}`);
  });

  it('Markdown: the tab table as a pipe table, text as text with its breaks, no UTC or ids', () => {
    const md = readableMarkdown([prose, table], { mode: 'lines', timeZone: 'UTC' });
    expect(md).toContain('## Screen capture\n\n_');
    expect(md).toContain('\\# Report  \nThe quarterly report shows revenue up in every  \nregion of the world.');
    expect(md).toContain('| Item | Qty | Amount |\n| --- | --- | --- |\n| Laptop stand | 2 | 69.80 |\n| =cmd\\|x | 1 | "quoted", too |');
    expect(md).not.toMatch(UTC_ISO);
  });

  it('CSV of the table reads back as its cells, a formula kept as text', () => {
    expect(tablesCsv([prose])).toBeNull();
    expect(parseCsv(tablesCsv([table])!)).toEqual([['Item', 'Qty', 'Amount'], ['Laptop stand', '2', '69.80'], ["'=cmd|x", '1', '"quoted", too']]);
  });

  it('XLSX of the table: a workbook whose sheet holds every cell as text', async () => {
    expect(await tablesXlsx([prose])).toBeNull();
    const files = unzipSync(new Uint8Array((await tablesXlsx([prose, table]))!));
    expect(Object.keys(files)).toContain('xl/workbook.xml');
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('name="invoice.png"');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const strings = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : sheet;
    for (const cell of ['Item', 'Laptop stand', '69.80', '=cmd|x', '"quoted", too']) expect(strings.includes(cell) || sheet.includes(cell)).toBe(true);
    // Three rows of three cells, none a formula.
    expect(sheet.match(/<row\b/g)?.length).toBe(3);
    expect(sheet).not.toContain('<f>');
  });

  it('DOCX: a heading per entry, the text a paragraph a line, the table as a Word table', async () => {
    const files = unzipSync(new Uint8Array(await entriesDocx([prose, table], { mode: 'lines', timeZone: 'UTC' })));
    const document = strFromU8(files['word/document.xml']!);
    expect(document).toContain('Screen capture');
    expect(document).toContain('invoice.png');
    expect(document).toContain('region of the world.');
    expect(document.match(/<w:tbl>/g)?.length).toBe(1);
    expect(document.match(/<w:tr>|<w:tr /g)?.length).toBe(3);
    expect(document).toContain('Laptop stand');
    expect(document).not.toMatch(UTC_ISO);
  });
});

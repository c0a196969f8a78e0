/**
 * The window's exports (issue 22, M14): every format from the result's Export menu and the selection bar, through
 * the real services, each file opened and read as its format holds it (TXT and MD as text, CSV parsed, DOCX and XLSX
 * unzipped); the text as the line mode shapes it; the save dialog offered a readable name filtered to the format;
 * images beside a Markdown file only when asked; the menu by keyboard. Screenshots of the menu open at 1100x720,
 * English and Chinese, light and dark.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { parseCsv } from '../../main/text/tables.ts';
import { createTestApp } from '../support/app-services.ts';
import { seed } from '../support/seed.ts';
import { seedDocument } from '../support/seed-document.ts';
import { useWindowSuite } from '../support/window-suite.ts';
import { seriousFindings } from '../support/axe.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { tempDir } = suite;
const shots = '/tmp/shots/exports';
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `export-${name}.png`) });

const PROSE = 'Quarterly report\nThe quarterly report shows revenue up in every\nregion of the world.';
const INVOICE = 'Invoice\nItem\tQty\tAmount\nLaptop stand\t2\t69.80\n=SUM(A1)\t1\t"quoted", too';

/** Picks `item` from the result's Export menu and waits for the toast that says the file was written. */
async function exportVia(page: Page, item: string, path: string): Promise<void> {
  suite.app!.savePath = path;
  const toasts = page.getByTestId('toast').filter({ hasText: path.split('/').at(-1)! });
  const before = await toasts.count();
  await page.getByTestId('export-menu').click();
  await page.getByTestId(item).click();
  await expect.poll(() => toasts.count()).toBe(before + 1);
}

const unzipped = (path: string, file: string): string => strFromU8(unzipSync(new Uint8Array(readFileSync(path)))[file]!);

describe('the result’s Export menu', () => {
  it('writes each format of an entry holding a table, each read back from its file', { timeout: 180_000 }, async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, [INVOICE]);
    const page = await suite.open();
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('export-menu').click();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual([en.modes.export.txt, en.modes.export.md, en.exports.mdImages, en.modes.export.docx, en.modes.export.csv, en.modes.export.xlsx]);
    await page.keyboard.press('Escape');
    const dir = tempDir();

    await exportVia(page, 'export-txt', join(dir, 'invoice.txt'));
    expect(readFileSync(join(dir, 'invoice.txt'), 'utf8')).toBe(`${INVOICE}\n`);
    // The dialog offered the entry's own name, typed for the format (no "readout-export", no id).
    expect(suite.app.saveOffers.at(-1)).toEqual({ defaultName: 'shot-0.txt', format: 'txt' });

    await exportVia(page, 'export-md', join(dir, 'invoice.md'));
    const md = readFileSync(join(dir, 'invoice.md'), 'utf8');
    expect(md).toContain('## shot-0.png\n');
    // The title above the table is kept; the table is a pipe table.
    expect(md).toContain('Invoice\n\n| Item | Qty | Amount |\n| --- | --- | --- |\n| Laptop stand | 2 | 69.80 |');
    expect(md).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(md).not.toContain('![');
    expect(existsSync(join(dir, 'invoice-images'))).toBe(false);

    await exportVia(page, 'export-md-images', join(dir, 'with images.md'));
    const images = readdirSync(join(dir, 'with images-images'));
    expect(images).toHaveLength(1);
    expect(readFileSync(join(dir, 'with images.md'), 'utf8')).toContain(`![shot-0.png](with%20images-images/${images[0]})`);

    await exportVia(page, 'export-docx', join(dir, 'invoice.docx'));
    const docx = unzipped(join(dir, 'invoice.docx'), 'word/document.xml');
    expect(docx).toContain('shot-0.png');
    expect(docx.indexOf('Invoice')).toBeLessThan(docx.indexOf('<w:tbl>'));
    expect(docx).toContain('Laptop stand');
    expect(docx.match(/<w:tbl>/g)?.length).toBe(1);
    expect(suite.app.saveOffers.at(-1)).toEqual({ defaultName: 'shot-0.docx', format: 'docx' });

    await exportVia(page, 'export-csv', join(dir, 'invoice.csv'));
    expect(parseCsv(readFileSync(join(dir, 'invoice.csv'), 'utf8'))).toEqual([['Item', 'Qty', 'Amount'], ['Laptop stand', '2', '69.80'], ["'=SUM(A1)", '1', '"quoted", too']]);

    await exportVia(page, 'export-xlsx', join(dir, 'invoice.xlsx'));
    const files = unzipSync(new Uint8Array(readFileSync(join(dir, 'invoice.xlsx'))));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const strings = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : sheet;
    for (const cell of ['Item', 'Laptop stand', '69.80', '=SUM(A1)']) expect(strings.includes(cell) || sheet.includes(cell)).toBe(true);
    expect(sheet).not.toContain('<f>');
  });

  it('shapes the text by the line mode, and offers no table formats where there is no table', { timeout: 120_000 }, async () => {
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ lineMode: 'paragraphs' });
    await seed(suite.app, [PROSE]);
    const page = await suite.open();
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('export-menu').click();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual([en.modes.export.txt, en.modes.export.md, en.exports.mdImages, en.modes.export.docx]);
    await page.keyboard.press('Escape');
    const dir = tempDir();
    await exportVia(page, 'export-txt', join(dir, 'report.txt'));
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe('Quarterly report\nThe quarterly report shows revenue up in every region of the world.\n');
    // The mode chosen on the result applies to the next export, without reading again.
    await page.getByTestId('line-mode').selectOption('one-line');
    await exportVia(page, 'export-docx', join(dir, 'report.docx'));
    expect(unzipped(join(dir, 'report.docx'), 'word/document.xml')).toContain('Quarterly report The quarterly report shows revenue up in every region of the world.');
  });

  it('works from the keyboard: ↓ opens on Text, End reaches Excel, Enter exports, Esc gives the focus back', { timeout: 120_000 }, async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, [INVOICE]);
    const page = await suite.open();
    await page.getByTestId('history-row').first().click();
    const dir = tempDir();
    suite.app.savePath = join(dir, 'keys.xlsx');
    await page.getByTestId('export-menu').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-txt');
    // The open menu passes axe, light and dark.
    expect(await seriousFindings(page)).toEqual([]);
    // The focused item is visibly marked.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-xlsx');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('toast').filter({ hasText: 'keys.xlsx' }).count()).toBe(1);
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(join(dir, 'keys.xlsx')))))).toContain('xl/workbook.xml');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-menu');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-xlsx');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-menu');
  });

  it('a PDF page offers its own formats and its document’s, in named groups; the document exports its pages in order', { timeout: 120_000 }, async () => {
    suite.app = createTestApp(tempDir());
    await seedDocument(suite.app, 'contract.pdf', ['page one', 'page two']);
    const page = await suite.open();
    await page.getByTestId('history-row').first().click();
    const dir = tempDir();
    suite.app.savePath = join(dir, 'contract.txt');
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-document-txt').click();
    await expect.poll(() => page.getByTestId('toast').filter({ hasText: 'contract.txt' }).count()).toBe(1);
    const text = readFileSync(join(dir, 'contract.txt'), 'utf8');
    expect(text.indexOf('page one')).toBeGreaterThan(0);
    expect(text.indexOf('page two')).toBeGreaterThan(text.indexOf('page one'));
    expect(text).toContain('contract.pdf, page 1 of 2');
    expect(suite.app.saveOffers.at(-1)).toEqual({ defaultName: 'contract.txt', format: 'txt' });
  });
});

describe('the selection bar’s Export menu', () => {
  it('exports the chosen entries in the format picked; a table format with no table says so', { timeout: 120_000 }, async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, [PROSE, INVOICE, 'a third']);
    const page = await suite.open();
    const rows = page.getByTestId('history-row');
    await rows.nth(0).click();
    await rows.nth(1).click({ modifiers: ['Shift'] });
    const bar = page.getByTestId('selection-bar');
    await bar.waitFor();
    const dir = tempDir();
    suite.app.savePath = join(dir, 'chosen.docx');
    await bar.getByRole('button', { name: en.selection.export }).click();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual([en.modes.export.txt, en.modes.export.md, en.exports.mdImages, en.modes.export.docx, en.modes.export.csv, en.modes.export.xlsx]);
    await page.getByTestId('export-chosen-docx').click();
    await expect.poll(() => page.getByTestId('toast').filter({ hasText: 'chosen.docx' }).count()).toBe(1);
    const docx = unzipped(join(dir, 'chosen.docx'), 'word/document.xml');
    expect(docx).toContain('Laptop stand');
    expect(docx).toContain('a third');
    expect(docx).not.toContain('Quarterly');
    expect(suite.app.saveOffers.at(-1)?.defaultName).toMatch(/^Readout export \d{4}-\d\d-\d\d\.docx$/);

    // Only the first (prose) and the third: no table among them.
    await rows.nth(2).click();
    await rows.nth(0).click({ modifiers: ['Control'] });
    await bar.getByRole('button', { name: en.selection.export }).click();
    suite.app.savePath = join(dir, 'none.csv');
    await page.getByTestId('export-chosen-csv').click();
    await expect.poll(() => page.getByTestId('toast').filter({ hasText: en.errorCode['export-no-table'] }).count()).toBe(1);
    expect(existsSync(join(dir, 'none.csv'))).toBe(false);
  });
});

describe('screenshots of the menu', () => {
  for (const [locale, scheme, words] of [['en-US', 'light', en], ['en-US', 'dark', en], ['zh-CN', 'light', zhCN], ['zh-CN', 'dark', zhCN]] as const) {
    it(`the menu open on a table and on a PDF page (${locale}, ${scheme}, 1100x720)`, { timeout: 120_000 }, async () => {
      suite.app = createTestApp(tempDir());
      await seed(suite.app, [INVOICE]);
      await seedDocument(suite.app, 'contract.pdf', ['page one', 'page two']);
      const page = await suite.open({ locale, colorScheme: scheme });
      await page.setViewportSize({ width: 1100, height: 720 });
      await page.getByTestId('history-row').filter({ hasText: 'shot-0.png' }).first().click();
      await page.getByTestId('export-menu').click();
      await page.getByRole('menu').waitFor();
      expect(await page.getByRole('menuitem').first().textContent()).toBe(words.modes.export.txt);
      await shot(page, `table-${locale}-${scheme}-1100`);
      await page.keyboard.press('Escape');
      await page.getByTestId('history-row').filter({ hasText: 'page one' }).first().click();
      await page.getByTestId('export-menu').click();
      await page.getByRole('menu').waitFor();
      expect(await page.getByRole('menu').getByRole('group').evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label')))).toEqual([words.exports.thisPage, words.exports.document]);
      // The menu stays inside the window.
      const box = (await page.getByRole('menu').boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(720);
      await shot(page, `pdf-page-${locale}-${scheme}-1100`);
    });
  }
});

describe('row previews (L19)', () => {
  it('read a Markdown table, heading and fence as their words', { timeout: 120_000 }, async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, ['| Item | Qty | Unit price | Amount |\n| --- | --- | --- | --- |\n| Laptop stand | 2 | 34.90 | 69.80 |', '## **Quarterly** report\nText', '```json\n{"total": "94.80"}\n```']);
    const page = await suite.open();
    const rows = page.getByTestId('history-row');
    await expect.poll(() => rows.count()).toBe(3);
    const texts = await rows.allTextContents();
    expect(texts.find((text) => text.includes('Item Qty Unit price Amount'))).toBeDefined();
    expect(texts.find((text) => text.includes('Quarterly report'))).toBeDefined();
    expect(texts.find((text) => text.includes('{"total": "94.80"}'))).toBeDefined();
    for (const text of texts) expect(text).not.toMatch(/\| |##|\*\*|```/);
    await shot(page, 'previews-en-light-1100');
  });
});

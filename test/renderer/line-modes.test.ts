/**
 * Line modes, tables and structured results in the real window (issue 22: H5, M12, M15, L12): the mode changes what
 * is shown and copied without reading again and is remembered; a table shows as a grid and copies as TSV; key
 * information as fields. Screenshots at 1100x720 and 640x480, English and Chinese, light and dark.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { createTestApp } from '../support/app-services.ts';
import { seed } from '../support/seed.ts';
import { useWindowSuite } from '../support/window-suite.ts';
import { seriousFindings } from '../support/axe.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { tempDir, screenshots } = suite;
const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `modes-${name}.png`) });

const ENGLISH = 'Quarterly report\nThe quarterly report shows revenue up in every\nregion of the world, led by strong demand for\nits newest products.';
const CHINESE = '稳中有升\n国家统计局今天发布数据显示十月份规模以上工业\n增加值同比增长百分之五点三。';
const TABLE = '| Item | Qty | Unit price | Amount |\n| --- | --- | --- | --- |\n| Laptop stand | 2 | 34.90 | 69.80 |\n| USB-C hub | 1 | 25.00 | 25.00 |';
const KEY_INFO = '```json\n{"invoice_no": "INV-2042", "date": "2026-11-04", "total": "94.80", "seller": {"name": "ACME Ltd"}}\n```';

async function open(texts: string[], options: { locale?: string; colorScheme?: 'light' | 'dark'; size?: { width: number; height: number } } = {}) {
  suite.app = createTestApp(tempDir());
  const ids = await seed(suite.app, texts);
  const page = await suite.open({ locale: options.locale, colorScheme: options.colorScheme });
  if (options.size) await page.setViewportSize(options.size);
  return { page, ids };
}

const select = async (page: Page, title: string) => {
  await page.getByTestId('history-row').filter({ hasText: title }).first().click();
  await page.getByTestId('result').waitFor();
};

describe('line modes', () => {
  it('shapes what is shown and copied, on a past result, and remembers the choice', { timeout: 120_000 }, async () => {
    const { page } = await open([ENGLISH]);
    await select(page, 'Quarterly');
    const text = page.getByTestId('result-text');
    expect(await text.textContent()).toBe(ENGLISH);
    await page.getByTestId('line-mode').selectOption('paragraphs');
    await expect.poll(() => text.textContent()).toBe('Quarterly report\nThe quarterly report shows revenue up in every region of the world, led by strong demand for its newest products.');
    await page.getByTestId('copy').click();
    await expect.poll(() => suite.app!.clipboard.at(-1)).toBe('Quarterly report\nThe quarterly report shows revenue up in every region of the world, led by strong demand for its newest products.');
    expect(suite.app!.settings.get().lineMode).toBe('paragraphs');
    await shot(page, 'paragraphs-en-light-1100');
    await page.getByTestId('line-mode').selectOption('one-line');
    await expect.poll(() => text.textContent()).not.toContain('\n');
    // Remembered: the window opened again shows the same mode.
    await page.reload();
    await select(page, 'Quarterly');
    expect(await page.getByTestId('line-mode').inputValue()).toBe('one-line');
    await page.getByTestId('line-mode').selectOption('lines');
  });

  it('joins Chinese without spaces and keeps its heading apart (L12), in Chinese, dark, at 640x480', { timeout: 120_000 }, async () => {
    const { page } = await open([CHINESE], { locale: 'zh-CN', colorScheme: 'dark', size: { width: 640, height: 480 } });
    await select(page, '稳中有升');
    expect(await page.getByTestId('line-mode').locator('option:checked').textContent()).toBe(zhCN.modes.mode.lines);
    await page.getByTestId('line-mode').selectOption('paragraphs');
    await expect.poll(() => page.getByTestId('result-text').textContent()).toBe('稳中有升\n国家统计局今天发布数据显示十月份规模以上工业增加值同比增长百分之五点三。');
    await shot(page, 'paragraphs-zh-dark-640');
    await page.getByTestId('line-mode').selectOption('one-line');
    await page.getByTestId('copy').click();
    await expect.poll(() => suite.app!.clipboard.at(-1)).toBe('稳中有升 国家统计局今天发布数据显示十月份规模以上工业增加值同比增长百分之五点三。');
  });
});

describe('tables and structured results', () => {
  for (const { locale, colorScheme, size, words } of [
    { locale: 'en-US', colorScheme: 'light', size: { width: 1100, height: 720 }, words: en },
    { locale: 'zh-CN', colorScheme: 'dark', size: { width: 1100, height: 720 }, words: zhCN },
    { locale: 'en-US', colorScheme: 'dark', size: { width: 640, height: 480 }, words: en },
    { locale: 'zh-CN', colorScheme: 'light', size: { width: 640, height: 480 }, words: zhCN },
  ] as const) {
    it(`shows a Markdown table as a grid and copies it as TSV (${locale}, ${colorScheme}, ${size.width})`, { timeout: 120_000 }, async () => {
      const { page } = await open([TABLE], { locale, colorScheme, size });
      await page.getByTestId('history-row').first().click();
      const grid = page.getByTestId('table-grid');
      await grid.waitFor();
      expect(await grid.locator('th').allTextContents()).toEqual(['Item', 'Qty', 'Unit price', 'Amount']);
      expect(await grid.locator('tbody tr').count()).toBe(2);
      // A cell keeps to one line: no cell is taller than the header's.
      const heights = await grid.locator('td, th').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().height));
      expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(2);
      await page.getByRole('button', { name: words.modes.copyTable }).click();
      await expect.poll(() => suite.app!.clipboard.at(-1)).toBe('Item\tQty\tUnit price\tAmount\nLaptop stand\t2\t34.90\t69.80\nUSB-C hub\t1\t25.00\t25.00');
      await shot(page, `table-${locale}-${colorScheme}-${size.width}`);
      if (size.width === 1100) expect(await seriousFindings(page)).toEqual([]);
      // The raw text is one click away.
      await page.getByTestId('show-raw').click();
      expect(await page.getByTestId('result-text').textContent()).toBe(TABLE);
    });
  }

  it('shows the offline layout’s tab table unwrapped, with the editor on the same tab stops (H5)', { timeout: 120_000 }, async () => {
    const { page } = await open(['Invoice\nItem\tQty\tUnit price\tAmount\nLaptop stand\t2\t34.90\t69.80']);
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('show-raw').click();
    const text = page.getByTestId('result-text');
    expect(await text.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre');
    const tab = await text.evaluate((el) => getComputedStyle(el).tabSize);
    await page.getByTestId('edit').or(page.getByRole('button', { name: en.result.edit })).first().click();
    expect(await page.getByTestId('editor').evaluate((el) => getComputedStyle(el).tabSize)).toBe(tab);
  });

  it('shows key information as fields, each with Copy, and Copy JSON', { timeout: 120_000 }, async () => {
    const { page } = await open([KEY_INFO]);
    await page.getByTestId('history-row').first().click();
    const fields = page.getByTestId('field-list');
    await fields.waitFor();
    expect(await fields.locator('dt').allTextContents()).toEqual(['invoice_no', 'date', 'total', 'seller › name']);
    await page.getByRole('button', { name: fill(en.modes.copyField, { field: 'total' }) }).click();
    await expect.poll(() => suite.app!.clipboard.at(-1)).toBe('94.80');
    await page.getByTestId('copy-json').click();
    await expect.poll(() => suite.app!.clipboard.at(-1)).toContain('"invoice_no": "INV-2042"');
    await shot(page, 'fields-en-light-1100');
    expect(await seriousFindings(page)).toEqual([]);
  });
});

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

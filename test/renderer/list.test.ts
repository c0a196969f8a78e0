/**
 * The list behaves (issue 22): rows say what tells them apart (M16), a code-only image shows its code (M10), search
 * snippets show the match (M5), a search with no match says so with Clear search (L5), End loads to the end and the
 * page keys move a page (L4), a PDF's header folds its pages and exports it (L15), and axe finds nothing serious.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { createTestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { result } from '../support/entries.ts';
import { seed } from '../support/seed.ts';
import { seedDocument } from '../support/seed-document.ts';
import { useWindowSuite } from '../support/window-suite.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { tempDir } = suite;
const SHOTS = process.env.READOUT_SHOTS ?? '/tmp/shots/results';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const WIFI = 'WIFI:T:WPA;S:Cafe-Guest;P:espresso-2026;;';

describe('rows and codes', () => {
  for (const [locale, scheme, words] of [['en-US', 'light', en], ['zh-CN', 'dark', zhCN]] as const) {
    it(`a code-only image copies its code, its row shows it, the Wi-Fi fields can be copied (${locale}, ${scheme})`, async () => {
      suite.app = createTestApp(tempDir());
      const [plain, wifi, table] = await seed(suite.app, ['plain words', 'x', 'a | b']);
      // The Wi-Fi entry read no text, only its code; another was read as a table.
      suite.app.history.complete(wifi!, result('', { codes: [{ format: 'QRCode', text: WIFI, box: [[10, 10], [90, 10], [90, 90], [10, 90]], bytes: WIFI.length, binary: false }] } as never));
      suite.app.history.edit(plain!, null);
      void table;
      const page = await suite.open({ locale, colorScheme: scheme });
      const row = page.getByTestId('history-row').filter({ hasText: 'Cafe-Guest' });
      await row.waitFor();
      expect(await row.locator('.code-badge').count()).toBe(1);
      // The name on its line; the source as an icon named for screen readers; the time on the meta line.
      expect(await row.locator('.row-title .row-name').textContent()).toBe('shot-1.png');
      expect(await row.getByTestId('row-source').textContent()).toBe(words.source.file);
      await row.click();
      await expect.poll(() => page.getByTestId('field-network').textContent()).toBe('Cafe-Guest');
      expect(await page.getByTestId('field-password').textContent()).toBe('espresso-2026');
      // No empty text box; Copy copies the code and says so.
      expect(await page.getByTestId('result-text').count()).toBe(0);
      await page.getByTestId('copy').click();
      await expect.poll(() => suite.app!.clipboard.at(-1)).toBe(WIFI);
      await page.getByTestId('toast').filter({ hasText: words.codes.copied }).waitFor();
      await page.getByRole('button', { name: words.results.copyField.replace('{{field}}', words.results.field.password) }).click();
      await expect.poll(() => suite.app!.clipboard.at(-1)).toBe('espresso-2026');
      await shot(page, `code-only-1100-${locale}-${scheme}`);
      await page.setViewportSize({ width: 640, height: 480 });
      await shot(page, `code-only-640-${locale}-${scheme}`);
      await page.setViewportSize({ width: 1100, height: 720 });
      expect(await seriousFindings(page)).toEqual([]);
    });
  }

  it('labels PDF pages; the document header folds its pages and exports it', async () => {
    suite.app = createTestApp(tempDir());
    const [table] = await seed(suite.app, ['| a | b |']);
    suite.app.history.complete(table!, result('| a | b |'));
    await seedDocument(suite.app, 'contract.pdf', ['page one', 'page two', 'page three']);
    const page = await suite.open();
    expect(await page.getByTestId('task-badge').count()).toBe(0);
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(4);
    const pages = page.getByTestId('history-row').filter({ has: page.getByTestId('row-source') }).filter({ hasText: 'page' });
    expect(await pages.first().getByTestId('row-source').textContent()).toBe(en.results.pdfPage.replace('{{page}}', '1'));
    await page.getByTestId('document-toggle').click();
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(2);
    expect(await page.getByTestId('document-toggle').getAttribute('aria-expanded')).toBe('false');
    await shot(page, 'document-folded-1100-en-light');
    await page.getByTestId('document-toggle').click();
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(4);
    // From the keyboard: ← on a page folds its document, → unfolds it.
    await page.getByTestId('history-row').filter({ hasText: 'page two' }).click();
    await page.getByTestId('history-list').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(2);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(4);
    suite.app.savePath = join(tempDir(), 'contract.md');
    await page.getByTestId('document-export').click();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual([en.modes.export.txt, en.modes.export.md, en.exports.mdImages, en.modes.export.docx, en.exports.searchablePdf]);
    await shot(page, 'document-export-1100-en-light');
    await page.keyboard.press('Escape');
  });

});

describe('search and keys', () => {
  it('a late match shows in its snippet; no match says so in the result pane with Clear search', async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, [`Minutes\n${'Attendance was taken and the agenda agreed. '.repeat(5)}\nroom B503\nroadmap before Friday`, 'other']);
    const page = await suite.open();
    await page.getByTestId('search').fill('roadmap');
    await expect.poll(() => page.locator('.row mark').allTextContents()).toEqual(['roadmap']);
    // The match is inside the row's visible width, not past its ellipsis.
    const [mark, text] = await Promise.all([page.locator('.row mark').boundingBox(), page.locator('.row .row-text').first().boundingBox()]);
    expect(mark!.x + mark!.width).toBeLessThanOrEqual(text!.x + text!.width);
    await shot(page, 'search-snippet-1100-en-light');
    await page.getByTestId('search').fill('nothing like this');
    await page.getByTestId('no-match').waitFor();
    expect(await page.getByTestId('no-match').textContent()).toContain('nothing like this');
    await shot(page, 'search-nomatch-1100-en-light');
    await page.getByTestId('clear-search').click();
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(2);
    expect(await page.getByTestId('search').inputValue()).toBe('');
  });

  it('End loads to the last entry; PageDown and PageUp move a page', async () => {
    suite.app = createTestApp(tempDir());
    const texts = Array.from({ length: 150 }, (_, i) => `entry number ${i}`);
    await seed(suite.app, texts);
    const page = await suite.open();
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('history-list').focus();
    await page.keyboard.press('End');
    // The oldest entry, seeded first, is the last row once every page has loaded.
    await expect.poll(() => page.getByTestId('result-text').textContent()).toBe('entry number 0');
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('result-text').textContent()).toBe('entry number 149');
    await page.keyboard.press('PageDown');
    await expect.poll(async () => Number((await page.getByTestId('result-text').textContent())?.split(' ').at(-1))).toBeLessThan(148);
    await page.keyboard.press('PageUp');
    await expect.poll(() => page.getByTestId('result-text').textContent()).toBe('entry number 149');
  });
});

/** A PDF dropped on the window: read page by page through the real services, the pages named as such in the list. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app-services.ts';
import { dropFiles } from '../support/app-page.ts';
import { printPdf } from '../support/pdf.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const suite = useWindowSuite();
const { tempDir, screenshots } = suite;

describe('a PDF in the window', () => {
  it('becomes one entry a page, each named by its page, its own text taken, and the whole text copied once', async () => {
    const pdf = await printPdf(['<h1>Quarterly report</h1><p>Revenue grew in every region this quarter.</p>', '<p>第二页：各地区的收入均有增长。</p><p>Appendix on page two.</p>']);
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ engine: 'local' });
    const page = await suite.open();
    await dropFiles(page, [{ name: 'report.pdf', type: 'application/pdf', bytes: pdf }]);
    await expect.poll(() => suite.app!.history.list().items.filter((e) => e.status === 'done').length, { timeout: 30_000 }).toBe(2);
    await suite.app.services.idle();
    const entries = suite.app.history.list().items;
    expect(entries.map((e) => [e.document?.page, e.engine]).sort()).toEqual([[1, 'pdf'], [2, 'pdf']]);
    await expect.poll(() => page.getByTestId('history-row').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('report.pdf · page 1 of 2'), expect.stringContaining('report.pdf · page 2 of 2')]));
    expect(suite.app.clipboard.at(-1)).toMatch(/Quarterly report[\s\S]*Revenue grew[\s\S]*第二页：各地区的收入均有增长。/);
    await page.getByTestId('history-row').filter({ hasText: 'page 2 of 2' }).click();
    expect(await page.getByTestId('result-title').textContent()).toBe('report.pdf · page 2 of 2');
    expect(await page.getByTestId('result-text').textContent()).toContain('第二页');
    await page.screenshot({ path: join(screenshots, 'pdf-pages-en-light.png') });
  });
});

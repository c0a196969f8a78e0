/** A PDF dropped on the window: read page by page through the real services, the pages named as such in the list. */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { jobsDone, whenEvents } from '../support/app-events.ts';
import { createTestApp } from '../support/app-services.ts';
import { dropFiles } from '../support/app-page.ts';
import { printPdf } from '../support/pdf.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const suite = useWindowSuite();
const { tempDir, screenshots } = suite;
// A PDF is read by the offline engine, whose first read loads its models: the reading is waited for by its job's
// end (app-events.ts), never by a deadline, and the tests' own limits leave room for a loaded machine.
const SLOW = { timeout: 120_000 };
// What the page shows after an event or a click is polled for up to 15 s (vitest's default is 1 s): milliseconds, but
// seconds on a loaded machine. Reading itself is waited for by the services' events (app-events.ts).
vi.setConfig({ expect: { poll: { timeout: 15_000 } } });

describe('a PDF in the window', () => {
  it('becomes one entry a page, each named by its page, its own text taken, and the whole text copied once', SLOW, async () => {
    const pdf = await printPdf(['<h1>Quarterly report</h1><p>Revenue grew in every region this quarter.</p>', '<p>第二页：各地区的收入均有增长。</p><p>Appendix on page two.</p>']);
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ engine: 'local' });
    const page = await suite.open();
    await dropFiles(page, [{ name: 'report.pdf', type: 'application/pdf', bytes: pdf }]);
    await jobsDone(suite.app, 1);
    expect(suite.app.history.list().items.filter((e) => e.status === 'done').length).toBe(2);
    const entries = suite.app.history.list().items;
    expect(entries.map((e) => [e.document?.page, e.engine]).sort()).toEqual([[1, 'pdf'], [2, 'pdf']]);
    // One document in the list, its pages inside it in page order.
    await expect.poll(() => page.locator('[data-testid="document-header"] .document-name').allTextContents()).toEqual(['report.pdf · 2 pages']);
    expect(await page.locator('[data-testid="history-row"] .row-name').allTextContents()).toEqual(['Page 1 of 2', 'Page 2 of 2']);
    expect(suite.app.clipboard.at(-1)).toMatch(/Quarterly report[\s\S]*Revenue grew[\s\S]*第二页：各地区的收入均有增长。/);
    await page.getByTestId('history-row').filter({ hasText: 'page 2 of 2' }).click();
    expect(await page.getByTestId('result-title').textContent()).toBe('report.pdf · page 2 of 2');
    expect(await page.getByTestId('result-text').textContent()).toContain('第二页');
    await page.screenshot({ path: join(screenshots, 'pdf-pages-en-light.png') });
  });
});

describe('an encrypted PDF in the window', () => {
  it('asks for its password, says when it is wrong, opens with the right one, and never keeps it', SLOW, async () => {
    const { readFileSync } = await import('node:fs');
    const { fixture } = await import('../support/paths.ts');
    const dir = tempDir();
    suite.app = createTestApp(dir);
    suite.app.settings.update({ engine: 'local', language: 'zh-CN' });
    const page = await suite.open({ colorScheme: 'dark' });
    await dropFiles(page, [{ name: 'locked.pdf', type: 'application/pdf', bytes: readFileSync(fixture('pdf/encrypted.pdf')) }]);
    const prompt = page.getByTestId('pdf-password');
    await prompt.waitFor();
    expect(await prompt.locator('h2').textContent()).toBe('locked.pdf 受密码保护');
    await page.getByTestId('pdf-password-input').fill('nope');
    await page.keyboard.press('Enter');
    await expect.poll(() => prompt.getByRole('alert').count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'pdf-password-zh-CN-dark.png') });
    await page.getByTestId('pdf-password-input').fill('readout');
    await page.keyboard.press('Enter');
    await jobsDone(suite.app, 1);
    expect(suite.app.history.list().items[0]?.status).toBe('done');
    expect(suite.app.history.list().items[0]?.text).toContain('Locked contract');
    expect(await prompt.count()).toBe(0);
    // Nothing of it was written: not in the settings, not in the history.
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('"readout"');
    expect(readFileSync(join(dir, 'history.sqlite')).includes('readout\u0000')).toBe(false);
  });

  it('still asks when the question came before the window could listen (review N6)', SLOW, async () => {
    const { fixture } = await import('../support/paths.ts');
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ engine: 'local' });
    // A cold "Open with": the file is read before the page exists, and its question is pushed to nobody.
    suite.app.services.jobs.recognizeFiles([fixture('pdf/encrypted.pdf')]);
    await whenEvents(suite.app, (events) => events.some((e) => e.event === 'ocr:passwordNeeded'));
    const page = await suite.open();
    const prompt = page.getByTestId('pdf-password');
    await prompt.waitFor();
    expect(await prompt.locator('h2').textContent()).toBe('encrypted.pdf is protected by a password');
    await page.getByTestId('pdf-password-input').fill('readout');
    await page.keyboard.press('Enter');
    await jobsDone(suite.app, 1);
    expect(suite.app.history.list().items[0]?.status).toBe('done');
    expect(await prompt.count()).toBe(0);
  });

  it('leaves a failed entry naming the file when the user skips it', SLOW, async () => {
    const { readFileSync } = await import('node:fs');
    const { fixture } = await import('../support/paths.ts');
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ engine: 'local' });
    const page = await suite.open();
    await dropFiles(page, [{ name: 'locked.pdf', type: 'application/pdf', bytes: readFileSync(fixture('pdf/encrypted.pdf')) }]);
    await page.getByTestId('pdf-password').waitFor();
    await page.keyboard.press('Escape');
    await jobsDone(suite.app, 1);
    expect(suite.app.history.list().items[0]?.status).toBe('failed');
    expect(suite.app.history.list().items[0]?.error?.message).toMatch(/locked\.pdf: the PDF is protected by a password/);
  });
});

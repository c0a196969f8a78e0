/**
 * Text selected on the image itself (issue 13): a known image read through DashScope's native protocol with
 * advanced recognition (the protocol server finds the lines in the pixels), then clicks, drags and keys by their
 * coordinates in headless Chromium, with what reached the clipboard checked.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import { createTestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { fixture } from '../support/paths.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const KEY = 'sk-test-valid-key-0001';
const LINES = ['Readout reads text 2026', '离线识别中文和英文'];
const suite = useWindowSuite();
const { server, tempDir, screenshots } = suite;

/** The fixture read with positions; the window opened on it. */
async function openWithWords(options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<Page> {
  suite.app = createTestApp(tempDir());
  suite.app.settings.update({ baseUrl: server.baseURL, api: 'native', task: 'advanced', copyToClipboard: false });
  await suite.app.settings.setApiKey(KEY);
  server.script({ kind: 'ok', text: LINES.join('\n') });
  suite.app.chooseFiles = [fixture('text/en-zh.png')];
  await suite.app.services.jobs.openFiles();
  await suite.app.services.idle();
  const page = await suite.open(options);
  await page.getByTestId('history-row').first().click();
  await page.getByTestId('word-box').first().waitFor();
  return page;
}

async function centre(page: Page, index: number): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('word-box').nth(index).boundingBox();
  if (!box) throw new Error(`box ${index} is not on the page`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const lastCopy = () => suite.app!.clipboard.at(-1);

describe('text on the image', () => {
  it('draws the boxes where the lines are, and a click copies one', async () => {
    const page = await openWithWords();
    expect(server.requests[0]?.native?.parameters?.ocr_options?.task).toBe('advanced_recognition');
    const boxes = page.getByTestId('word-box');
    expect(await boxes.count()).toBe(2);
    expect(await boxes.nth(0).getAttribute('aria-label')).toBe(LINES[0]);
    // The first box lies over the image's upper half, the second below it.
    const image = (await page.locator('.image-stage img').boundingBox())!;
    const first = await centre(page, 0);
    const second = await centre(page, 1);
    expect(first.y).toBeGreaterThan(image.y);
    expect(first.y).toBeLessThan(image.y + image.height / 2);
    expect(second.y).toBeGreaterThan(image.y + image.height / 2);

    await page.mouse.click(first.x, first.y);
    await expect.poll(lastCopy).toBe(LINES[0]);
    expect(await boxes.nth(0).getAttribute('aria-selected')).toBe('true');
    // The text panel marks the same words.
    expect(await page.getByTestId('result-text').locator('mark').allTextContents()).toEqual([LINES[0]]);
    await page.screenshot({ path: join(screenshots, 'image-text-en-light.png') });
    expect(await seriousFindings(page)).toEqual([]);
  });

  it('a drag across boxes copies the run between them in reading order', async () => {
    const page = await openWithWords();
    const first = await centre(page, 0);
    const second = await centre(page, 1);
    await page.mouse.move(second.x, second.y);
    await page.mouse.down();
    await page.mouse.move(first.x, first.y, { steps: 6 });
    await page.mouse.up();
    await expect.poll(lastCopy).toBe(LINES.join('\n'));
    expect(await page.getByTestId('result-text').locator('mark').count()).toBe(2);
  });

  it('works from the keyboard: Tab and arrows between boxes, Shift to extend, Enter and Ctrl+C to copy, Ctrl+A, Esc', async () => {
    const page = await openWithWords();
    await page.getByTestId('zoom-in').focus();
    // Past the zoom buttons, Tab reaches the boxes in reading order.
    for (let i = 0; i < 4 && !(await page.evaluate(() => document.activeElement?.getAttribute('data-index') === '0')); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-index'))).toBe('0');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(LINES[1]);
    await page.keyboard.press('Enter');
    await expect.poll(lastCopy).toBe(LINES[1]);
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+c');
    await expect.poll(lastCopy).toBe(LINES.join('\n'));
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('word-box').evaluateAll((boxes) => boxes.filter((b) => b.getAttribute('aria-selected') === 'true').length)).toBe(0);
    // The result is still open: the first Esc only let the selection go.
    expect(await page.getByTestId('result').count()).toBe(1);
    await page.keyboard.press('Control+a');
    expect(await page.getByTestId('word-box').evaluateAll((boxes) => boxes.filter((b) => b.getAttribute('aria-selected') === 'true').length)).toBe(2);
  });

  it('text selected in the panel lights its boxes on the image', async () => {
    const page = await openWithWords();
    await page.getByTestId('result-text').evaluate((panel, line) => {
      const node = panel.firstChild!;
      const at = node.textContent!.indexOf(line);
      const range = document.createRange();
      range.setStart(node, at + 1);
      range.setEnd(node, at + 3);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    }, LINES[1]!);
    await expect.poll(() => page.getByTestId('word-box').nth(1).getAttribute('class')).toContain('linked');
    expect(await page.getByTestId('word-box').nth(0).getAttribute('class')).not.toContain('linked');
  });

  it('fits by default and zooms in, out and back to fit', async () => {
    const page = await openWithWords({ colorScheme: 'dark', locale: 'zh-CN' });
    const width = async () => (await page.locator('.image-stage').boundingBox())!.width;
    const fitted = await width();
    const fitLevel = await page.getByTestId('zoom-level').textContent();
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-in').click();
    expect(await width()).toBeCloseTo(fitted * 1.5625, 0);
    await page.screenshot({ path: join(screenshots, 'image-text-zh-CN-dark-zoomed.png') });
    await page.getByTestId('zoom-fit').click();
    expect(await width()).toBeCloseTo(fitted, 0);
    expect(await page.getByTestId('zoom-level').textContent()).toBe(fitLevel);
    expect(await page.getByTestId('zoom-fit').textContent()).not.toBe(en.result.zoomFit);
    expect(await seriousFindings(page)).toEqual([]);
  });
});

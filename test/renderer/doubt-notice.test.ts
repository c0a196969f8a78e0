/**
 * Lines the offline engine doubts, in the window (issue 21): an offline reading with lines of chosen confidences put
 * in the history, then the window against the real services in headless Chromium: the lines underlined in the text
 * and outlined on the picture, one notice that counts them, and its way out with a key (Qwen-VL-OCR, read through
 * the local DashScope server) and without one (read it larger; Settings).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import type { Source } from '../../main/history/types.ts';
import { prepareImage } from '../../main/image/prepare.ts';
import { storedImage } from '../support/seed.ts';
import { jobsDone } from '../support/app-events.ts';
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { useWindowSuite } from '../support/window-suite.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { server, tempDir, screenshots } = suite;
const KEY = 'sk-test-valid-key-0001';

/** What the picture shows, what the engine read of it, and how sure it was: two lines misread and doubted. */
const LINES = [
  { shown: 'Settings saved at 10:42', read: 'Settings saved at 10:42', confidence: 0.97 },
  { shown: 'Download the report here', read: 'Dovvnload the rep0rt here', confidence: 0.42 },
  { shown: '离线识别中文和英文', read: '离线识别中文和英文', confidence: 0.93 },
  { shown: 'Total: $516.00', read: 'Tota1: $5l6.00', confidence: 0.31 },
];
const DOUBTED = LINES.filter((line) => line.confidence < 0.6);
const WIDTH = 520;
const HEIGHT = 140;
const FONT = 'font-family="WenQuanYi Micro Hei" font-size="14"';

const svg = (body: string): Buffer =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`);
const baseline = (i: number): number => 30 + i * 30;

/** A small UI screen of the lines, and each line's box where its ink is (found by trimming the line drawn alone). */
async function screen(): Promise<{ png: Buffer; boxes: number[][][] }> {
  const text = (shown: string, i: number) => `<text x="16" y="${baseline(i)}" ${FONT}>${shown}</text>`;
  const png = await sharp(svg(LINES.map((line, i) => text(line.shown, i)).join(''))).png().toBuffer();
  const boxes = await Promise.all(
    LINES.map(async (line, i) => {
      const { info } = await sharp(svg(text(line.shown, i))).trim({ threshold: 10 }).toBuffer({ resolveWithObject: true });
      const left = -(info.trimOffsetLeft ?? 0) - 2;
      const top = -(info.trimOffsetTop ?? 0) - 2;
      const [right, bottom] = [left + info.width + 4, top + info.height + 4];
      return [[left, top], [right, top], [right, bottom], [left, bottom]];
    }),
  );
  return { png, boxes };
}

/** A finished offline reading of the screen, as the offline engine records one, with the lines' confidences. */
async function offlineEntry(app: TestApp, options: { confidence?: number; lines?: typeof LINES } = {}): Promise<number> {
  const lines = options.lines ?? LINES;
  const { png, boxes } = await screen();
  const image = await prepareImage(png, { file: 'capture.png' });
  const source: Source = { kind: 'region', displayId: '1', rect: { x: 0, y: 0, width: WIDTH, height: HEIGHT } };
  const id = app.history.createPending({
    source,
    engine: 'local',
    model: 'PP-OCRv4',
    mode: 'text',
    prompt: null,
    ...storedImage(image),
    imageTokens: null,
  });
  const words = lines.map((line, i) => ({ text: line.read, box: boxes[i]!, confidence: line.confidence }));
  app.history.complete(id, { text: lines.map((line) => line.read).join('\n'), usage: null, model: 'PP-OCRv4', engine: 'local', durationMs: 420, requestId: null, cost: 0, confidence: options.confidence ?? 0.9, words });
  return id;
}

async function openEntry(options: { locale: string; colorScheme: 'light' | 'dark' }): Promise<Page> {
  const page = await suite.open(options);
  await page.getByTestId('history-row').first().click();
  await page.getByTestId('result-text').waitFor();
  return page;
}

const fill = (template: string, values: Record<string, string | number>): string => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
/** The notice's sentences as the catalogue joins them. */
const sentences = (words: typeof en, ...parts: string[]): string => parts.reduce((first, second) => fill(words.result.doubt.pair, { first, second }));

/** The lines underlined in the text and outlined on the picture, each saying how sure the engine was. */
async function expectMarks(page: Page, words: typeof en): Promise<void> {
  const marked = page.getByTestId('doubtful-line');
  expect(await marked.allTextContents()).toEqual(DOUBTED.map((line) => line.read));
  for (const [i, line] of DOUBTED.entries()) {
    const said = fill(words.result.doubt.mark, { percent: Math.round(line.confidence * 100) });
    expect(await marked.nth(i).getAttribute('title')).toBe(said);
    expect(await marked.nth(i).getAttribute('aria-description')).toBe(said);
    expect(await marked.nth(i).getAttribute('role')).toBe('mark');
    // A wavy underline: its shape, not only its colour, sets the line apart.
    expect(await marked.nth(i).evaluate((element) => getComputedStyle(element).textDecorationStyle)).toBe('wavy');
  }
  // The text itself is unchanged: the marks are elements around it, never words of their own.
  expect(await page.getByTestId('result-text').textContent()).toBe(LINES.map((line) => line.read).join('\n'));
  const boxes = page.locator('[data-testid="word-box"].doubtful');
  expect(await boxes.evaluateAll((all) => all.map((box) => [box.getAttribute('aria-label'), box.querySelector('title')?.textContent]))).toEqual(
    DOUBTED.map((line) => [line.read, fill(words.result.doubt.mark, { percent: Math.round(line.confidence * 100) })]),
  );
}

describe('doubtful lines of an offline reading', () => {
  for (const [locale, scheme, words] of [['en-US', 'light', en], ['zh-CN', 'dark', zhCN]] as const) {
    it(`are marked, and with no key the notice says to read it larger or add a key (${locale}, ${scheme})`, { timeout: 120_000 }, async () => {
      suite.app = createTestApp(tempDir());
      await offlineEntry(suite.app);
      const page = await openEntry({ locale, colorScheme: scheme });
      await expectMarks(page, words);
      const notice = page.getByTestId('low-confidence');
      const zoomKey = 'Ctrl++';
      expect(await notice.locator('span').textContent()).toBe(
        sentences(words, fill(words.result.doubt.lines_other, { count: 2 }), fill(words.result.doubt.largerCapture, { zoomKey }), words.result.doubt.addKey),
      );
      // The notice stands above the text, and alone: no second one says the same.
      expect(await page.locator('.result-text .notice').count()).toBe(1);
      const [noticeBox, textBox] = [await notice.boundingBox(), await page.getByTestId('result-text').boundingBox()];
      expect(noticeBox!.y).toBeLessThan(textBox!.y);
      expect(await notice.getByTestId('doubt-qwen').count()).toBe(0);
      expect(await seriousFindings(page)).toEqual([]);
      await page.screenshot({ path: join(screenshots, `doubtful-lines-no-key-${locale}-${scheme}.png`) });
      // A doubtful line chosen on the picture is highlighted inside its underline.
      await page.locator('[data-testid="word-box"].doubtful').first().click();
      expect(await page.getByTestId('doubtful-line').first().locator('mark').textContent()).toBe(DOUBTED[0]!.read);
      await page.locator('.result').screenshot({ path: join(screenshots, `doubtful-lines-chosen-${locale}-${scheme}.png`) });

      await notice.getByRole('button', { name: words.result.doubt.openSettings }).click();
      await page.getByTestId('settings').waitFor();
    });
  }

  for (const [locale, scheme, words] of [['en-US', 'dark', en], ['zh-CN', 'light', zhCN]] as const) {
    it(`with a key, are read again with Qwen-VL-OCR from the notice (${locale}, ${scheme})`, { timeout: 120_000 }, async () => {
      suite.app = createTestApp(tempDir());
      suite.app.settings.update({ baseUrl: server.baseURL });
      await suite.app.settings.setApiKey(KEY);
      server.script({ kind: 'ok', text: LINES.map((line) => line.shown).join('\n') });
      const id = await offlineEntry(suite.app);
      const page = await openEntry({ locale, colorScheme: scheme });
      await expectMarks(page, words);
      const notice = page.getByTestId('low-confidence');
      expect(await notice.locator('span').textContent()).toBe(sentences(words, fill(words.result.doubt.lines_other, { count: 2 }), words.result.doubt.qwen));
      expect(await notice.getByTestId('doubt-settings').count()).toBe(0);
      expect(await seriousFindings(page)).toEqual([]);
      await page.screenshot({ path: join(screenshots, `doubtful-lines-key-${locale}-${scheme}.png`) });

      await notice.getByRole('button', { name: words.result.doubt.readWithQwen }).click();
      await jobsDone(suite.app, 1);
      expect(server.requests.length).toBe(1);
      const newest = suite.app.history.list({ limit: 1 }).items[0]!;
      expect(newest.id).not.toBe(id);
      expect(suite.app.history.get(newest.id)).toMatchObject({ engine: 'qwen', status: 'done', text: LINES.map((line) => line.shown).join('\n') });
      // The offline reading stays, as every re-run leaves it.
      expect(suite.app.history.get(id)).toMatchObject({ engine: 'local' });
    });
  }

  it('counts one line in the singular, and drops a line the user corrected', { timeout: 60_000 }, async () => {
    suite.app = createTestApp(tempDir());
    await offlineEntry(suite.app);
    const page = await openEntry({ locale: 'en-US', colorScheme: 'light' });
    await page.getByTestId('doubtful-line').nth(1).waitFor();
    await page.getByRole('button', { name: en.result.edit, exact: true }).click();
    await page.getByTestId('editor').fill(LINES.map((line, i) => (i === 1 ? line.shown : line.read)).join('\n'));
    await page.getByRole('button', { name: en.result.save, exact: true }).click();
    await expect.poll(() => page.getByTestId('doubtful-line').allTextContents()).toEqual([LINES[3]!.read]);
    expect(await page.getByTestId('low-confidence').locator('span').textContent()).toMatch(new RegExp(`^${en.result.doubt.lines_one.replace(/[.$]/g, '\\$&')}`));
  });

  it('says the whole reading was unsure where no single line is doubtful, naming the built-in languages', { timeout: 60_000 }, async () => {
    suite.app = createTestApp(tempDir());
    await offlineEntry(suite.app, { confidence: 0.5, lines: LINES.map((line) => ({ ...line, confidence: 0.8 })) });
    const page = await openEntry({ locale: 'en-US', colorScheme: 'light' });
    const notice = page.getByTestId('low-confidence');
    expect(await notice.locator('span').textContent()).toBe(
      sentences(en, en.result.doubt.whole, en.result.doubt.languages, en.result.doubt.addKey),
    );
    expect(await page.getByTestId('doubtful-line').count()).toBe(0);
    await notice.getByRole('button', { name: en.result.doubt.openSettings }).click();
    await page.getByTestId('settings').waitFor();
  });

  it('with a key, offers Qwen-VL-OCR and the language packs in Settings for a reading unsure as a whole', { timeout: 60_000 }, async () => {
    suite.app = createTestApp(tempDir());
    await suite.app.settings.setApiKey(KEY);
    await offlineEntry(suite.app, { confidence: 0.5 });
    const page = await openEntry({ locale: 'zh-CN', colorScheme: 'light' });
    const notice = page.getByTestId('low-confidence');
    expect(await notice.locator('span').textContent()).toBe(sentences(zhCN, fill(zhCN.result.doubt.lines_other, { count: 2 }), zhCN.result.doubt.languages, zhCN.result.doubt.qwen));
    expect(await notice.getByRole('button').allTextContents()).toEqual([zhCN.result.doubt.readWithQwen, zhCN.error.openSettings]);
    await notice.getByRole('button', { name: zhCN.error.openSettings }).click();
    await page.getByTestId('settings').waitFor();
  });

  it('marks nothing and says nothing for a reading that is sure of every line', { timeout: 60_000 }, async () => {
    suite.app = createTestApp(tempDir());
    await offlineEntry(suite.app, { lines: LINES.map((line) => ({ ...line, confidence: 0.95 })) });
    const page = await openEntry({ locale: 'en-US', colorScheme: 'light' });
    expect(await page.getByTestId('doubtful-line').count()).toBe(0);
    expect(await page.locator('[data-testid="word-box"].doubtful').count()).toBe(0);
    expect(await page.getByTestId('low-confidence').count()).toBe(0);
  });
});

/**
 * A search's hits where the user looks (review M5, L3, issue 22): "N matches" over the list, the query marked in the
 * opened result with F3 / Shift+F3, Enter / Shift+Enter in the search box and the buttons going from hit to hit; a
 * code's box drawn on the picture apart from the words; the result's toolbar on one line at the default size; and
 * axe-core over a window with an ordinary result open, both themes and languages. Real services, headless Chromium.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import bwipjs from 'bwip-js';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { prepareImage } from '../../main/image/prepare.ts';
import type { CodeView, WordView } from '../../preload/api.ts';
import type { TestApp } from '../support/app-services.ts';
import { createTestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { result } from '../support/entries.ts';
import { fixture } from '../support/paths.ts';
import { seed, storedImage } from '../support/seed.ts';
import { useWindowSuite } from '../support/window-suite.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { tempDir } = suite;
/** Screenshots looked at by eye (issue 22). */
const SHOTS = process.env.READOUT_SHOTS ?? '/tmp/shots/finish';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

const LOCALES = [
  ['en-US', 'light', en],
  ['zh-CN', 'dark', zhCN],
  ['en-US', 'dark', en],
  ['zh-CN', 'light', zhCN],
] as const;

/** The poster: the two lines of en-zh.png on the left, a QR code on the right (its box where it was put). */
const QR_AT = { left: 700, top: 40 };
async function poster(): Promise<{ bytes: Buffer; qr: number[][] }> {
  const code = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'https://example.org/menu', scale: 5, paddingwidth: 0, paddingheight: 0, backgroundcolor: 'FFFFFF' } as Parameters<typeof bwipjs.toBuffer>[0]);
  const size = (await sharp(code).metadata()).width!;
  const bytes = await sharp({ create: { width: 1000, height: 420, channels: 3, background: '#ffffff' } })
    .composite([{ input: readFileSync(fixture('text/en-zh.png')), left: 0, top: 0 }, { input: code, left: QR_AT.left, top: QR_AT.top }])
    .png()
    .toBuffer();
  const { left, top } = QR_AT;
  return { bytes, qr: [[left, top], [left + size, top], [left + size, top + size], [left, top + size]] };
}

/** One finished entry read from `bytes`, with its words and codes as an engine would give them. */
async function seedEntry(app: TestApp, bytes: Buffer, text: string, extra: { words?: WordView[]; codes?: CodeView[]; name?: string } = {}): Promise<number> {
  const image = await prepareImage(bytes, { file: extra.name ?? 'poster.png' });
  const id = app.history.createPending({
    source: { kind: 'file', path: `/home/me/${extra.name ?? 'poster.png'}`, name: extra.name ?? 'poster.png' },
    engine: 'qwen',
    model: 'qwen-vl-ocr',
    mode: 'text',
    prompt: 'Read all the text in the image.',
    ...storedImage(image),
  });
  app.history.complete(id, result(text, { words: extra.words ?? null, codes: extra.codes ?? null } as never));
  return id;
}

const LINES = ['Readout reads text 2026', '离线识别中文和英文'];
const WORDS: WordView[] = [
  { text: LINES[0]!, box: [[20, 28], [415, 28], [415, 68], [20, 68]], confidence: null },
  { text: LINES[1]!, box: [[20, 88], [345, 88], [345, 128], [20, 128]], confidence: null },
];

/** A long text with "roadmap" on several lines, far enough apart that the later ones start out of view. */
const LONG = Array.from({ length: 60 }, (_, i) => (i % 15 === 3 ? `Line ${i}: the Roadmap is due before Friday` : `Line ${i}: notes on the meeting in room B503`)).join('\n');

async function typeSearch(page: Page, query: string): Promise<void> {
  await page.getByTestId('search').fill(query);
  await expect.poll(() => page.getByTestId('result').count()).toBe(1);
}

const currentHit = (page: Page) => page.locator('[data-testid="result-text"] mark.hit.current').first();
/** Whether the current hit is inside its text panel, and in view: within the scrolling column and the window. */
const hitInView = (page: Page) =>
  currentHit(page).evaluate((mark) => {
    const r = mark.getBoundingClientRect();
    const panel = mark.closest('[data-testid="result-text"]')!.getBoundingClientRect();
    const column = mark.closest('.result-text')!.getBoundingClientRect();
    const inPanel = r.top >= panel.top && r.bottom <= panel.bottom;
    return inPanel && r.top >= column.top - 1 && r.bottom <= Math.min(column.bottom, window.innerHeight) + 1;
  });

describe('a search in the list and in the result (review M5)', () => {
  it('counts the matches over the list, marks them in the result, and F3, Enter and the buttons go from hit to hit', async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, ['nothing to see', 'roadmap once', LONG, 'another roadmap and ROADMAP']);
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    await typeSearch(page, 'roadmap');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe('3 matches');
    // The first match opens; its two hits are marked, the first current.
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('Match 1 of 2');
    expect(await page.locator('[data-testid="result-text"] mark.hit').allTextContents()).toEqual(['roadmap', 'ROADMAP']);
    // Marks are elements around the text: the panel's text is the entry's, unchanged.
    expect(await page.getByTestId('result-text').textContent()).toBe('another roadmap and ROADMAP');

    await page.getByTestId('history-row').filter({ hasText: 'shot-2.png' }).click();
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('Match 1 of 4');
    expect(await currentHit(page).textContent()).toBe('Roadmap');
    expect(await hitInView(page)).toBe(true);
    // F3 from anywhere in the window: the next hit, scrolled into view; Shift+F3 back; past the last, the first.
    await page.getByTestId('result-text').focus();
    for (const expected of [2, 3, 4]) {
      await page.keyboard.press('F3');
      await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe(`Match ${expected} of 4`);
      await expect.poll(() => hitInView(page)).toBe(true);
    }
    await shot(page, 'search-hits-1100-en-light');
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('Match 1 of 4');
    await page.keyboard.press('Shift+F3');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('Match 4 of 4');
    // Enter and Shift+Enter in the search box, the focus staying there.
    await page.getByTestId('search').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('Match 1 of 4');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('Match 4 of 4');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    // The buttons, by their names.
    await page.getByRole('button', { name: en.results.previousHit }).click();
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('Match 3 of 4');
    await page.getByRole('button', { name: en.results.nextHit }).click();
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('Match 4 of 4');
    await expect.poll(() => hitInView(page)).toBe(true);

    // Another search: counted and marked anew; no search, no count and no marks.
    await typeSearch(page, 'B503');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe('1 match');
    await page.getByTestId('search').fill('');
    await expect.poll(() => page.getByTestId('match-count').count()).toBe(0);
    await expect.poll(() => page.locator('mark.hit').count()).toBe(0);
    expect(await page.getByTestId('hit-nav').count()).toBe(0);
  });

  it('says "1,000+ matches" where counting stops', async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, Array.from({ length: 1001 }, (_, i) => `invoice number ${i}`));
    const page = await suite.open();
    await typeSearch(page, 'invoice');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe('1,000+ matches');
  });

  for (const [locale, scheme, words] of LOCALES) {
    it(`marks hits in Chinese text and says where they are in the reader's language (${locale}, ${scheme})`, async () => {
      suite.app = createTestApp(tempDir());
      await seed(suite.app, ['今天的会议记录：项目进度\n下周的会议改到周五', '没有匹配', `${LONG}\n会议`]);
      const page = await suite.open({ locale, colorScheme: scheme });
      for (const [width, height] of [[1100, 720], [640, 480], [1440, 900]] as const) {
        await page.setViewportSize({ width, height });
        await typeSearch(page, '会议');
        await expect.poll(() => page.getByTestId('match-count').textContent()).toBe(words.results.matches_other.replace('{{count, number}}', '2'));
        await page.getByTestId('history-row').filter({ hasText: '今天' }).click();
        await expect.poll(() => page.locator('[data-testid="result-text"] mark.hit').allTextContents()).toEqual(['会议', '会议']);
        // F3 goes to the other of the two, wherever the last size left it.
        const said = (current: number) => words.results.hits.replace('{{current}}', String(current)).replace('{{total}}', '2');
        const before = await page.getByTestId('hit-count').textContent();
        await page.keyboard.press('F3');
        await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe(before === said(1) ? said(2) : said(1));
        expect(await page.getByRole('button', { name: words.results.nextHit }).count()).toBe(1);
        await shot(page, `search-hits-zh-${width}-${locale}-${scheme}`);
      }
      expect(await seriousFindings(page)).toEqual([]);
    });
  }
});

describe("a code's box on the picture (review L3)", () => {
  it('draws each code dashed, apart from the words, labelled with its kind and saying its content on hover', async () => {
    suite.app = createTestApp(tempDir());
    const { bytes, qr } = await poster();
    await seedEntry(suite.app, bytes, LINES.join('\n'), { words: WORDS, codes: [{ format: 'QRCode', text: 'https://example.org/menu', box: qr, bytes: 24, binary: false }] });
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    await page.getByTestId('history-row').first().click();
    const box = page.getByTestId('code-box');
    await box.waitFor();
    expect(await box.count()).toBe(1);
    expect(await box.locator('title').textContent()).toBe('QRCode: https://example.org/menu');
    expect(await page.getByTestId('code-label').textContent()).toBe('QRCode');
    // Dashed, and not drawn as the words are.
    const style = await box.evaluate((el) => ({ dash: getComputedStyle(el).strokeDasharray, stroke: getComputedStyle(el).stroke }));
    const word = await page.getByTestId('word-box').first().evaluate((el) => getComputedStyle(el).stroke);
    expect(style.dash).not.toBe('none');
    expect(style.stroke).not.toBe(word);
    // Where the code is: its box on screen over the code's place in the picture (measured at once, the picture
    // having settled at its fitted size).
    const offBy = () =>
      page.evaluate(({ left, top }) => {
        const stage = document.querySelector('.image-stage')!.getBoundingClientRect();
        const drawn = document.querySelector('.code-box')!.getBoundingClientRect();
        const scale = stage.width / 1000;
        return Math.max(Math.abs(drawn.x - stage.x - left * scale), Math.abs(drawn.y - stage.y - top * scale));
      }, QR_AT);
    await expect.poll(offBy).toBeLessThan(2);
    // Hover takes the box (its tip), and the words still take their clicks.
    await box.hover();
    expect(await page.evaluate(() => document.querySelector('.code-box:hover') !== null)).toBe(true);
    await page.getByTestId('word-box').first().click();
    await expect.poll(() => suite.app!.clipboard.at(-1)).toBe(LINES[0]);
    await shot(page, 'code-box-1100-en-light');
    // The same box in the full-window view.
    await page.getByTestId('image-full').click();
    await page.getByTestId('image-viewer').getByTestId('code-box').waitFor();
    await shot(page, 'code-box-full-1100-en-light');
  });
});

describe('the result open, checked (issue 22: accessible, toolbar on one line)', () => {
  for (const [locale, scheme, words] of LOCALES) {
    it(`an ordinary result (picture, text, a table, a code) passes axe with its toolbar on one line at 1100x720 (${locale}, ${scheme})`, async () => {
      suite.app = createTestApp(tempDir());
      const { bytes, qr } = await poster();
      await seedEntry(suite.app, bytes, 'Item\tQty\tPrice\nPaper\t12\t3.50\nInk\t2\t19.00', { name: 'table.png' });
      await seedEntry(suite.app, bytes, LINES.join('\n'), { words: WORDS, codes: [{ format: 'QRCode', text: 'https://example.org/menu', box: qr, bytes: 24, binary: false }] });
      const page = await suite.open({ locale, colorScheme: scheme });
      await page.setViewportSize({ width: 1100, height: 720 });
      const tip = page.getByTestId('first-run-tip');
      if (await tip.count()) await tip.getByRole('button', { name: words.layout.tipDismiss }).click();
      for (const name of ['poster.png', 'table.png']) {
        await page.getByTestId('history-row').filter({ hasText: name }).click();
        await expect.poll(() => page.getByTestId('result-title').textContent()).toBe(name);
        await page.locator('.image-stage img').waitFor();
        if (name === 'table.png') await page.locator('[data-testid="table-grid"], table').first().waitFor();
        // Every control of the toolbar on one line, none clipped.
        const line = await page.getByRole('toolbar', { name: words.result.actions }).evaluate((bar) => {
          const boxes = [...bar.querySelectorAll<HTMLElement>('button')].filter((b) => b.offsetParent !== null).map((b) => b.getBoundingClientRect());
          const barBox = bar.getBoundingClientRect();
          const middles = boxes.map((b) => b.top + b.height / 2);
          return { spread: Math.max(...middles) - Math.min(...middles), clipped: boxes.filter((b) => b.right > barBox.right + 1).length, count: boxes.length };
        });
        // Copy, its arrow, Export, Translate (issue 24), Run again, Edit, Pin and Delete, their middles on one line.
        expect(line.count).toBe(8);
        expect(line.spread).toBeLessThan(4);
        expect(line.clipped).toBe(0);
        // The icons are reached by Tab from Copy, each showing its name on keyboard focus as on hover.
        await page.getByTestId('copy').focus();
        for (const [testId, said] of [['copy-more', words.result.copyMore], ['export-menu', words.result.export], ['translate-menu', words.translate.action], ['rerun-open', words.results.rerunWith]] as const) {
          await page.keyboard.press('Tab');
          expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(testId);
          expect(await page.getByTestId(testId).evaluate((el) => getComputedStyle(el, '::after').content)).toBe(JSON.stringify(said));
        }
        await shot(page, `result-open-1100-${name.replace('.png', '')}-${locale}-${scheme}`);
        expect(await seriousFindings(page)).toEqual([]);
      }
      // With a search's marks too.
      await typeSearch(page, 'reads');
      await page.getByTestId('history-row').filter({ hasText: 'poster.png' }).click();
      await page.locator('mark.hit').first().waitFor();
      expect(await seriousFindings(page)).toEqual([]);
    });
  }
});

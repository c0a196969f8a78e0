/**
 * The window at every size (issue 22: H1, H2, L1, L6, L7, L11, L17, M8, M17): a landscape screenshot and a portrait
 * page, made here with sharp and kept in a real history, opened at 640x480 (the window's minimum), 900x600,
 * 1100x720 (its default) and 1440x900 in both languages and themes. The picture never covers the title, the meta
 * line, the buttons or the text; at the default size it is about half the window wide, and full window one key away.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import type { Word } from '../../main/ocr/words.ts';
import { prepareImage } from '../../main/image/prepare.ts';
import { storedImage } from '../support/seed.ts';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { result } from '../support/entries.ts';
import { useWindowSuite } from '../support/window-suite.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { tempDir, screenshots } = suite;
const SHOTS = process.env.READOUT_SHOTS_DIR ?? join(screenshots, 'window-layout');
mkdirSync(SHOTS, { recursive: true });

const SIZES = [
  { width: 640, height: 480 },
  { width: 900, height: 600 },
  { width: 1100, height: 720 },
  { width: 1440, height: 900 },
] as const;

interface Picture {
  name: string;
  width: number;
  height: number;
  lines: string[];
  /** Where the lines are drawn: x, the first baseline, the step between baselines, the font size. */
  x: number;
  top: number;
  step: number;
  size: number;
}

const INVOICE: Picture = {
  name: 'invoice.png',
  width: 900,
  height: 400,
  lines: ['Invoice No. 2026-0042', 'Item  Qty  Unit price  Amount', 'Paper A4  10  25.00  250.00', 'Toner  2  515.00  1030.00', 'Total due: 1,280.00'],
  x: 40,
  top: 60,
  step: 64,
  size: 26,
};
const PAGE: Picture = {
  name: 'letter.png',
  width: 600,
  height: 1000,
  lines: ['Dear reader,', 'This page is taller', 'than it is wide, so', 'it must fit the height', 'of the pane as well.', 'Yours, Readout'],
  x: 40,
  top: 90,
  step: 140,
  size: 30,
};

/** Each line's box, as an engine would give it: a little wider and taller than its ink. */
const wordsOf = (picture: Picture): Word[] =>
  picture.lines.map((text, i) => {
    const baseline = picture.top + i * picture.step;
    const left = picture.x - 4;
    const right = picture.x + text.length * picture.size * 0.55 + 4;
    const top = baseline - picture.size;
    const bottom = baseline + picture.size * 0.3;
    return { text, box: [[left, top], [right, top], [right, bottom], [left, bottom]], confidence: null };
  });

async function pictureBytes(picture: Picture): Promise<Buffer> {
  const lines = picture.lines.map((line, i) => `<text x="${picture.x}" y="${picture.top + i * picture.step}" font-size="${picture.size}" font-family="sans-serif">${line}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${picture.width}" height="${picture.height}"><rect width="100%" height="100%" fill="#fff"/><rect x="8" y="8" width="${picture.width - 16}" height="${picture.height - 16}" fill="none" stroke="#999"/>${lines}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A finished entry for the picture, its lines boxed, in the app's real history. */
async function keep(app: TestApp, picture: Picture): Promise<number> {
  const image = await prepareImage(await pictureBytes(picture), { file: picture.name });
  const id = app.history.createPending({
    source: { kind: 'file', path: `/home/me/${picture.name}`, name: picture.name },
    engine: 'qwen',
    model: 'qwen-vl-ocr',
    mode: 'text',
    prompt: 'Read all the text in the image.',
    ...storedImage(image),
  });
  app.history.complete(id, result(picture.lines.join('\n'), { words: wordsOf(picture) }));
  return id;
}

async function appWith(...pictures: Picture[]): Promise<TestApp> {
  suite.app = createTestApp(tempDir());
  for (const picture of pictures) await keep(suite.app, picture);
  return suite.app;
}

/** Two frames: a resize's ResizeObserver and the fit it sets are laid out. */
const frames = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** Opens the entry by its name and waits until its picture is drawn at its fitted size. */
async function openEntry(page: Page, picture: Picture): Promise<void> {
  await page.getByTestId('history-row').filter({ hasText: picture.name }).first().click();
  await expect.poll(() => page.getByTestId('result-title').textContent()).toBe(picture.name);
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.image-stage img');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  await frames(page);
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The result's parts as laid out (page coordinates; the pane's scroll does not matter, they share it). */
const parts = (page: Page) =>
  page.evaluate(() => {
    const rect = (selector: string): Rect | null => {
      const element = document.querySelector(selector);
      if (!element || element.getClientRects().length === 0) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    };
    return {
      result: rect('[data-testid="result"]')!,
      image: rect('.result-image')!,
      zoomBar: rect('.result-image .zoom-bar'),
      scroll: rect('[data-testid="image-scroll"]')!,
      stage: rect('.image-stage')!,
      text: rect('.result-text')!,
      header: rect('.result-header'),
      actions: rect('[data-testid="result"] .actions'),
      textPanel: rect('[data-testid="result-text"]'),
      rerun: rect('[data-testid="result"] .rerun'),
      list: rect('[data-testid="history-list"]'),
    };
  });

const intersects = (a: Rect, b: Rect): boolean => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
const inside = (inner: Rect, outer: Rect): boolean =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;

/** What must hold at every size: the picture's part covers none of the text's, and paints only in its own cell. */
async function expectNoOverlap(page: Page, where: string): Promise<void> {
  const p = await parts(page);
  const picture = { image: p.image, scroll: p.scroll, ...(p.zoomBar ? { zoomBar: p.zoomBar } : {}) };
  const text = { header: p.header, actions: p.actions, textPanel: p.textPanel, rerun: p.rerun };
  expect(p.header, `${where}: the title`).not.toBeNull();
  expect(p.actions, `${where}: the buttons`).not.toBeNull();
  for (const [a, ra] of Object.entries(picture)) {
    for (const [b, rb] of Object.entries(text)) {
      if (rb) expect(intersects(ra, rb), `${where}: ${a} ${JSON.stringify(ra)} covers ${b} ${JSON.stringify(rb)}`).toBe(false);
    }
  }
  expect(intersects(p.image, p.text), `${where}: the picture's cell and the text's`).toBe(false);
  // Nothing painted outside its cell: the view and the zoom bar inside the picture's cell, the picture (at fit) in its view.
  expect(inside(p.scroll, p.image), `${where}: view ${JSON.stringify(p.scroll)} in cell ${JSON.stringify(p.image)}`).toBe(true);
  if (p.zoomBar) expect(inside(p.zoomBar, p.image), `${where}: zoom bar in its cell`).toBe(true);
  expect(inside(p.stage, p.scroll), `${where}: picture ${JSON.stringify(p.stage)} in its view ${JSON.stringify(p.scroll)}`).toBe(true);
  // Both cells lie across the result's width, never past it.
  for (const cell of [p.image, p.text]) expect(cell.x + cell.width, `${where}: cell within the result`).toBeLessThanOrEqual(p.result.x + p.result.width + 0.5);
}

describe('the picture fits every size', () => {
  for (const [locale, strings] of [['en-US', en], ['zh-CN', zhCN]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`covers nothing at 640x480, 900x600, 1100x720 and 1440x900, landscape and portrait (${locale}, ${scheme})`, { timeout: 240_000 }, async () => {
        await appWith(PAGE, INVOICE);
        const page = await suite.open({ locale, colorScheme: scheme });
        expect(await page.getByTestId('capture').textContent()).toContain(strings.toolbar.capture);
        for (const size of SIZES) {
          await page.setViewportSize(size);
          for (const picture of [INVOICE, PAGE]) {
            await openEntry(page, picture);
            const where = `${size.width}x${size.height} ${picture.name} ${locale} ${scheme}`;
            await expectNoOverlap(page, where);
            // At 900 px and below, stacked: the text starts below the picture's cell.
            const p = await parts(page);
            if (size.width <= 900) expect(p.text.y, where).toBeGreaterThanOrEqual(p.image.y + p.image.height);
            else expect(p.text.x, where).toBeGreaterThanOrEqual(p.image.x + p.image.width);
            // Fit shows the whole picture, never larger than its own pixels.
            expect(p.stage.width, where).toBeLessThanOrEqual(picture.width + 0.5);
            await page.screenshot({ path: join(SHOTS, `${size.width}x${size.height}-${picture.name.replace('.png', '')}-${locale}-${scheme}.png`) });
          }
        }
        expect(await seriousFindings(page)).toEqual([]);
      });
    }
  }

  it('at 1100x720 a landscape picture is near half the window wide (Space shows it whole); a portrait one fits the height', async () => {
    await appWith(PAGE, INVOICE);
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    await openEntry(page, INVOICE);
    const wide = await parts(page);
    expect(wide.stage.width / 1100).toBeGreaterThanOrEqual(0.43);
    // The picture's cell is most of the result's width.
    expect(wide.image.width / (wide.image.width + wide.text.width)).toBeGreaterThanOrEqual(0.58);
    await openEntry(page, PAGE);
    const tall = await parts(page);
    // Whole, top to bottom, in the pane: its height is what limits it.
    expect(tall.stage.height).toBeGreaterThan(tall.scroll.height - 12);
    expect(inside(tall.stage, tall.scroll)).toBe(true);
  });

  it('the zoom level shows only when it is not 100%, and Zoom enlarges the picture past its column', async () => {
    const small: Picture = { ...INVOICE, name: 'small.png', width: 420, height: 160, lines: ['Small capture', 'Total 12.00'], top: 50, step: 60, size: 24 };
    await appWith(small, INVOICE);
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    await openEntry(page, small);
    // A capture that fits its column is shown at its own size, and no level is said.
    expect((await parts(page)).stage.width).toBeCloseTo(420, 0);
    expect(await page.getByTestId('zoom-level').textContent()).toBe('');
    await openEntry(page, INVOICE);
    const fitted = await parts(page);
    expect(await page.getByTestId('zoom-level').textContent()).toMatch(/^\d+%$/);
    for (let i = 0; i < 4; i++) await page.getByTestId('zoom-in').click();
    await frames(page);
    const zoomed = await parts(page);
    expect(zoomed.stage.width).toBeGreaterThan(fitted.stage.width * 2);
    // Larger than its column: the view takes the column and scrolls; the cell stays where it was.
    expect(zoomed.image).toEqual(fitted.image);
    expect(inside(zoomed.scroll, zoomed.image)).toBe(true);
    expect(zoomed.scroll.width).toBeGreaterThan(zoomed.image.width - 2);
  });
});

describe('full window, one key away', () => {
  it('Space on the picture shows it over the whole window with the same boxes; a click copies; Esc closes', async () => {
    await appWith(INVOICE);
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    await openEntry(page, INVOICE);
    const before = (await parts(page)).stage;
    await page.getByTestId('image-scroll').focus();
    await page.keyboard.press('Space');
    const viewer = page.getByTestId('image-viewer');
    await viewer.waitFor();
    expect(await viewer.getAttribute('role')).toBe('dialog');
    expect(await viewer.boundingBox()).toEqual({ x: 0, y: 0, width: 1100, height: 720 });
    await frames(page);
    const stage = (await page.locator('.image-stage').boundingBox())!;
    expect(stage.width).toBeGreaterThan(before.width * 1.4);
    expect(await viewer.getByTestId('word-box').count()).toBe(INVOICE.lines.length);
    await page.screenshot({ path: join(SHOTS, 'viewer-1100x720-en-light.png') });
    // The same boxes: a click copies its line, and the viewer says so (the window's notices are under it).
    const box = (await viewer.getByTestId('word-box').nth(4).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => suite.app!.clipboard.at(-1)).toBe(INVOICE.lines[4]);
    await expect.poll(() => viewer.locator('.zoom-bar .hint').textContent()).toContain(INVOICE.lines[4]);
    // Tab stays in the viewer.
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="image-viewer"]')))).toBe(true);
    expect(await seriousFindings(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
    // Back in place, the result still open.
    expect(await page.getByTestId('result-title').textContent()).toBe(INVOICE.name);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('image-scroll');
  });

  it('a double-click opens it too, and its Close button closes it (zh-CN, dark)', async () => {
    await appWith(PAGE);
    const page = await suite.open({ locale: 'zh-CN', colorScheme: 'dark' });
    await page.setViewportSize({ width: 1100, height: 720 });
    await openEntry(page, PAGE);
    const scroll = (await page.getByTestId('image-scroll').boundingBox())!;
    // Beside the boxes (the page's left margin), so the clicks copy nothing.
    await page.mouse.dblclick(scroll.x + 6, scroll.y + scroll.height / 2);
    await page.getByTestId('image-viewer').waitFor();
    await frames(page);
    await page.screenshot({ path: join(SHOTS, 'viewer-1100x720-zh-CN-dark.png') });
    const stage = (await page.locator('.image-stage').boundingBox())!;
    // A tall page fits the window's height.
    expect(stage.height).toBeGreaterThan(600);
    expect(stage.y + stage.height).toBeLessThanOrEqual(720);
    await page.getByTestId('image-close').click();
    await expect.poll(() => page.getByTestId('image-viewer').count()).toBe(0);
    expect(await page.getByTestId('image-full').textContent()).toBe(zhCN.layout.fullWindow);
  });
});

describe('the pointer on the picture', () => {
  it('Ctrl+wheel zooms about the pointer, without scrolling anything and without a console error (M17)', async () => {
    await appWith(INVOICE);
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    await openEntry(page, INVOICE);
    // Zoomed past its view both ways first, so that there is room to keep the point where it is.
    for (let i = 0; i < 5; i++) await page.getByTestId('zoom-in').click();
    await frames(page);
    const stage = (await page.locator('.image-stage').boundingBox())!;
    const view = (await page.getByTestId('image-scroll').boundingBox())!;
    // The pointer over a point of the picture, off the view's middle.
    const at = { x: view.x + view.width * 0.3, y: view.y + view.height * 0.7 };
    const imagePoint = async () => {
      const now = (await page.locator('.image-stage').boundingBox())!;
      return { x: ((at.x - now.x) / now.width) * INVOICE.width, y: ((at.y - now.y) / now.height) * INVOICE.height };
    };
    const before = await imagePoint();
    const scrolls = () => page.evaluate(() => [window.scrollY, document.querySelector('.result-text')!.scrollTop, document.querySelector('[data-testid="result"]')!.scrollTop]);
    const scrolledBefore = await scrolls();
    await page.mouse.move(at.x, at.y);
    await page.keyboard.down('Control');
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, -100);
      await frames(page);
    }
    await page.keyboard.up('Control');
    await expect.poll(async () => (await page.locator('.image-stage').boundingBox())!.width).toBeGreaterThan(stage.width * 1.9);
    await frames(page);
    const after = await imagePoint();
    // The same point of the picture is under the pointer, to a few of its pixels.
    expect(Math.abs(after.x - before.x)).toBeLessThan(4);
    expect(Math.abs(after.y - before.y)).toBeLessThan(4);
    expect(await scrolls()).toEqual(scrolledBefore);
    expect(await page.getByTestId('zoom-level').textContent()).toMatch(/^\d+%$/);
    // The suite checks after each test that the page logged no error.
  });

  it('a drag from beside the boxes draws a band and copies every box it touches (L1)', async () => {
    await appWith(INVOICE);
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    await openEntry(page, INVOICE);
    const stage = (await page.locator('.image-stage').boundingBox())!;
    const scale = stage.width / INVOICE.width;
    const words = wordsOf(INVOICE);
    // From the left margin above the second line to the middle of the third: lines 1 and 2.
    const from = { x: stage.x + 12 * scale, y: stage.y + (words[1]!.box[0]![1]! - 10) * scale };
    const to = { x: stage.x + 200 * scale, y: stage.y + (words[2]!.box[0]![1]! + 10) * scale };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await expect.poll(() => page.getByTestId('image-band').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'band-1100x720-en-light.png') });
    await page.mouse.up();
    await expect.poll(() => suite.app!.clipboard.at(-1)).toBe(`${INVOICE.lines[1]}\n${INVOICE.lines[2]}`);
    expect(await page.getByTestId('image-band').count()).toBe(0);
    expect(await page.getByTestId('word-box').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-selected')))).toEqual(['false', 'true', 'true', 'false', 'false']);
    // A click beside the boxes lets the selection go.
    await page.mouse.click(stage.x + 4, stage.y + stage.height - 4);
    await expect.poll(() => page.getByTestId('word-box').evaluateAll((boxes) => boxes.filter((b) => b.getAttribute('aria-selected') === 'true').length)).toBe(0);
  });

  it('Space+drag and the middle button pan a zoomed picture', async () => {
    await appWith(INVOICE);
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    await openEntry(page, INVOICE);
    for (let i = 0; i < 7; i++) await page.getByTestId('zoom-in').click();
    const scroller = page.getByTestId('image-scroll');
    const view = (await scroller.boundingBox())!;
    const scrolled = () => scroller.evaluate((el) => [el.scrollLeft, el.scrollTop]);
    const start = await scrolled();
    await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(view.x + view.width / 2 - 120, view.y + view.height / 2 - 60, { steps: 4 });
    await page.mouse.up({ button: 'middle' });
    const panned = await scrolled();
    expect(panned[0]! - start[0]!).toBeCloseTo(120, -1);
    expect(panned[1]! - start[1]!).toBeCloseTo(60, -1);
    // Space held: a plain drag pans too, and letting Space go after a pan opens nothing.
    await scroller.focus();
    await page.keyboard.down('Space');
    await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
    await page.mouse.down();
    await page.mouse.move(view.x + view.width / 2 + 100, view.y + view.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Space');
    expect((await scrolled())[0]! - panned[0]!).toBeCloseTo(-100, -1);
    expect(await page.getByTestId('image-viewer').count()).toBe(0);
  });
});

describe('the list', () => {
  it('folds away with Ctrl+B or its button, remembered across a reload', async () => {
    await appWith(INVOICE);
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    await openEntry(page, INVOICE);
    const toggle = page.getByTestId('list-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await toggle.getAttribute('aria-label')).toBe(en.layout.hideList);
    const narrow = await parts(page);
    await page.keyboard.press('Control+b');
    await expect.poll(() => page.getByTestId('history-list').isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.getAttribute('aria-label')).toBe(en.layout.showList);
    await frames(page);
    const wide = await parts(page);
    // The result has the whole window, and the picture grows with it.
    expect(wide.result.x).toBe(0);
    expect(wide.result.width).toBe(1100);
    expect(wide.stage.width).toBeGreaterThan(narrow.stage.width);
    await page.screenshot({ path: join(SHOTS, 'list-collapsed-1100x720-en-light.png') });
    // Esc from the result goes to the toggle, the list being away.
    await page.getByTestId('result-text').focus();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('list-toggle');
    await page.reload();
    await page.getByTestId('result').or(page.locator('.empty-result')).first().waitFor();
    expect(await page.getByTestId('history-list').isVisible()).toBe(false);
    await page.getByTestId('list-toggle').click();
    await expect.poll(() => page.getByTestId('history-list').isVisible()).toBe(true);
    // At most 300 px wide.
    expect((await page.locator('.sidebar').boundingBox())!.width).toBeLessThanOrEqual(301);
  });

  it('at 640x480 with the first-run tip shown, the list keeps room for its rows', async () => {
    const app = await appWith(INVOICE, PAGE, INVOICE, PAGE);
    expect(app.settings.get().baseUrl).toBeFalsy();
    for (const [locale, scheme] of [['en-US', 'light'], ['zh-CN', 'dark']] as const) {
      const page = await suite.open({ locale, colorScheme: scheme });
      await page.setViewportSize({ width: 640, height: 480 });
      await page.getByTestId('first-run-tip').waitFor();
      await frames(page);
      const tip = (await page.getByTestId('first-run-tip').boundingBox())!;
      const list = (await page.getByTestId('history-list').boundingBox())!;
      // One line (two where the words are long), and the list below it shows more than three rows of 78 px.
      expect(tip.height).toBeLessThan(48);
      expect(list.height).toBeGreaterThan(3 * 78);
      await openEntry(page, PAGE);
      await page.screenshot({ path: join(SHOTS, `first-run-tip-640x480-${locale}-${scheme}.png`) });
      // Dismissed, it goes for good.
      await page.getByTestId('first-run-tip').getByRole('button', { name: (locale === 'en-US' ? en : zhCN).layout.tipDismiss }).click();
      expect(await page.getByTestId('first-run-tip').count()).toBe(0);
      await suite.opened!.context.close();
      suite.opened = undefined;
    }
  });
});

describe('the first screen says things once (L6)', () => {
  for (const [locale, strings, scheme] of [['en-US', en, 'light'], ['zh-CN', zhCN, 'dark']] as const) {
    it(`one panel in the result's place, one primary button, no filters over an empty history (${locale}, ${scheme})`, async () => {
      suite.app = createTestApp(tempDir());
      const page = await suite.open({ locale, colorScheme: scheme });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        const panel = page.getByTestId('first-run');
        await panel.waitFor();
        expect(await page.locator('.empty-result [data-testid="first-run"]').count()).toBe(1);
        expect(await page.locator('button.primary').count()).toBe(1);
        expect(await page.getByTestId('filter-status').count()).toBe(0);
        expect(await panel.textContent()).toContain(strings.layout.welcome.drop);
        expect(await panel.getByTestId('first-run-note').textContent()).toContain(strings.firstRun.body);
        // The panel and the list each keep their room.
        const box = (await panel.boundingBox())!;
        expect(box.width).toBeGreaterThan(200);
        expect((await page.getByTestId('history-list').boundingBox())!.height).toBeGreaterThan(150);
        await page.screenshot({ path: join(SHOTS, `first-screen-${size.width}x${size.height}-${locale}-${scheme}.png`) });
      }
      await page.getByTestId('welcome-open').click();
      // The empty list's words sit beside its listbox, not in it (HistoryList.tsx): nothing serious may be found.
      expect(await seriousFindings(page)).toEqual([]);
    });
  }
});

describe('the small things', () => {
  it('the Settings title takes the focus without a ring (L7)', async () => {
    suite.app = createTestApp(tempDir());
    const page = await suite.open();
    await page.getByTestId('history-list').focus();
    await page.keyboard.press('Control+,');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('settings-title');
    expect(await page.locator('.settings-title').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
  });

  it('the drop overlay names images and PDFs and covers the whole window (L11)', async () => {
    suite.app = createTestApp(tempDir());
    await keep(suite.app, INVOICE);
    const page = await suite.open();
    await page.setViewportSize({ width: 1100, height: 720 });
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['%PDF-1.4'], 'a.pdf', { type: 'application/pdf' }));
      return data;
    });
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    const overlay = page.locator('.drop-overlay');
    await overlay.waitFor();
    expect(await overlay.textContent()).toBe(en.drop.hint);
    expect(en.drop.hint).toMatch(/PDF/);
    expect(zhCN.drop.hint).toMatch(/PDF/);
    expect(await overlay.boundingBox()).toEqual({ x: 0, y: 0, width: 1100, height: 720 });
    await page.screenshot({ path: join(SHOTS, 'drop-overlay-1100x720-en-light.png') });
    await page.dispatchEvent('body', 'dragleave', { dataTransfer: transfer });
    await expect.poll(() => overlay.count()).toBe(0);
  });

  it('Tab from the last control goes to the first, never to <body> (L17)', async () => {
    await appWith(INVOICE);
    const page = await suite.open();
    await openEntry(page, INVOICE);
    const first = await page.evaluate(() => {
      const stops = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]')].filter((e) => e.tabIndex >= 0 && e.getClientRects().length > 0 && !(e as HTMLButtonElement).disabled);
      stops.at(-1)!.focus();
      return stops[0]!.getAttribute('data-testid');
    });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(first);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  });
});

/**
 * Translation in the window (issue 24): the Translate menu in the result's toolbar, the translation streamed beside
 * the text (translate:delta carries the whole text so far), the view switch, and the in-place view drawn inside each
 * line's box over the image, toggled with T, selectable and copyable; a failure keeps what was read.
 *
 * The reading is real (the DashScope stand-in, native protocol, advanced recognition for the line boxes). Until the
 * stand-in answers Qwen-MT, the main side's translation is stood in for at its service (translations.run, and the
 * entry's translation as history.entry gives it), emitting what the real one emits: deltas, then history:changed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import type { EntryView, TranslationView } from '../../preload/api.ts';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import { createTestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { fixture } from '../support/paths.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const KEY = 'sk-test-valid-key-0001';
vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { server, tempDir } = suite;
const SHOTS = process.env.READOUT_SHOTS ?? '/tmp/shots/translate';
mkdirSync(SHOTS, { recursive: true });

const LINES = ['Readout reads text 2026', '离线识别中文和英文'];
/** What the stand-in translator answers, per target. */
const TRANSLATED: Record<string, string[]> = {
  zh: ['Readout 识别文字 2026', '离线识别中文和英文'],
  en: ['Readout reads text 2026', 'Offline recognition of Chinese and English'],
};

/** The fixture read with line boxes; the main side's translation stood in for; the window opened on the entry. */
async function openTranslatable(options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<Page> {
  const app = createTestApp(tempDir());
  suite.app = app;
  app.settings.update({ baseUrl: server.baseURL, api: 'native', task: 'advanced', copyToClipboard: false });
  await app.settings.setApiKey(KEY);
  server.script({ kind: 'ok', text: LINES.join('\n') });
  app.chooseFiles = [fixture('text/en-zh.png')];
  await app.services.jobs.openFiles();
  await app.services.idle();

  const kept = new Map<number, TranslationView>();
  const history = app.services.history as unknown as { entry: (id: number) => EntryView | null };
  const entry = history.entry.bind(history);
  history.entry = (id) => {
    const view = entry(id);
    return view ? { ...view, translation: kept.get(id) ?? null } : view;
  };
  app.services.translations.run = async (entryId, { targetLang }) => {
    const lines = TRANSLATED[targetLang] ?? LINES.map((line) => `[${targetLang}] ${line}`);
    const text = lines.join('\n');
    // The whole text so far, never a fragment: halfway, then all of it.
    app.onEmit?.('translate:delta', { entryId, text: text.slice(0, Math.ceil(text.length / 2)) });
    app.onEmit?.('translate:delta', { entryId, text });
    kept.set(entryId, { targetLang, sourceLang: 'auto', model: 'qwen-mt-flash', status: 'done', text, lines, createdAt: Date.now(), usage: { inputTokens: 31, outputTokens: 24 }, cost: 0.0001, error: null });
    app.onEmit?.('history:changed', { ids: [entryId] });
  };

  const page = await suite.open(options);
  await page.getByTestId('history-row').first().click();
  await page.getByTestId('word-box').first().waitFor();
  return page;
}

const translateInto = async (page: Page, code: string): Promise<void> => {
  await page.getByTestId('translate-menu').click();
  await page.getByTestId(`translate-${code}`).click();
};

type Box = { x: number; y: number; width: number; height: number };
const within = (inner: Box, outer: Box, slack = 1): boolean =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;

describe('translation in the window', () => {
  it('Translate is in the toolbar, on its one line, its languages named in the reader’s language', async () => {
    const page = await openTranslatable();
    const toolbar = page.getByRole('toolbar', { name: en.result.actions });
    const buttons = await toolbar.locator('button').evaluateAll((all) => all.map((b) => Math.round(b.getBoundingClientRect().top)));
    // Buttons of 30 and 32 px sit on one line: their tops within a few pixels, never a row apart.
    expect(Math.max(...buttons) - Math.min(...buttons)).toBeLessThan(8);
    await page.getByTestId('translate-menu').click();
    expect(await page.getByTestId('translate-zh').textContent()).toBe('Chinese');
    expect(await page.getByTestId('translate-en').textContent()).toBe(en.translate.lastUsed.replace('{{language}}', 'English'));
    await page.keyboard.press('Escape');
  });

  it('shows the translation beside the text, remembers the language, and keeps the original a click away', async () => {
    const page = await openTranslatable();
    await translateInto(page, 'zh');
    await expect.poll(() => page.getByTestId('translation-text').textContent()).toBe(TRANSLATED.zh!.join('\n'));
    expect(await page.getByTestId('view-translation').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('translation-meta').textContent()).toContain('qwen-mt-flash');
    await expect.poll(() => suite.app!.settings.get().translateTarget).toBe('zh');
    await page.getByTestId('view-original').click();
    expect(await page.getByTestId('result-text').textContent()).toBe(LINES.join('\n'));
    expect(await seriousFindings(page)).toEqual([]);
  });

  it('draws each translated line inside its line’s box over the image, toggled with T, and copyable', async () => {
    const page = await openTranslatable();
    await translateInto(page, 'en');
    await page.getByTestId('view-in-place').click();
    const lines = page.getByTestId('in-place-line');
    await expect.poll(() => lines.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      expect(await lines.nth(i).textContent()).toBe(TRANSLATED.en![i]);
      const drawn = (await lines.nth(i).boundingBox())!;
      const box = (await page.getByTestId('word-box').nth(i).boundingBox())!;
      expect(within(drawn, box), `line ${i}: ${JSON.stringify(drawn)} in ${JSON.stringify(box)}`).toBe(true);
      // The text fills its box: it is not drawn tiny in a corner.
      const ink = await lines.nth(i).evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const r = range.getBoundingClientRect();
        return { width: r.width, height: r.height };
      });
      expect(ink.width > drawn.width * 0.8 || ink.height > drawn.height * 0.6).toBe(true);
    }
    expect(await seriousFindings(page)).toEqual([]);

    // Real text: selected and copied as the lines, one to a line.
    const selected = await page.getByTestId('in-place').evaluate((layer) => {
      const selection = document.getSelection()!;
      selection.selectAllChildren(layer);
      const data = new DataTransfer();
      layer.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    });
    expect(selected).toBe(TRANSLATED.en!.join('\n'));

    // T shows the original picture again, and T brings the translation back.
    await page.locator('.image-scroll').focus();
    await page.keyboard.press('t');
    await expect.poll(() => lines.count()).toBe(0);
    await page.keyboard.press('t');
    await expect.poll(() => lines.count()).toBe(2);
  });

  it('a failed translation says so and keeps what was read', async () => {
    const page = await openTranslatable();
    suite.app!.services.translations.run = async () => {
      const { ReadoutError } = await import('../../main/errors.ts');
      throw new ReadoutError('network', 'connect ECONNREFUSED');
    };
    await translateInto(page, 'ja');
    await expect.poll(() => page.getByTestId('toasts').textContent()).not.toBe('');
    await expect.poll(async () => (await page.getByTestId('result-text').count()) > 0 || (await page.getByTestId('view-original').count()) > 0).toBe(true);
    if (await page.getByTestId('view-original').count()) await page.getByTestId('view-original').click();
    expect(await page.getByTestId('result-text').textContent()).toBe(LINES.join('\n'));
  });

  for (const colorScheme of ['light', 'dark'] as const)
    for (const [width, height] of [[1100, 720], [1440, 900]] as const)
      for (const [locale, target] of [['en-US', 'en'], ['zh-CN', 'zh']] as const)
        it(`screenshots: ${target}, ${colorScheme}, ${width}x${height}`, async () => {
          const page = await openTranslatable({ colorScheme, locale });
          await page.setViewportSize({ width, height });
          await translateInto(page, target);
          await page.getByTestId('translation-text').waitFor();
          await page.screenshot({ path: join(SHOTS, `side-${target}-${colorScheme}-${width}x${height}.png`) });
          await page.getByTestId('view-in-place').click();
          await page.getByTestId('in-place-line').first().waitFor();
          await page.screenshot({ path: join(SHOTS, `in-place-${target}-${colorScheme}-${width}x${height}.png`) });
        });
});

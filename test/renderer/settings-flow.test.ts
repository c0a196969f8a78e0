/**
 * Settings as review 2 found it and as it must be now, in headless Chromium with the real services: a key the region
 * refuses is never the key in use (M9), every word the main process sends is said in the reader's language (M6), the
 * page's order and wording (L8, L9, L10), Run again on a PDF's text (L14), failed files without an engine (L18).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { jobsDone } from '../support/app-events.ts';
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { dropFiles } from '../support/app-page.ts';
import { DashScopeServer } from '../support/dashscope-server.ts';
import { fixture } from '../support/paths.ts';
import { useWindowSuite } from '../support/window-suite.ts';
import { result } from '../support/entries.ts';
import { prepareImage } from '../../main/image/prepare.ts';
import { storedImage } from '../support/seed.ts';

const KEY = 'sk-test-valid-key-0001';
vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { server, tempDir } = suite;
/** Beijing knows no key at all; Singapore is the suite's server (it knows KEY); Virginia cannot be reached. */
const beijing = new DashScopeServer();
const SHOTS = process.env.READOUT_SHOTS ?? join(suite.screenshots, 'settings');
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
const shot = async (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

function regionApp(language: 'en' | 'zh-CN' = 'en'): TestApp {
  suite.app = createTestApp(tempDir(), { regionEndpoints: { cn: beijing.baseURL, intl: server.baseURL, us: 'http://127.0.0.1:9/compatible-mode/v1' } });
  suite.app.settings.update({ language });
  return suite.app;
}

async function openSettings(options: Parameters<typeof suite.open>[0] = {}): Promise<Page> {
  const page = await suite.open(options);
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings').waitFor();
  return page;
}

async function saveKey(page: Page, key: string, words: typeof en): Promise<void> {
  await page.locator('#api-key').fill(key);
  await page.getByRole('button', { name: words.settings.engine.saveKey }).click();
}

describe('a key the region refuses (M9)', () => {
  it('is not saved, stays in the field, says so in one line with the other regions and Keep anyway; the next capture reads offline', { timeout: 120_000 }, async () => {
    await beijing.start();
    try {
      beijing.validKeys.clear();
      const app = regionApp();
      const page = await openSettings();
      await saveKey(page, KEY, en);
      const line = page.getByTestId('key-test');
      await expect.poll(() => line.getAttribute('class')).toBe('key-test failed');
      expect(await line.locator('span').first().textContent()).toBe(fill(en.settings.key.rejected, { where: en.settings.engine.regionCn }));
      expect(await line.getByRole('button').allTextContents()).toEqual([en.settings.key.try.intl, en.settings.key.try.us, en.settings.key.keepAnyway]);
      expect(await page.locator('#api-key').inputValue()).toBe(KEY);
      expect(await page.getByTestId('key-status').textContent()).toBe(en.settings.engine.keyNone);
      expect(app.settings.apiKeyStatus().set).toBe(false);
      // One line: no request id, no service's words, no CLI hints.
      expect(await line.textContent()).not.toMatch(/request id|DASHSCOPE_API_KEY|Incorrect API key/);
      await shot(page, 'rejected-en-light-1100');
      await page.setViewportSize({ width: 640, height: 480 });
      await line.scrollIntoViewIfNeeded();
      await shot(page, 'rejected-en-light-640');

      // The next capture: no key in use, so the offline engine reads it, and Beijing hears nothing more.
      app.services.jobs.recognizeBytes(readFileSync(fixture('text/en-zh.png')), 'Screen capture', { kind: 'region', displayId: 'display-1', rect: { x: 0, y: 0, width: 10, height: 10 } });
      await jobsDone(app, 1);
      const [entry] = app.history.list({}).items;
      expect(entry).toMatchObject({ engine: 'local', status: 'done' });
      expect(beijing.requests).toHaveLength(1);

      // Try Singapore: the key works there, so it is saved and Singapore becomes the region.
      await page.setViewportSize({ width: 1100, height: 720 });
      await line.getByRole('button', { name: en.settings.key.try.intl }).click();
      await expect.poll(() => line.getAttribute('class')).toBe('key-test ok');
      expect(await page.getByTestId('region').inputValue()).toBe('intl');
      expect(await page.getByTestId('key-status').textContent()).toBe(fill(en.settings.engine.keySaved, { last4: '0001' }));
      expect(await page.locator('#api-key').inputValue()).toBe('');
      expect(app.settings.get().region).toBe('intl');
      expect(app.services.engines.engine().name).toBe('qwen');
      // Now a key is set, the engine radio names Qwen, not "Automatic" (L9).
      expect(await page.getByTestId('engine-qwen').locator('..').textContent()).toBe(en.settings.engine.qwen);
    } finally {
      await beijing.stop();
    }
  });

  it('Keep anyway saves it, and says it was refused; a server out of reach saves it untested', async () => {
    await beijing.start();
    try {
      beijing.validKeys.clear();
      const app = regionApp();
      const page = await openSettings({ colorScheme: 'dark' });
      await saveKey(page, KEY, en);
      const line = page.getByTestId('key-test');
      await line.getByRole('button', { name: en.settings.key.keepAnyway }).click();
      await expect.poll(() => line.getAttribute('class')).toBe('key-test warning');
      expect(await line.textContent()).toBe(fill(en.settings.key.kept, { where: en.settings.engine.regionCn }));
      expect(app.settings.apiKey()).toBe(KEY);
      await shot(page, 'kept-en-dark-1100');

      await page.getByTestId('region').selectOption('us');
      await expect.poll(() => app.settings.get().region).toBe('us');
      await saveKey(page, 'sk-another-key-12345', en);
      await expect.poll(() => line.textContent()).toBe(fill(en.settings.key.unchecked, { reason: en.errorCode.network }));
      expect(app.settings.apiKey()).toBe('sk-another-key-12345');
    } finally {
      await beijing.stop();
    }
  });
});

describe('in the reader’s language (M6, L10)', () => {
  it('a refused key, a key of the wrong shape and a taken hotkey are said in Chinese, with no English from main', async () => {
    await beijing.start();
    try {
      beijing.validKeys.clear();
      const app = regionApp('zh-CN');
      app.takenHotkeys = ['Alt+Shift+K'];
      const page = await openSettings({ locale: 'zh-CN' });
      const words = zhCN as unknown as typeof en;
      await saveKey(page, KEY, words);
      const line = page.getByTestId('key-test');
      await expect.poll(() => line.locator('span').first().textContent()).toBe(fill(zhCN.settings.key.rejected, { where: zhCN.settings.engine.regionCn }));
      expect(await line.textContent()).not.toMatch(/[A-Za-z]{4,}/);
      await shot(page, 'rejected-zh-light-1100');

      await saveKey(page, 'sk 1', words);
      await expect.poll(() => line.textContent()).toBe(fill(zhCN.settings.key.refused, { reason: zhCN.errorCode['key-invalid'] }));

      const recorder = page.getByTestId('hotkey-hotkey');
      await recorder.click();
      await page.keyboard.press('Alt+Shift+K');
      await expect.poll(() => page.getByTestId('hotkey-error').textContent()).toBe(zhCN.errorCode['hotkey-taken']);
      // Every Key in the page is API 密钥, and the cloud engine is 千问 (L10).
      const text = await page.getByTestId('settings').innerText();
      expect(text).not.toMatch(/\bKey\b/);
      expect(text).toContain('千问');
    } finally {
      await beijing.stop();
    }
  });
});

describe('order and wording (L8, L9)', () => {
  it('hotkeys first, engine with key and region together, usage last; Automatic while no key is set', async () => {
    regionApp();
    const page = await openSettings();
    const sections = await page.locator('.settings-section').evaluateAll((all) => all.map((section) => section.getAttribute('data-testid')));
    expect(sections).toEqual(['settings-capture', 'settings-engine', 'settings-languages', 'settings-behaviour', 'settings-translate', 'settings-integrations', 'settings-history', 'settings-appearance', 'settings-usage']);
    expect(await page.getByTestId('settings-capture').getByTestId('hotkey-hotkey').count()).toBe(1);
    const engine = page.getByTestId('settings-engine');
    for (const part of ['#api-key', '[data-testid="region"]', '[data-testid="engine-qwen"]']) expect(await engine.locator(part).count()).toBe(1);
    expect(await page.getByTestId('settings-behaviour').getByTestId('check-offlineIdleRelease').count()).toBe(1);
    // No key: the radio in use says what happens (the offline engine reads), never plain Qwen.
    expect(await page.getByTestId('engine-qwen').isChecked()).toBe(true);
    expect(await page.getByTestId('engine-qwen').locator('..').textContent()).toBe(en.settings.engine.automatic);
    // Option labels start with a capital, and the Protocol option is as wide as its words (not cut off).
    // (Model ids such as qwen-mt-flash are names, written as their makers write them.)
    const options = await page.locator('.settings select:not([data-testid="translate-model"]) option').allTextContents();
    expect(options.filter((o) => /^[a-z]/.test(o))).toEqual([]);
    await page.getByTestId('advanced').locator('summary').click();
    const api = page.getByTestId('api');
    expect(await api.evaluate((select: HTMLSelectElement) => select.scrollWidth <= select.clientWidth + 1)).toBe(true);
    for (const [scheme, size] of [['light', { width: 1100, height: 720 }], ['dark', { width: 640, height: 480 }]] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(size);
      await page.getByTestId('settings').evaluate((el) => el.closest('.settings-page')?.scrollTo(0, 0));
      await shot(page, `top-en-${scheme}-${size.width}`);
      await page.getByTestId('settings-behaviour').scrollIntoViewIfNeeded();
      await shot(page, `scrolled-en-${scheme}-${size.width}`);
    }
  });

  it('the same page in Chinese, light and dark, at both sizes', async () => {
    regionApp('zh-CN');
    const page = await openSettings({ locale: 'zh-CN' });
    expect(await page.getByTestId('engine-qwen').locator('..').textContent()).toBe(zhCN.settings.engine.automatic);
    for (const [scheme, size] of [['dark', { width: 1100, height: 720 }], ['light', { width: 640, height: 480 }]] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(size);
      await shot(page, `top-zh-${scheme}-${size.width}`);
      await page.getByTestId('settings-behaviour').scrollIntoViewIfNeeded();
      await shot(page, `scrolled-zh-${scheme}-${size.width}`);
    }
  });
});

describe('results (L14, L18)', () => {
  it('Run again on a PDF page’s own text offers the offline engine, which works with no key', async () => {
    const app = regionApp();
    const image = await prepareImage(readFileSync(fixture('text/en-zh.png')), { file: 'page.png' });
    const id = app.history.createPending({
      source: { kind: 'file', path: '/home/me/report.pdf', name: 'report.pdf' },
      engine: 'pdf',
      model: 'text layer',
      mode: 'text',
      prompt: '',
      ...storedImage(image),
    });
    app.history.complete(id, result('The page’s own text', { engine: 'pdf', model: 'text layer', usage: null, cost: null }));
    const page = await suite.open();
    await page.getByTestId('history-row').first().click();
    if ((await page.getByTestId('rerun-open').count()) > 0) await page.getByTestId('rerun-open').click();
    expect(await page.getByTestId('rerun-engine').inputValue()).toBe('local');
  });

  it('a file that could not be opened names no engine, and says why without libvips’ words', async () => {
    const app = regionApp();
    const page = await suite.open();
    await dropFiles(page, [{ name: 'broken.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>') }]);
    await jobsDone(app, 1);
    const row = page.getByTestId('history-row').first();
    await expect.poll(() => row.textContent()).toContain(en.statusName.failed);
    expect(await row.textContent()).not.toContain(en.engineName.local);
    await row.click();
    await expect.poll(() => page.getByTestId('error-box').count()).toBe(1);
    const box = await page.getByTestId('error-box').textContent();
    expect(box).toContain(en.errorCode['image-corrupt']);
    expect(box).not.toMatch(/load_buffer|vips/i);
    expect(await page.locator('.meta').first().textContent()).not.toContain(en.engineName.local);
  });

  it('in Chinese, failed files are said in Chinese: the main process’s English is left out of the text', async () => {
    const app = regionApp('zh-CN');
    const page = await suite.open({ locale: 'zh-CN' });
    const broken = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>');
    await dropFiles(page, [
      { name: 'broken.svg', type: 'image/svg+xml', bytes: broken },
      { name: 'also-broken.svg', type: 'image/svg+xml', bytes: broken },
    ]);
    await jobsDone(app, 2);
    await page.getByTestId('queue').getByRole('button', { name: zhCN.queue.showFiles }).click();
    const files = page.getByTestId('queue-files');
    await expect.poll(() => files.textContent()).toContain(zhCN.errorCode['image-corrupt']);
    expect(await files.textContent()).not.toMatch(/cannot read|damaged/);
    await shot(page, 'failed-files-zh-light-1100');
  });
});

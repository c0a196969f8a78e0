import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../preload/api.ts';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { launchChromium } from '../support/chromium.ts';
import { repoRoot } from '../support/paths.ts';
import { installBridge, serveRenderer } from '../support/renderer-harness.ts';

const screenshots = join(repoRoot, 'test-results/screenshots');
let browser: Browser;
let site: Awaited<ReturnType<typeof serveRenderer>>;

beforeAll(async () => {
  browser = await launchChromium();
  site = await serveRenderer();
  await mkdir(screenshots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const info = (overrides: Partial<AppInfo> = {}): AppInfo => ({ version: '0.1.0', engine: 'local', hasApiKey: false, platform: 'linux', ...overrides });

async function open(locale: string, colorScheme: 'light' | 'dark', appInfo = info()) {
  const context = await browser.newContext({ locale, colorScheme, viewport: { width: 960, height: 640 } });
  await installBridge(context, { appInfo: () => appInfo }, site.url);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(site.url);
  return { context, page, problems };
}

describe('placeholder window', () => {
  const cases = [
    ['en-US', en],
    ['zh-CN', zhCN],
  ] as const;
  for (const [locale, strings] of cases) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`renders in ${locale}, ${scheme}`, async () => {
        const { context, page, problems } = await open(locale, scheme);
        await expect.poll(() => page.getByTestId('engine-status').textContent()).toContain(strings.status.local);
        expect(await page.textContent('body')).toContain(strings.status.addKey);
        expect(await page.getAttribute('html', 'lang')).toBe(locale === 'zh-CN' ? 'zh-CN' : 'en');
        const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        expect(background).toBe(scheme === 'dark' ? 'rgb(28, 28, 30)' : 'rgb(247, 247, 248)');
        await page.screenshot({ path: join(screenshots, `placeholder-${locale}-${scheme}.png`) });
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }

  it('says when Qwen is in use and hides the key hint', async () => {
    const { context, page } = await open('en-US', 'light', info({ engine: 'qwen', hasApiKey: true }));
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toContain(en.status.qwen);
    expect(await page.textContent('body')).not.toContain(en.status.addKey);
    await context.close();
  });

  it('refuses bridge calls from a page that is not the app', async () => {
    const context = await browser.newContext();
    await installBridge(context, { appInfo: () => info() }, 'http://127.0.0.1:1');
    const page = await context.newPage();
    await page.goto(site.url);
    const outcome = await page.evaluate(() => window.readout.app.info().then(() => 'allowed', (error: Error) => error.message));
    expect(outcome).toMatch(/not a Readout window/);
    await context.close();
  });
});

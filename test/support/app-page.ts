/** Opens the built window in headless Chromium against a TestApp: the real services behind a real page. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from './app-services.ts';
import { installBridge } from './renderer-harness.ts';

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

export async function openApp(browser: Browser, app: TestApp, url: string, options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<OpenPage> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1100, height: 700 },
  });
  await installBridge(context, app, url);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  await page.getByTestId('history-list').waitFor();
  return { context, page, problems };
}

/**
 * Dispatches a drop of in-memory files on the window, as a file manager would. Several files, where a batch could take
 * them, are first asked about (DropChoice, issue 26): `choose` answers "Read now" (the default, as a drop did before)
 * or leaves the question open ('ask') for the test to answer.
 */
export async function dropFiles(page: Page, files: Array<{ name: string; type: string; bytes: Buffer }>, { choose = 'read-now' }: { choose?: 'read-now' | 'ask' } = {}): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const file of list) data.items.add(new File([Uint8Array.from(atob(file.b64), (c) => c.charCodeAt(0))], file.name, { type: file.type }));
    return data;
  }, files.map((f) => ({ name: f.name, type: f.type, b64: f.bytes.toString('base64') })));
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  if (files.length < 2 || choose !== 'read-now') return;
  // React renders the question in the frame after the drop: by the next frame it is there, or not asked.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const readNow = page.getByTestId('drop-read-now');
  if (await readNow.count()) await readNow.click();
}

/** Dispatches a paste of an image, as Ctrl/Cmd+V with a screenshot on the clipboard would. */
export async function pasteImage(page: Page, bytes: Buffer): Promise<void> {
  await page.evaluate((b64) => {
    const data = new DataTransfer();
    data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'image.png', { type: 'image/png' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, bytes.toString('base64'));
}

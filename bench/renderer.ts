/**
 * The window in headless Chromium over the 100,000-entry history, through the real services: time to the first
 * painted row, and search-as-you-type latency from key press to the updated list. Baselines from the same run: the
 * same window over an empty history, and the key press echoed in the search box.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createTestApp } from '../test/support/app-services.ts';
import { installBridge, serveRenderer } from '../test/support/renderer-harness.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { dropFiles } from '../test/support/app-page.ts';
import { DashScopeServer } from '../test/support/dashscope-server.ts';
import { fixture } from '../test/support/paths.ts';
import { benchHistoryPath } from './history.ts';
import { ms, ratio, summarize, table } from './stats.ts';

async function firstPaint(browser: Browser, url: string, historyPath: string | undefined, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'readout-bench-'));
    const app = createTestApp(dir, { historyPath });
    const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
    await installBridge(context, app, url);
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    await page.waitForSelector(historyPath ? '[data-testid="history-row"]' : '.empty');
    if (i > 0) times.push(performance.now() - started);
    await context.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return times;
}

/**
 * Key press to list updated, measured inside the page so the test driver's own round trips do not count. With
 * `batch`, a thirteen-image drop is being read (through the local protocol server, slowly) the whole time.
 */
async function typingLatency(browser: Browser, url: string, historyPath: string, batch?: DashScopeServer): Promise<{ list: number[]; echo: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'readout-bench-'));
  const app = createTestApp(dir, { historyPath });
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  await installBridge(context, app, url);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid="history-row"]');
  if (batch) {
    app.settings.update({ baseUrl: batch.baseURL, copyToClipboard: true });
    await app.settings.setApiKey('sk-bench-key-0001');
    // Long enough to outlast the typing rounds: every answer streams a character every 100 ms.
    batch.script(...Array.from({ length: 13 }, () => ({ kind: 'ok' as const, text: 'x'.repeat(120), chunkDelayMs: 100, chunkSize: 1 })));
    const png = readFileSync(fixture('text/en-zh.png'));
    await dropFiles(page, Array.from({ length: 13 }, (_, i) => ({ name: `shot-${i}.png`, type: 'image/png', bytes: png })));
    await page.waitForSelector('[data-testid="queue"]');
  }
  const list: number[] = [];
  const echo: number[] = [];
  // Each input lands in an empty box (a key, or a word committed by an IME), so the list must change every time.
  for (let round = 0; round < 3; round++) {
    for (const char of ['invoice', '会议', 'zymurgy', '麒', 'report', '的', '麟瓷', 'q', '文']) {
      await page.getByTestId('search').fill('');
      await page.waitForTimeout(150);
      const measured = await page.evaluate(
        (key) =>
          new Promise<{ list: number; echo: number }>((resolve) => {
            const input = document.querySelector<HTMLInputElement>('[data-testid="search"]')!;
            const listEl = document.querySelector('[data-testid="history-list"]')!;
            const before = listEl.textContent;
            let echoAt = 0;
            const started = performance.now();
            const done = (): void => resolve({ list: performance.now() - started, echo: echoAt - started });
            new MutationObserver((_, observer) => {
              if (listEl.textContent !== before) {
                observer.disconnect();
                // Measured when the browser can paint the new rows, not merely when the DOM changed.
                requestAnimationFrame(done);
              }
            }).observe(listEl, { childList: true, subtree: true, characterData: true });
            input.addEventListener('input', () => requestAnimationFrame(() => (echoAt = performance.now())), { once: true });
            // Typing as a user would: the native setter, then the input event React listens for.
            Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, input.value + key);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            setTimeout(done, 2000);
          }),
        char,
      );
      list.push(measured.list);
      echo.push(measured.echo);
    }
  }
  if (batch) await app.services.cancelAll();
  await context.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return { list, echo };
}

export async function benchRenderer(): Promise<string> {
  const { dbPath } = benchHistoryPath();
  const server = new DashScopeServer();
  const [browser, site] = await Promise.all([launchChromium(), serveRenderer(), server.start()]);
  try {
    const empty = summarize(await firstPaint(browser, site.url, undefined, 5));
    const full = summarize(await firstPaint(browser, site.url, dbPath, 5));
    const typing = await typingLatency(browser, site.url, dbPath);
    const list = summarize(typing.list);
    const echo = summarize(typing.echo);
    const busy = await typingLatency(browser, site.url, dbPath, server);
    const busyList = summarize(busy.list);
    return [
      'Window in headless Chromium over 100,000 history entries (real services; goals: first paint 500 ms, search 50 ms)',
      table([
        ['measure', 'median', 'p95', 'vs baseline', 'baseline'],
        ['first row painted, 100,000 entries', ms(full.median), ms(full.p95), ratio(full.median, empty.median), `empty history ${ms(empty.median)}`],
        [`input to updated list (${typing.list.length} inputs)`, ms(list.median), ms(list.p95), ratio(list.median, echo.median), `key echoed in the box ${ms(echo.median)}`],
        [`the same while a 13-image drop is read`, ms(busyList.median), ms(busyList.p95), ratio(busyList.median, list.median), `no drop ${ms(list.median)}`],
      ]),
      'Each input is one key or one IME-committed word typed into the empty box; latency includes the 12 ms typing debounce and the paint.',
    ].join('\n');
  } finally {
    await browser.close();
    await site.close();
    await server.stop();
  }
}

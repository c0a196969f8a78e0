/**
 * `npm run dev` renders (review M10): the renderer's Vite dev server, configured as electron.vite.config.ts
 * configures it, opened in headless Chromium under the development CSP that main/index.ts sends as a header then.
 * Before the fix the strict policy blocked React's refresh preamble and Vite's injected styles: nothing painted.
 */
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../electron.vite.config.ts';
import { CONTENT_SECURITY_POLICY, DEVELOPMENT_CONTENT_SECURITY_POLICY } from '../../main/security.ts';
import { openApp } from '../support/app-page.ts';
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { launchChromium } from '../support/chromium.ts';
import { newEntry, result } from '../support/entries.ts';
import { useTempDir } from '../support/temp.ts';

const tempDir = useTempDir();
let browser: Browser;
let vite: ViteDevServer;
let app: TestApp;

beforeAll(async () => {
  const { renderer } = config as { renderer: Record<string, unknown> };
  vite = await createServer({
    ...renderer,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false, headers: { 'Content-Security-Policy': DEVELOPMENT_CONTENT_SECURITY_POLICY } },
  });
  await vite.listen();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await vite?.close();
  await app?.close();
});

describe('the renderer under the dev server', () => {
  it('paints the first history row with the development CSP, and reports no CSP violation', async () => {
    app = createTestApp(tempDir());
    const id = app.history.createPending(newEntry());
    app.history.complete(id, result('Painted under the dev server'));
    const url = `http://127.0.0.1:${(vite.httpServer!.address() as AddressInfo).port}/`;
    const opened = await openApp(browser, app, url);
    await expect.poll(() => opened.page.getByTestId('history-row').first().textContent(), { timeout: 60_000 }).toContain('Painted under the dev server');
    const meta = await opened.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(DEVELOPMENT_CONTENT_SECURITY_POLICY);
    expect(opened.problems.filter((p) => /Content Security Policy|preamble/i.test(p))).toEqual([]);
    await opened.context.close();
  });

  it('loosens only what the dev server needs, and only there', () => {
    expect(DEVELOPMENT_CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'unsafe-inline'");
    expect(DEVELOPMENT_CONTENT_SECURITY_POLICY).toContain("style-src 'self' 'unsafe-inline'");
    expect(DEVELOPMENT_CONTENT_SECURITY_POLICY).not.toMatch(/https?:|unsafe-eval/);
    expect(DEVELOPMENT_CONTENT_SECURITY_POLICY.replace(/ 'unsafe-inline'| ws:\/\/localhost:\* ws:\/\/127\.0\.0\.1:\*/g, '')).toBe(CONTENT_SECURITY_POLICY);
  });
});

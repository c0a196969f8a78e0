/**
 * The window tests' shared frame: one headless Chromium, the built renderer served over HTTP and the local
 * DashScope server for the whole file; a test puts its app and its page in `app` and `opened`, and after it the page
 * is checked for console problems and closed, the app closed and the server's script reset.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { TestApp } from './app-services.ts';
import { openApp, type OpenPage } from './app-page.ts';
import { launchChromium } from './chromium.ts';
import { DashScopeServer } from './dashscope-server.ts';
import { repoRoot } from './paths.ts';
import { serveRenderer } from './renderer-harness.ts';
import { useTempDir } from './temp.ts';

export interface WindowSuite {
  /** Set before the first test runs. */
  browser: Browser;
  /** The served renderer's address; set before the first test runs. */
  url: string;
  server: DashScopeServer;
  tempDir: () => string;
  screenshots: string;
  /** The test's app, closed after it. */
  app: TestApp | undefined;
  /** The test's page, checked for console problems and closed after it. */
  opened: OpenPage | undefined;
  /** Opens the window on the test's app (`app`, set first) and keeps it as `opened`; returns its page. */
  open(options?: Parameters<typeof openApp>[3]): Promise<Page>;
}

export function useWindowSuite(): WindowSuite {
  const suite = {
    server: new DashScopeServer(),
    tempDir: useTempDir(),
    screenshots: join(repoRoot, 'test-results/screenshots'),
    app: undefined,
    opened: undefined,
    async open(options) {
      if (!suite.app) throw new Error('suite.open: set suite.app first');
      suite.opened = await openApp(suite.browser, suite.app, suite.url, options);
      return suite.opened.page;
    },
  } as WindowSuite;
  let site: Awaited<ReturnType<typeof serveRenderer>> | undefined;
  beforeAll(async () => {
    const [browser, served] = await Promise.all([launchChromium(), serveRenderer(), suite.server.start()]);
    suite.browser = browser;
    site = served;
    suite.url = served.url;
    await mkdir(suite.screenshots, { recursive: true });
  });
  afterAll(async () => {
    await suite.browser?.close();
    await site?.close();
    await suite.server.stop();
  });
  afterEach(async () => {
    const { app, opened } = suite;
    suite.app = undefined;
    suite.opened = undefined;
    await opened?.context.close();
    await app?.close();
    suite.server.script();
    if (opened) expect(opened.problems).toEqual([]);
  });
  return suite;
}

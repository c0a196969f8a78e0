/**
 * Region capture in the real app (issue 20): the capture event (what the hotkey and the tray send) opens the overlays,
 * a scripted drag over a window of known text reads it into the history and onto the clipboard; Esc, and an overlay
 * closed or destroyed under a capture, end it with nothing written, and the next capture works (review N2).
 * Runs wherever an Electron binary exists (Linux under xvfb, macOS, Windows in CI); skips and says so elsewhere.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';
import { findElectron, SKIP_REASON } from './electron-binary.ts';

const binary = findElectron();
if (!binary) process.stdout.write(`\n${SKIP_REASON}\n\n`);

/** What the test window shows: large, plain, dark on white, so the offline engine reads it exactly. */
const KNOWN_TEXT = 'Readout capture 2026';
const TEXT_WINDOW = { x: 120, y: 140, width: 720, height: 180 };

describe.skipIf(!binary)('capture in Electron', () => {
  let app: ElectronApplication;
  let main: Page;
  /** macOS runners may not grant Screen Recording: the capture cases say so and stop, rather than fail on a black frame. */
  let screenAllowed = true;
  const home = mkdtempSync(join(tmpdir(), 'readout-e2e-capture-'));

  beforeAll(async () => {
    app = await electron.launch({
      executablePath: binary!,
      args: [join(repoRoot, 'out/main/index.js'), '--no-sandbox', `--user-data-dir=${join(home, 'userData')}`],
      env: { ...process.env, DASHSCOPE_API_KEY: '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), LANG: 'en_US.UTF-8' },
    });
    main = await app.firstWindow();
    await expect.poll(() => main.title()).toBe('Readout');
    screenAllowed = await app.evaluate(({ systemPreferences }) => process.platform !== 'darwin' || systemPreferences.getMediaAccessStatus('screen') === 'granted');
    if (!screenAllowed) process.stdout.write('\nmacOS has not granted Screen Recording to this runner: the capture cases stop at the check.\n\n');
  });
  afterAll(() => app?.close());

  const rows = () => main.getByTestId('history-row').count();
  const overlayState = () =>
    app.evaluate(({ BrowserWindow, screen }) => {
      const overlays = BrowserWindow.getAllWindows().filter((w) => w.webContents.getURL().endsWith('overlay.html'));
      return { all: overlays.length, visible: overlays.filter((w) => w.isVisible()).length, displays: screen.getAllDisplays().length };
    });
  const startCapture = async () => {
    await app.evaluate(({ app: electronApp }) => void electronApp.emit('readout-capture'));
    await expect.poll(async () => { const s = await overlayState(); return s.visible === s.displays; }, { timeout: 15_000, interval: 20 }).toBe(true);
  };
  const overlaysHidden = () => expect.poll(async () => (await overlayState()).visible, { timeout: 15_000 }).toBe(0);
  /** The overlay page over the primary display, with that display's origin. */
  const primaryOverlay = async (): Promise<{ page: Page; origin: { x: number; y: number } }> => {
    const primary = await app.evaluate(({ screen }) => screen.getPrimaryDisplay().bounds);
    for (const page of app.windows()) {
      if (!page.url().endsWith('overlay.html') || page.isClosed()) continue;
      const bounds = await (await app.browserWindow(page)).evaluate((w) => w.getBounds());
      if (bounds.x === primary.x && bounds.y === primary.y) {
        await page.getByTestId('overlay').waitFor();
        return { page, origin: primary };
      }
    }
    throw new Error('No overlay covers the primary display');
  };

  it('reads a dragged region of a window into the history and onto the clipboard', { timeout: 90_000 }, async () => {
    if (!screenAllowed) return;
    // A window of known text, on top of everything but the overlays, at a known place on the primary display.
    await app.evaluate(({ BrowserWindow, screen }, { text, at }) => {
      const { x, y } = screen.getPrimaryDisplay().bounds;
      const window = new BrowserWindow({ x: x + at.x, y: y + at.y, width: at.width, height: at.height, frame: false, alwaysOnTop: true, show: false, title: 'known-text' });
      const html = `<body style="margin:0;background:#fff;display:flex;align-items:center;justify-content:center;height:100vh"><div style="font:48px Arial,Helvetica,sans-serif;color:#000">${text}</div></body>`;
      void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`).then(() => window.showInactive());
    }, { text: KNOWN_TEXT, at: TEXT_WINDOW });
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((w) => w.getTitle() === 'known-text' && w.isVisible()))).toBe(true);
    // Let the compositor draw it before the screen is frozen.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await rows();
    await app.evaluate(({ clipboard }) => clipboard.writeText('before the capture'));

    const started = Date.now();
    await startCapture();
    // A figure, not a test: the goal is under 150 ms from the press to the overlay.
    process.stdout.write(`\ncapture event to overlays shown: ${Date.now() - started} ms\n`);
    const { page } = await primaryOverlay();
    await page.mouse.move(TEXT_WINDOW.x + 4, TEXT_WINDOW.y + 4);
    await page.mouse.down();
    await page.mouse.move(TEXT_WINDOW.x + TEXT_WINDOW.width - 4, TEXT_WINDOW.y + TEXT_WINDOW.height - 4, { steps: 8 });
    await page.mouse.up();
    await overlaysHidden();

    await expect.poll(rows, { timeout: 60_000 }).toBe(before + 1);
    await expect.poll(() => main.getByTestId('result-text').textContent(), { timeout: 60_000 }).toContain(KNOWN_TEXT);
    await expect.poll(() => app.evaluate(({ clipboard }) => clipboard.readText()), { timeout: 30_000 }).toContain(KNOWN_TEXT);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((w) => w.getTitle() === 'known-text')?.destroy());
  });

  /**
   * A capture ended by `end` (a key, or what the OS or a window manager does to an overlay): the overlays hide, nothing
   * is written, one overlay a display is there again (made anew where one was lost), and the next capture opens.
   */
  async function endedBy(end: () => Promise<unknown>): Promise<void> {
    const before = await rows();
    await startCapture();
    await end();
    await overlaysHidden();
    await expect.poll(async () => { const s = await overlayState(); return s.all === s.displays; }, { timeout: 15_000 }).toBe(true);
    await startCapture();
    await (await primaryOverlay()).page.keyboard.press('Escape');
    await overlaysHidden();
    expect(await rows()).toBe(before);
  }

  /** Something done to the visible overlay's window from main, as the OS would. */
  const toOverlay = (action: 'close' | 'destroy' | 'crash') =>
    app.evaluate(({ BrowserWindow }, action) => {
      const overlay = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith('overlay.html') && w.isVisible());
      if (action === 'close') overlay?.close();
      else if (action === 'destroy') overlay?.destroy();
      else overlay?.webContents.forcefullyCrashRenderer();
    }, action);

  it('ends a capture on Escape: overlays hide, nothing is written, and the next capture opens', { timeout: 60_000 }, async () => {
    if (!screenAllowed) return;
    await endedBy(async () => (await primaryOverlay()).page.keyboard.press('Escape'));
  });

  // A close request (Ctrl+W, Alt+F4, Cmd+W, a window manager) is refused and ends the capture: the overlay stays.
  it('ends a capture when an overlay is closed (Ctrl+W, Alt+F4, Cmd+W): the overlay stays for the next one', { timeout: 60_000 }, async () => {
    if (!screenAllowed) return;
    await endedBy(() => toOverlay('close'));
  });

  it('ends a capture when an overlay is destroyed under it, and makes the overlays anew', { timeout: 60_000 }, async () => {
    if (!screenAllowed) return;
    await endedBy(() => toOverlay('destroy'));
  });

  it('ends a capture when an overlay’s page crashes, and makes the overlays anew', { timeout: 60_000 }, async () => {
    if (!screenAllowed) return;
    await endedBy(() => toOverlay('crash'));
  });
});

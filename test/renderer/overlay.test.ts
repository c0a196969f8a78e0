import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bitmap } from '../../main/capture/crop.ts';
import type { Frame } from '../../main/capture/session.ts';
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { launchChromium } from '../support/chromium.ts';
import { installBridge, serveRenderer } from '../support/renderer-harness.ts';
import { repoRoot } from '../support/paths.ts';
import { useTempDir } from '../support/temp.ts';
import { seriousFindings } from '../support/axe.ts';

const tempDir = useTempDir();
let browser: Browser;
let site: Awaited<ReturnType<typeof serveRenderer>>;
let app: TestApp | undefined;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchChromium(), serveRenderer()]);
  mkdirSync(join(repoRoot, 'test-results/screenshots'), { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const VIEW = { width: 800, height: 500 };

/** A frozen screen whose every pixel names its own position: R = x mod 256, G = y mod 256, B = (x div 256) * 16 + y div 256. */
function knownScreen(width: number, height: number): Bitmap {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([(x >> 8) * 16 + (y >> 8), y & 255, x & 255, 255], (y * width + x) * 4);
  }
  return { data, width, height, order: 'bgra' };
}

async function frameAt(scale: number): Promise<Frame> {
  const bitmap = knownScreen(Math.round(VIEW.width * scale), Math.round(VIEW.height * scale));
  const rgba = Buffer.from(bitmap.data);
  for (let i = 0; i < rgba.length; i += 4) [rgba[i], rgba[i + 2]] = [rgba[i + 2]!, rgba[i]!];
  const preview = await sharp(rgba, { raw: { width: bitmap.width, height: bitmap.height, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer();
  return {
    display: { id: 'display-1', bounds: { x: -800, y: 0, ...VIEW }, scaleFactor: scale },
    bitmap,
    preview: { mime: 'image/png', data: preview },
  };
}

async function openOverlay(scale: number): Promise<{ page: Page; started: Promise<void> }> {
  app = createTestApp(tempDir());
  app.frames = [await frameAt(scale)];
  const context = await browser.newContext({ viewport: VIEW, deviceScaleFactor: scale });
  await installBridge(context, app, site.url);
  const started = app.capture.start();
  const page = await context.newPage();
  await page.goto(`${site.url}overlay.html`);
  await page.getByTestId('overlay').waitFor();
  await page.locator('img.frozen').evaluate((img: HTMLImageElement) => img.decode());
  return { page, started };
}

/** Decodes the crop handed to the pipeline and reads the positions its corner pixels name. */
async function cropped(target: TestApp): Promise<{ width: number; height: number; topLeft: [number, number]; bottomRight: [number, number] }> {
  const { data, info } = await sharp(target.captured[0]!.png).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number): [number, number] => {
    const o = (y * info.width + x) * info.channels;
    const [r, g, b] = [data[o]!, data[o + 1]!, data[o + 2]!];
    return [r + (b >> 4) * 256, g + (b & 15) * 256];
  };
  return { width: info.width, height: info.height, topLeft: at(0, 0), bottomRight: at(info.width - 1, info.height - 1) };
}

describe('capture overlay', () => {
  for (const scale of [1, 1.5, 2]) {
    it(`turns a drag into exactly the pixels under it at devicePixelRatio ${scale}`, async () => {
      const { page, started } = await openOverlay(scale);
      await page.mouse.move(100, 50);
      await page.mouse.down();
      await page.mouse.move(250, 150, { steps: 6 });
      expect(await page.getByTestId('selection-size').textContent()).toBe(`${Math.round(150 * scale)} × ${Math.round(100 * scale)}`);
      await page.screenshot({ path: join(repoRoot, 'test-results/screenshots', `overlay-dpr-${scale}.png`) });
      await page.mouse.move(300, 200, { steps: 4 });
      await page.mouse.up();
      await started;
      const left = Math.round(100 * scale);
      const top = Math.round(50 * scale);
      const width = Math.round(300 * scale) - left;
      const height = Math.round(200 * scale) - top;
      const crop = await cropped(app!);
      expect(crop).toEqual({ width, height, topLeft: [left, top], bottomRight: [left + width - 1, top + height - 1] });
      // The region is remembered in desktop DIPs, on a display with a negative origin.
      expect(app!.captured[0]!.source).toEqual({ kind: 'region', displayId: 'display-1', rect: { x: -700, y: 50, width: 200, height: 150 } });
      expect(app!.overlays).toEqual(['show', 'hide']);
      await page.context().close();
    });
  }

  it('nudges with the arrow keys (Shift for 10) and accepts with Enter', async () => {
    const { page, started } = await openOverlay(2);
    await page.mouse.move(100, 100);
    await page.mouse.down();
    await page.mouse.move(200, 150, { steps: 4 });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Enter');
    await started;
    const crop = await cropped(app!);
    expect(crop.topLeft).toEqual([201, 210]);
    expect([crop.width, crop.height]).toEqual([200, 100]);
    await page.context().close();
  });

  it('cancels with Esc, and with a right click, recognising nothing', async () => {
    for (const cancel of [(page: Page) => page.keyboard.press('Escape'), (page: Page) => page.mouse.click(300, 300, { button: 'right' })]) {
      const { page, started } = await openOverlay(1);
      await page.mouse.move(100, 100);
      await page.mouse.down();
      await page.mouse.move(200, 200, { steps: 3 });
      await cancel(page);
      await started;
      expect(app!.captured).toEqual([]);
      expect(app!.overlays).toEqual(['show', 'hide']);
      await page.context().close();
      await app!.close();
      app = undefined;
    }
  });

  it('follows a drag past the edge onto the next display, in desktop DIPs', async () => {
    const { page, started } = await openOverlay(1);
    // This display spans DIPs -800..0; the drag ends 100 px into the one on its right.
    app!.frames.push({ ...app!.frames[0]!, display: { id: 'display-2', bounds: { x: 0, y: 0, ...VIEW }, scaleFactor: 1 } });
    await page.mouse.move(700, 100);
    await page.mouse.down();
    await page.mouse.move(790, 150, { steps: 3 });
    await page.mouse.move(900, 200, { steps: 3 });
    await page.mouse.up();
    await started;
    expect(app!.captured[0]?.source).toEqual({ kind: 'region', displayId: 'display-1', rect: { x: -100, y: 100, width: 200, height: 100 } });
    await page.context().close();
  });

  it('shows a drag across the edge on both displays, and joins both shares', async () => {
    app = createTestApp(tempDir());
    const left = await frameAt(1);
    app.frames = [left, { ...left, display: { id: 'display-2', bounds: { x: 0, y: 0, ...VIEW }, scaleFactor: 1 } }];
    const contexts = await Promise.all(['display-1', 'display-2'].map(async (id) => {
      const context = await browser.newContext({ viewport: VIEW });
      await installBridge(context, app!, site.url, id);
      return context;
    }));
    const started = app.capture.start();
    const [a, b] = await Promise.all(contexts.map(async (context) => {
      const page = await context.newPage();
      await page.goto(`${site.url}overlay.html`);
      await page.getByTestId('overlay').waitFor();
      return page;
    }));
    await a!.mouse.move(700, 100);
    await a!.mouse.down();
    await a!.mouse.move(900, 200, { steps: 4 });
    await expect.poll(() => b!.getByTestId('remote-selection').boundingBox()).toEqual({ x: 0, y: 100, width: 100, height: 100 });
    await a!.mouse.up();
    await started;
    const { data, info } = await sharp(app.captured[0]!.png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([200, 100]);
    // Column 0 is x 700 of the left display; column 100 is x 0 of the right one (R = x mod 256, G = y).
    const at = (x: number) => [...data.subarray(x * info.channels, x * info.channels + 2)];
    expect(at(0)).toEqual([700 & 255, 100]);
    expect(at(100)).toEqual([0, 100]);
    await Promise.all(contexts.map((context) => context.close()));
  });

  it('ignores a click that selects nothing', async () => {
    const { page } = await openOverlay(1);
    await page.mouse.click(100, 100);
    await page.waitForTimeout(100);
    expect(app!.capture.active).toBe(true);
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('captures the same region again without an overlay', async () => {
    const { page, started } = await openOverlay(1.5);
    await page.mouse.move(40, 40);
    await page.mouse.down();
    await page.mouse.move(140, 90, { steps: 3 });
    await page.mouse.up();
    await started;
    await app!.capture.repeat();
    expect(app!.overlays).toEqual(['show', 'hide']);
    expect(app!.captured).toHaveLength(2);
    const [first, second] = await Promise.all(app!.captured.map((c) => sharp(c.png).raw().toBuffer()));
    expect(second!.equals(first!)).toBe(true);
    await page.context().close();
  });

  it('passes axe-core with no serious or critical finding', async () => {
    const { page, started } = await openOverlay(1);
    expect(await seriousFindings(page)).toEqual([]);
    app!.capture.cancel();
    await started;
    await page.context().close();
  });
});

/**
 * Codes in the window (issue 14): a capture-like image with a QR code read through the real services in headless
 * Chromium; the code listed above the text with Copy and, for a web address, Open after showing it whole; what the
 * clipboard gets by the setting; nothing but http(s) is ever opened.
 */
import { join } from 'node:path';
import bwipjs from 'bwip-js';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { jobsDone } from '../support/app-events.ts';
import { createTestApp } from '../support/app-services.ts';
import { dropFiles } from '../support/app-page.ts';
import { useWindowSuite } from '../support/window-suite.ts';
import { seriousFindings } from '../support/axe.ts';

const KEY = 'sk-test-valid-key-0001';
const URL_IN_CODE = 'https://example.org/pay?invoice=2026-11&amount=42.00';
// What the page shows after an event or a click is polled for up to 15 s (vitest's default is 1 s): milliseconds, but
// seconds on a loaded machine. Reading itself is waited for by the services' events (app-events.ts).
vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { server, tempDir, screenshots } = suite;

async function shotWith(codes: Array<{ bcid: string; text: string; options?: Record<string, unknown> }>): Promise<Buffer> {
  const images = await Promise.all(codes.map((c) => bwipjs.toBuffer({ bcid: c.bcid, text: c.text, scale: 3, paddingwidth: 6, paddingheight: 6, backgroundcolor: 'FFFFFF', ...c.options } as Parameters<typeof bwipjs.toBuffer>[0])));
  return sharp({ create: { width: 1200, height: 420, channels: 3, background: '#ffffff' } })
    .composite(images.map((input, i) => ({ input, left: 30 + i * 380, top: 30 })))
    .png()
    .toBuffer();
}

async function readDropped(bytes: Buffer, settings: Parameters<NonNullable<typeof suite.app>['settings']['update']>[0] = {}) {
  suite.app = createTestApp(tempDir());
  suite.app.settings.update({ baseUrl: server.baseURL, ...settings });
  await suite.app.settings.setApiKey(KEY);
  server.script({ kind: 'ok', text: 'Scan to pay' });
  const page = await suite.open();
  await dropFiles(page, [{ name: 'pay.png', type: 'image/png', bytes }]);
  // The first scan loads the code reader: seconds on a loaded machine. Waited for by the job's end, not a deadline.
  await jobsDone(suite.app, 1);
  expect(suite.app.history.list().items[0]?.status).toBe('done');
  return page;
}

describe('codes in the window', () => {
  it('lists the code above the text; Copy copies it; Open shows the whole address and opens it only when confirmed', async () => {
    const page = await readDropped(await shotWith([{ bcid: 'qrcode', text: URL_IN_CODE }, { bcid: 'qrcode', text: 'javascript:alert(1)' }, { bcid: 'ean13', text: '4006381333931' }]));
    // Little text beside the codes: the codes' contents went to the clipboard (codes first, the default).
    expect(suite.app!.clipboard.at(-1)?.split('\n').sort()).toEqual([URL_IN_CODE, 'javascript:alert(1)', '4006381333931'].sort());
    await page.getByTestId('history-row').first().click();
    const codes = page.getByTestId('code');
    await expect.poll(() => codes.count()).toBe(3);
    expect((await page.getByTestId('code-text').allTextContents()).sort()).toEqual([URL_IN_CODE, 'javascript:alert(1)', '4006381333931'].sort());
    // Only the web address can be opened.
    expect(await page.getByTestId('code-open').count()).toBe(1);
    const web = codes.filter({ hasText: URL_IN_CODE });
    await web.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => suite.app!.clipboard.at(-1)).toBe(URL_IN_CODE);
    await page.screenshot({ path: join(screenshots, 'codes-en-light.png') });
    expect(await seriousFindings(page)).toEqual([]);
    // Main asks, in its own dialog naming the host (review N11): a no opens nothing, a yes opens it.
    suite.app!.confirmAnswer = false;
    await web.getByTestId('code-open').click();
    await expect.poll(() => suite.app!.confirmations).toEqual([{ kind: 'open-url', host: new URL(URL_IN_CODE).host, url: URL_IN_CODE }]);
    expect(suite.app!.openedUrls).toEqual([]);
    suite.app!.confirmAnswer = true;
    await web.getByTestId('code-open').click();
    await expect.poll(() => suite.app!.openedUrls).toEqual([URL_IN_CODE]);
    expect(suite.app!.confirmations).toHaveLength(2);
    // The main process refuses anything else, whoever asks.
    const refused = await page.evaluate(() => (window as unknown as { readout: { app: { openUrl(u: string): Promise<boolean> } } }).readout.app.openUrl('javascript:alert(1)').then(() => 'opened', () => 'refused'));
    expect(refused).toBe('refused');
    expect(suite.app!.openedUrls).toEqual([URL_IN_CODE]);
  });

  it('copies the text first when asked, and shows a code’s binary content as hexadecimal with its size (zh-CN, dark)', async () => {
    const page = await readDropped(await shotWith([{ bcid: 'datamatrix', text: '^000^001^255^254binary', options: { parse: true } }]), { codesClipboard: 'text-first', language: 'zh-CN' });
    expect(suite.app!.clipboard.at(-1)).toBe('Scan to pay');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('code').first().waitFor();
    expect(await page.getByTestId('code-text').textContent()).toMatch(/^[0-9a-f]+$/);
    expect(await page.getByTestId('code').textContent()).toContain('二进制内容');
    expect(await page.getByTestId('code-open').count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'codes-zh-CN-dark.png') });
  });
});

/** PDFs made the way real ones are: an HTML page printed by headless Chromium (a real text layer, embedded fonts). */
import { launchChromium } from './chromium.ts';

/** `pages`: each page's HTML; returned as one PDF, a page each. */
export async function printPdf(pages: string[]): Promise<Buffer> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const body = pages.map((html, i) => `<section style="${i > 0 ? 'page-break-before:always;' : ''}font:16px sans-serif">${html}</section>`).join('');
    await page.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:40px">${body}</body>`);
    return await page.pdf({ format: 'A5' });
  } finally {
    await browser.close();
  }
}

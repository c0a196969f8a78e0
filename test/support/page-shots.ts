/** One browser tab that takes page after page (the UI corpora: small-ui.ts, cjk-ui.ts), closed however it ends. */
import type { Browser, Page } from 'playwright-core';

export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export async function shootEach<P, R>(browser: Browser, viewport: { width: number; height: number }, pages: readonly P[], shoot: (tab: Page, page: P) => Promise<R>): Promise<R[]> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  try {
    const tab = await context.newPage();
    const shots: R[] = [];
    for (const page of pages) shots.push(await shoot(tab, page));
    return shots;
  } finally {
    await context.close();
  }
}

/**
 * The offline engine's bench corpus, made the way real screens look: HTML rendered in headless Chromium (UI text at
 * 11 to 17 px, light and dark, device pixel ratio 1 and 2, Chinese and English, code, tables, a terminal), each
 * screenshot's truth taken from the page's own text (innerText, so line breaks are the page's), plus a 4K frame.
 */
import type { Browser } from 'playwright-core';

export interface Screen {
  name: string;
  png: Buffer;
  truth: string;
  /** Every line of text as the page laid it out: [left, top, right, bottom] in the screenshot's pixels. */
  lines: Array<[number, number, number, number]>;
}

/**
 * The page's own lines of text, in CSS pixels from `origin`'s corner: each word's box (a Range over its characters,
 * so indentation and gaps are left out), words of one element and one row joined. Runs in the page.
 */
function lineBoxes(origin: Element): Array<[number, number, number, number]> {
  const base = origin.getBoundingClientRect();
  const lines = new Map<string, [number, number, number, number]>();
  const walker = document.createTreeWalker(origin, NodeFilter.SHOW_TEXT);
  let elementIndex = 0;
  const indexOf = new Map<Node, number>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement!;
    if (!indexOf.has(parent)) indexOf.set(parent, elementIndex++);
    for (const match of node.textContent!.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      for (const rect of range.getClientRects()) {
        const key = `${indexOf.get(parent)}:${Math.round(rect.top)}`;
        const [l, t, r, b] = lines.get(key) ?? [Infinity, Infinity, -Infinity, -Infinity];
        lines.set(key, [Math.min(l, rect.left - base.left), Math.min(t, rect.top - base.top), Math.max(r, rect.right - base.left), Math.max(b, rect.bottom - base.top)]);
      }
    }
  }
  return [...lines.values()];
}

const PAGES: Array<{ name: string; dark?: boolean; width: number; html: string }> = [
  { name: 'settings-light', width: 760, html: `<h3 style="font:600 15px sans-serif">Sync settings</h3><p style="font:13px sans-serif">Last synced 3 minutes ago</p><p style="font:13px sans-serif">Contact billing@example.org for invoices</p><p style="font:13px sans-serif">Storage used: 4.2 GB of 15 GB</p>` },
  { name: 'chat-dark', dark: true, width: 720, html: `<p style="font:14px sans-serif">Wei Zhang: the build is green again</p><p style="font:14px sans-serif">Anna Smith: great, shipping the release at 5 pm</p><p style="font:14px sans-serif">Wei Zhang: 好的，我来更新文档</p>` },
  { name: 'news-zh', width: 820, html: `<p style="font:16px sans-serif">国家统计局今天发布数据显示，十月份规模以上工业增加值同比增长百分之五点三。</p><p style="font:16px sans-serif">专家表示，消费市场继续恢复，服务业保持较快增长。</p>` },
  { name: 'code-dark', dark: true, width: 720, html: `<pre style="font:13px monospace;margin:0">function total(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\nconst tax = total(cart) * 0.08;</pre>` },
  { name: 'table', width: 700, html: `<table style="font:13px sans-serif;border-collapse:collapse" cellpadding="6"><tr><th>Item</th><th>Qty</th><th>Price</th></tr><tr><td>Paper A4</td><td>12</td><td>¥36.00</td></tr><tr><td>Toner</td><td>2</td><td>¥480.00</td></tr><tr><td>Total</td><td></td><td>¥516.00</td></tr></table>` },
  { name: 'fineprint', width: 760, html: `<p style="font:11px sans-serif">By continuing you agree to the Terms of Service and the Privacy Policy.</p><p style="font:11px sans-serif">Prices include VAT where applicable. Offer ends 30 November 2026.</p>` },
  { name: 'terminal', dark: true, width: 760, html: `<pre style="font:13px monospace;margin:0">$ npm test\n  335 passed, 0 failed\n$ git status\nOn branch main, nothing to commit</pre>` },
  { name: 'mixed', width: 800, html: `<p style="font:15px sans-serif">会议纪要 Meeting notes 2026-11-28</p><p style="font:15px sans-serif">下周一上午十点 review the roadmap with the team</p>` },
  { name: 'low-contrast', width: 720, html: `<p style="font:13px sans-serif;color:#9a9a9a">Last synced 3 minutes ago</p><p style="font:13px sans-serif;color:#9a9a9a">Auto-save is on</p>` },
];

async function render(browser: Browser, page: (typeof PAGES)[number], dpr: 1 | 2): Promise<Screen> {
  const context = await browser.newContext({ viewport: { width: page.width, height: 400 }, deviceScaleFactor: dpr, colorScheme: page.dark ? 'dark' : 'light' });
  const tab = await context.newPage();
  const colors = page.dark ? 'background:#1e1e1e;color:#e6e6e6' : 'background:#ffffff;color:#1d1d1f';
  await tab.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0;${colors}"><div id="shot" style="display:inline-block;padding:14px 18px">${page.html}</div></body>`);
  const shot = tab.locator('#shot');
  const truth = (await shot.evaluate((el) => (el as HTMLElement).innerText)).trim();
  const lines = (await shot.evaluate(lineBoxes)).map((box) => box.map((v) => v * dpr) as [number, number, number, number]);
  const png = await shot.screenshot();
  await context.close();
  return { name: `${page.name}@${dpr}x`, png, truth, lines };
}

/**
 * A 3840 x 2160 desktop: a settings window, a chat and a document, at 2x as a 4K laptop shows them, or at 100% as a
 * 4K monitor does (the same windows at their CSS size, spread over the larger desktop).
 */
async function renderFourK(browser: Browser, dpr: 1 | 2 = 2): Promise<Screen> {
  const context = await browser.newContext({ viewport: { width: 3840 / dpr, height: 2160 / dpr }, deviceScaleFactor: dpr });
  const tab = await context.newPage();
  const spread = 2 / dpr;
  const blocks = PAGES.slice(0, 6).map((p, i) => `<div style="position:absolute;left:${(40 + (i % 3) * 620) * spread}px;top:${(60 + Math.floor(i / 3) * 480) * spread}px;width:560px;padding:16px;${p.dark ? 'background:#1e1e1e;color:#e6e6e6' : 'background:#fff;color:#1d1d1f'}">${p.html}</div>`);
  await tab.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0;background:#d9dde3">${blocks.join('')}</body>`);
  const truth = (await tab.evaluate(() => [...document.body.children].map((el) => (el as HTMLElement).innerText.trim()).join('\n'))).trim();
  const lines = (await tab.evaluate(lineBoxes, await tab.evaluateHandle(() => document.body))).map((box) => box.map((v) => v * dpr) as [number, number, number, number]);
  const png = await tab.screenshot();
  await context.close();
  return { name: `4k-desktop@${dpr}x`, png, truth, lines };
}

export async function renderScreens(browser: Browser): Promise<{ screens: Screen[]; fourK: Screen; fourKAt100: Screen }> {
  const screens: Screen[] = [];
  for (const page of PAGES) for (const dpr of [1, 2] as const) screens.push(await render(browser, page, dpr));
  return { screens, fourK: await renderFourK(browser, 2), fourKAt100: await renderFourK(browser, 1) };
}

/** Levenshtein distance over code points. */
function distance(a: string[], b: string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/** Whitespace as a reader sees it: runs as one space, none between two CJK characters, none at the ends. */
export function normaliseSpaces(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ (?=\S)/g, (space, offset: number, all: string) => (CJK.test(all[offset - 1] ?? '') && CJK.test(all[offset + 1] ?? '') ? '' : space))
    .trim();
}

/** Character error rate, whitespace ignored, and with spaces counted (normalised as above). */
export function characterErrors(truth: string, read: string): { ignored: number; spaced: number } {
  const bare = (s: string) => [...s.replace(/\s+/g, '')];
  const spaced = (s: string) => [...normaliseSpaces(s)];
  const t1 = bare(truth);
  const t2 = spaced(truth);
  return { ignored: distance(t1, bare(read)) / Math.max(1, t1.length), spaced: distance(t2, spaced(read)) / Math.max(1, t2.length) };
}

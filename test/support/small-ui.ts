/**
 * Small UI text, the text people capture most (issue 21): 9 to 13 px, grey on white, light on dark, long single
 * lines, label: value rows with codes, dates, prices and e-mail addresses, mixed Chinese and English. Rendered in
 * headless Chromium at 100% (no device pixel ratio to help), so each image's truth is the page's own text.
 */
import type { Browser } from 'playwright-core';
import { escapeHtml, shootEach } from './page-shots.ts';

export interface SmallUiImage {
  name: string;
  png: Buffer;
  /** The page's text (innerText: its line breaks are the page's). */
  truth: string;
  /** Words that must come back exactly as they are: codes, dates, prices, addresses. */
  verbatim: string[];
}

interface Page {
  name: string;
  width: number;
  /** CSS for the text: size, colour. */
  font: string;
  background: string;
  lines: string[];
  verbatim?: string[];
}

const GREY = 'color:#8a8a8a';
const LIGHT_ON_DARK = 'color:#d0d0d0';
const DARK_BG = '#1e1e1e';

export const SMALL_UI_PAGES: readonly Page[] = [
  {
    name: 'long-line-grey-11',
    width: 900,
    font: `11px sans-serif;${GREY}`,
    background: '#fff',
    lines: ['By continuing you agree that your captures are kept on this computer for 30 days and never uploaded without your consent.'],
  },
  {
    name: 'label-value-12',
    width: 420,
    font: '12px sans-serif;color:#333',
    background: '#fff',
    lines: ['Order: INV-2026-00417', 'Date: 2026-11-04', 'Qty: 12', 'Unit price: $1,249.99', 'Email: billing@example.org', 'Ref: 20261104'],
    verbatim: ['INV-2026-00417', '2026-11-04', 'Qty:', '$1,249.99', 'billing@example.org', '20261104'],
  },
  {
    name: 'label-value-dark-10',
    width: 420,
    font: `10px sans-serif;${LIGHT_ON_DARK}`,
    background: DARK_BG,
    lines: ['Invoice: A7X-0931', 'Due: 30 Nov 2026', 'Qty: 3', 'Total: EUR 86.40', 'Contact: wei.zhang@example.com'],
    verbatim: ['A7X-0931', '2026', 'Qty:', '86.40', 'wei.zhang@example.com'],
  },
  {
    name: 'status-bar-9',
    width: 520,
    font: '9px sans-serif;color:#555',
    background: '#f3f3f3',
    lines: ['Ln 128, Col 42 Spaces: 2 UTF-8 LF TypeScript'],
    verbatim: ['128,', '42', 'UTF-8'],
  },
  {
    name: 'menu-13',
    width: 560,
    font: '13px sans-serif;color:#222',
    background: '#fff',
    lines: ['File Edit Selection View Go Run Terminal Help'],
  },
  {
    name: 'tooltip-dark-11',
    width: 520,
    font: `11px sans-serif;${LIGHT_ON_DARK}`,
    background: '#2b2b2b',
    lines: ['Last synced 3 minutes ago by anna.smith@example.com'],
    verbatim: ['anna.smith@example.com'],
  },
  {
    name: 'version-grey-10',
    width: 560,
    font: '10px sans-serif;color:#666',
    background: '#f3f3f3',
    lines: ['Version 4.12.0 (build 20261104.3)', 'Copyright 2026 Readout contributors'],
    verbatim: ['4.12.0', '20261104.3'],
  },
  {
    name: 'long-line-13',
    width: 1100,
    font: '13px sans-serif;color:#1d1d1f',
    background: '#fff',
    lines: ['Prices include VAT where applicable; the offer ends on 30 November 2026 and cannot be combined with other discounts or vouchers.'],
  },
  {
    name: 'zh-9',
    width: 420,
    font: '9px sans-serif;color:#444',
    background: '#fff',
    lines: ['设置已保存，下次启动时生效。', '共 3 项更改，已同步到云端。'],
  },
  {
    name: 'mixed-price-11',
    width: 520,
    font: '11px sans-serif;color:#333',
    background: '#fff',
    lines: ['价格 Price: ¥1,280.00 含税 incl. VAT 13%', '订单号 Order No. SO-88410 已发货'],
    verbatim: ['¥1,280.00', '13%', 'SO-88410'],
  },
  {
    name: 'terminal-dark-12',
    width: 760,
    font: `12px monospace;${LIGHT_ON_DARK}`,
    background: '#111',
    lines: ['npm warn deprecated inflight@1.0.6: This module is not supported', 'added 412 packages in 9s'],
    verbatim: ['inflight@1.0.6:', '412'],
  },
  {
    name: 'codes-10',
    width: 520,
    font: '10px sans-serif;color:#333',
    background: '#fff',
    lines: ['SKU 88-4410-B', 'IBAN DE89 3704 0044 0532 0130 00', 'Tracking 1Z999AA10123456784'],
    verbatim: ['88-4410-B', 'DE89', '1Z999AA10123456784'],
  },
  {
    name: 'meeting-mixed-13',
    width: 520,
    font: '13px sans-serif;color:#777',
    background: '#fff',
    lines: ['会议时间 Meeting at 10:30 AM, Room 4B', '参会人员 Wei, Anna and Tom'],
    verbatim: ['10:30'],
  },
  {
    name: 'file-info-9',
    width: 420,
    font: '9px sans-serif;color:#777',
    background: '#fff',
    lines: ['Updated 04/11/2026 09:41', 'Size 1.2 MB, PNG image'],
    verbatim: ['04/11/2026', '09:41', '1.2'],
  },
  {
    name: 'table-11',
    width: 420,
    font: '11px sans-serif;color:#333',
    background: '#fff',
    lines: ['Item Qty Price', 'Paper A4 12 36.00', 'Toner 2 480.00'],
    verbatim: ['Qty', '36.00', '480.00'],
  },
  {
    name: 'long-line-dark-12',
    width: 1000,
    font: `12px sans-serif;${LIGHT_ON_DARK}`,
    background: DARK_BG,
    lines: ['Your subscription renews on 2026-12-01 at $9.99 per month; cancel any time from the account page at example.org/account.'],
    verbatim: ['2026-12-01', '$9.99', 'example.org/account.'],
  },
];

/** Each page as a screenshot at 100%, its padding that of a real window's. */
export function renderSmallUi(browser: Browser, pages: readonly Page[] = SMALL_UI_PAGES): Promise<SmallUiImage[]> {
  return shootEach(browser, { width: 1200, height: 400 }, pages, async (tab, page) => {
    const body = page.lines.map((line) => `<div style="white-space:nowrap;margin:3px 0">${escapeHtml(line)}</div>`).join('');
    await tab.setContent(
      `<!doctype html><meta charset="utf-8"><body style="margin:0;background:${page.background}"><div id="shot" style="width:${page.width}px;padding:10px 14px;box-sizing:border-box;font:${page.font}">${body}</div></body>`,
    );
    const shot = tab.locator('#shot');
    const truth = (await shot.evaluate((el) => (el as HTMLElement).innerText)).trim();
    return { name: page.name, png: await shot.screenshot(), truth, verbatim: page.verbatim ?? [] };
  });
}

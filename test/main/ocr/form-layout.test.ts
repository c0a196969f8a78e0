/**
 * The offline layout on UI screens (review M12), rendered in headless Chromium and read by the real offline engine:
 * a vertical menu stays one item a line, and values set flush right stay beside their labels.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oursReader, type Reader } from '../../../bench/offline-read.ts';
import { linesToText } from '../../../main/ocr/local.ts';
import { shapeText } from '../../../main/text/line-modes.ts';
import { launchChromium } from '../../support/chromium.ts';
import { escapeHtml } from '../../support/page-shots.ts';

let browser: Browser;
let read: Reader;
beforeAll(async () => {
  [browser, read] = await Promise.all([launchChromium(), oursReader()]);
}, 120_000);
afterAll(() => browser?.close());

/** A settings page: a menu down the left, and rows of a label with its value flush right. */
async function settingsPage(font: string, menu: string[], rows: Array<[string, string]>): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: 800, height: 320 }, deviceScaleFactor: 1 });
  try {
    const tab = await context.newPage();
    const items = menu.map((item) => `<div style="padding:10px 12px">${escapeHtml(item)}</div>`).join('');
    const pairs = rows.map(([label, value]) => `<div style="display:flex;justify-content:space-between;padding:10px 0;border-bottom:1px solid #eee"><span>${escapeHtml(label)}</span><span style="color:#555">${escapeHtml(value)}</span></div>`).join('');
    await tab.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0;background:#fff;font:14px ${font};color:#222"><div id="shot" style="display:flex;width:720px;padding:16px"><div style="width:150px;border-right:1px solid #ddd">${items}</div><div style="flex:1;padding:0 20px">${pairs}</div></div></body>`);
    return await tab.locator('#shot').screenshot();
  } finally {
    await context.close();
  }
}

describe('the offline layout on a settings screen (M12)', () => {
  it('keeps a Chinese menu one item a line and pairs each label with its value', { timeout: 120_000 }, async () => {
    const png = await settingsPage("'WenQuanYi Micro Hei'", ['通用设置', '账号与安全', '消息通知', '隐私'], [['语言', '简体中文'], ['自动更新', '已开启'], ['下载位置', '更改'], ['启动时打开', '已关闭']]);
    const lines = await read(png);
    const text = linesToText(lines);
    expect(text).toBe('通用设置\n账号与安全\n消息通知\n隐私\n语言\t简体中文\n自动更新\t已开启\n下载位置\t更改\n启动时打开\t已关闭');
    // Paragraphs joins none of it either: a menu is not prose.
    expect(shapeText({ text, editedText: null, words: lines }, 'paragraphs')).toBe(text);
  });

  it('pairs English labels with their values the same way', { timeout: 120_000 }, async () => {
    const png = await settingsPage('sans-serif', ['General', 'Privacy', 'Notifications'], [['Language', 'English'], ['Automatic updates', 'On'], ['Download folder', 'Change'], ['Open at login', 'Off']]);
    const text = linesToText(await read(png));
    expect(text).toBe('General\nPrivacy\nNotifications\nLanguage\tEnglish\nAutomatic updates\tOn\nDownload folder\tChange\nOpen at login\tOff');
  });
});

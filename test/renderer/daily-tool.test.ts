/**
 * The window as a daily tool (../shared/reviews/ux-walkthrough.md): each behaviour against the real services, in
 * headless Chromium, as the walk found it and as it must be now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { jobsDone, jobsOf, whenEvents } from '../support/app-events.ts';
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { dropFiles } from '../support/app-page.ts';
import { fixture } from '../support/paths.ts';
import { seed } from '../support/seed.ts';
import { useWindowSuite } from '../support/window-suite.ts';
import { seriousFindings } from '../support/axe.ts';

const KEY = 'sk-test-valid-key-0001';
// Reading is waited for by the services' own events (app-events.ts), never by a deadline. What stays polled is the
// page catching up with events already sent, or answering a click: milliseconds, but seconds on a loaded machine, so a
// poll here gives up after 15 s (vitest's default is 1 s), inside a test's own limit.
vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { server, tempDir, screenshots } = suite;

async function qwenApp(): Promise<TestApp> {
  suite.app = createTestApp(tempDir());
  suite.app.settings.update({ baseUrl: server.baseURL });
  await suite.app.settings.setApiKey(KEY);
  return suite.app;
}

const png = () => readFileSync(fixture('text/en-zh.png'));
const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}.png`) });
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

describe('capture first', () => {
  it('offers Capture with its hotkey in the toolbar, the empty state and the first-run card, and starts the capture', async () => {
    suite.app = createTestApp(tempDir());
    suite.app.frames = [];
    const page = await suite.open();
    expect(await page.getByTestId('capture').textContent()).toBe(`${en.toolbar.capture} Alt+Shift+O`);
    // The empty window says how to begin once, in the result's place (review L6); the list only that it is empty.
    expect(await page.getByTestId('empty').textContent()).toBe(en.layout.listEmpty);
    expect(await page.getByTestId('first-run').locator('h2').textContent()).toBe(fill(en.firstRun.title, { hotkey: 'Alt+Shift+O' }));
    await shot(page, 'capture-first-en-light');
    await page.getByTestId('capture').click();
    await expect.poll(() => suite.app!.captureStarts).toBe(1);
    // Dismissed once, dismissed for good.
    await page.getByTestId('first-run').getByRole('button', { name: en.firstRun.dismiss }).click();
    await page.reload();
    await page.getByTestId('history-list').waitFor();
    await page.getByTestId('first-run').waitFor();
    expect(await page.getByTestId('first-run-note').count()).toBe(0);
  });
});

describe('the user’s place', () => {
  it('a batch never moves the selection or loses an open edit; new rows are marked and counted in the title', { timeout: 120_000 }, async () => {
    await qwenApp();
    const [id] = await seed(suite.app!, ['teh text I am fixing']);
    const page = await suite.open();
    await page.getByTestId('history-row').first().click();
    await page.getByRole('button', { name: en.result.edit }).click();
    const editor = page.getByTestId('editor');
    // The caret starts at the end: typing appends.
    await page.keyboard.type(', fixed');
    expect(await editor.inputValue()).toBe('teh text I am fixing, fixed');
    server.script({ kind: 'ok', text: 'one', chunkDelayMs: 60 }, { kind: 'ok', text: 'two', chunkDelayMs: 60 });
    await dropFiles(page, [{ name: 'a.png', type: 'image/png', bytes: png() }, { name: 'b.png', type: 'image/png', bytes: png() }]);
    await jobsDone(suite.app!, 2);
    expect(suite.app!.history.list().items.filter((e) => e.status === 'done').length).toBe(3);
    await expect.poll(() => page.getByTestId('new-marker').count()).toBe(2);
    expect(await page.getByTestId('result-title').textContent()).toBe('shot-0.png');
    expect(await editor.inputValue()).toBe('teh text I am fixing, fixed');
    await expect.poll(() => page.title()).toBe('Readout (2 new)');
    await shot(page, 'batch-keeps-place-en-light');
    // The draft survives a reload.
    await page.reload();
    await page.getByTestId('history-list').waitFor();
    await page.getByTestId('history-row').filter({ hasText: 'shot-0.png' }).click();
    await expect.poll(() => page.getByTestId('editor').inputValue()).toBe('teh text I am fixing, fixed');
    await page.getByTestId('editor').focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => suite.app!.history.get(id!)?.editedText).toBe('teh text I am fixing, fixed');
    // Seeing a new row clears its mark.
    await page.getByTestId('history-row').filter({ hasText: 'a.png' }).click();
    await expect.poll(() => page.getByTestId('new-marker').count()).toBe(1);
  });

  it('a capture opens its own result', async () => {
    await qwenApp();
    await seed(suite.app!, ['older']);
    const bitmap = { data: new Uint8Array(200 * 100 * 4).fill(200), width: 200, height: 100, order: 'bgra' as const };
    suite.app!.frames = [{ display: { id: 'd', bounds: { x: 0, y: 0, width: 200, height: 100 }, scaleFactor: 1 }, bitmap, preview: { mime: 'image/jpeg', data: new Uint8Array([1]) } }];
    const page = await suite.open();
    const started = suite.app!.capture.start();
    while (!suite.app!.capture.active) await new Promise((resolve) => setTimeout(resolve, 5));
    suite.app!.capture.finish('d', { x: 10, y: 10, width: 80, height: 40 });
    await started;
    // Seconds on a loaded machine: the first scan for codes loads the reader beside the reading.
    await jobsDone(suite.app!, 1);
    await expect.poll(() => page.getByTestId('result-title').textContent()).toBe(en.source.region);
  });
});

describe('failures stay visible', () => {
  it('three bad files in one drop: three failed entries with names and reasons, a summary until dismissed, found by Failed', async () => {
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ engine: 'local' });
    const page = await suite.open();
    await dropFiles(page, [
      { name: 'truncated.png', type: 'image/png', bytes: png().subarray(0, 200) },
      { name: 'not-an-image.png', type: 'image/png', bytes: Buffer.from('just some text') },
      { name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('hello') },
    ]);
    await jobsDone(suite.app, 3);
    await expect.poll(() => page.getByTestId('queue').textContent()).toContain(fill(en.queue.failedSummary, { failed: 3, total: 3 }));
    await page.getByTestId('queue').getByRole('button', { name: en.queue.showFiles }).click();
    const files = await page.getByTestId('queue-files').textContent();
    for (const name of ['truncated.png', 'not-an-image.png', 'notes.txt']) expect(files).toContain(name);
    await shot(page, 'failed-drop-en-light');
    await page.getByTestId('filter-status').selectOption('failed');
    await expect.poll(async () => (await page.locator('.row-name').allTextContents()).sort()).toEqual(['not-an-image.png', 'notes.txt', 'truncated.png']);
    await page.getByTestId('history-row').filter({ hasText: 'not-an-image.png' }).click();
    await expect.poll(() => page.getByTestId('error-box').textContent()).toContain(en.errorCode['image-not-an-image']);
    // A dropped file has no copy on disk to read again: no Retry that cannot work.
    expect(await page.getByTestId('error-box').getByRole('button', { name: en.error.retry }).count()).toBe(0);
    await page.getByTestId('queue').getByRole('button', { name: en.queue.dismiss }).click();
    await expect.poll(() => page.getByTestId('queue').count()).toBe(0);
  });

  it('a rejected key: one sentence, details folded, and Open Settings or Read it offline instead of Retry', async () => {
    suite.app = createTestApp(tempDir());
    const [id] = await seed(suite.app, ['x']);
    suite.app.history.fail(id!, { code: 'auth', message: 'The API key was rejected: check it in Settings (request id abc-123)', retryable: false });
    const page = await suite.open({ locale: 'zh-CN', colorScheme: 'dark' });
    await page.getByTestId('history-row').first().click();
    const box = page.getByTestId('error-box');
    await expect.poll(() => box.locator('> p').textContent()).toBe(zhCN.errorCode.auth);
    expect(await box.locator('details').getAttribute('open')).toBeNull();
    expect(await box.getByRole('button').allTextContents()).toEqual([zhCN.error.openSettings, zhCN.error.useOffline]);
    await shot(page, 'error-auth-zh-CN-dark');
    await box.getByRole('button', { name: zhCN.error.openSettings }).click();
    await page.getByTestId('settings').waitFor();
  });
});

describe('batches behave like one action', () => {
  it('a thirteen-file drop: one progress line with Cancel all, the files on demand, one clipboard write, one notification', { timeout: 120_000 }, async () => {
    await qwenApp();
    suite.app!.settings.update({ copyToClipboard: true, showNotification: true });
    // The progress line lives only while the batch does: the answers wait until the test has looked at it, so none
    // ends the batch early on a fast machine, and a slow one only takes longer.
    const answers = Promise.withResolvers<void>();
    server.script(...Array.from({ length: 13 }, (_, i) => ({ kind: 'ok' as const, text: `text ${i}`, after: answers.promise })));
    const page = await suite.open();
    try {
      await dropFiles(page, Array.from({ length: 13 }, (_, i) => ({ name: `shot-${String(i).padStart(2, '0')}.png`, type: 'image/png', bytes: png() })));
      // All thirteen with the services (a drop arrives file by file), none of them done.
      await whenEvents(suite.app!, () => jobsOf(suite.app!).size === 13);
      await expect.poll(() => page.getByTestId('queue').textContent()).toMatch(/^Reading \d+ of 13 · 0 done · 0 failed/);
      expect(await page.getByTestId('queue').getByRole('button', { name: en.queue.cancelAll }).count()).toBe(1);
      expect(await page.locator('.queue .chip').count()).toBe(0);
      await page.getByTestId('queue').getByRole('button', { name: en.queue.showFiles }).click();
      await expect.poll(() => page.getByTestId('queue-files').locator('li').count()).toBe(13);
      await shot(page, 'batch-progress-en-light');
    } finally {
      answers.resolve();
    }
    await jobsDone(suite.app!, 13);
    await expect.poll(() => suite.app!.notifications).toEqual(['13 read, 0 failed']);
    expect(suite.app!.clipboard).toHaveLength(1);
    expect(suite.app!.clipboard[0]!.split('\n\n')).toHaveLength(13);
    // The line goes with the batch.
    await expect.poll(() => page.getByTestId('queue').count()).toBe(0);
  });

  it('Cancel all stops the whole batch', async () => {
    await qwenApp();
    // Answers held until the test ends: none can finish before Cancel all, however fast or loaded the machine.
    const answers = Promise.withResolvers<void>();
    server.script(...Array.from({ length: 5 }, () => ({ kind: 'ok' as const, text: 'a long slow answer', after: answers.promise })));
    const page = await suite.open();
    try {
      await dropFiles(page, Array.from({ length: 5 }, (_, i) => ({ name: `s${i}.png`, type: 'image/png', bytes: png() })));
      // All five in the queue first: a drop reaches the services file by file.
      await whenEvents(suite.app!, () => jobsOf(suite.app!).size === 5);
      await expect.poll(() => page.getByTestId('queue').textContent()).toMatch(/of 5/);
      await page.getByTestId('queue').getByRole('button', { name: en.queue.cancelAll }).click();
      await jobsDone(suite.app!, 5);
    } finally {
      answers.resolve();
    }
    expect(suite.app!.history.list().items.every((e) => e.status === 'cancelled')).toBe(true);
    expect([...jobsOf(suite.app!).values()].map((job) => job.state)).toEqual(Array(5).fill('cancelled'));
  });
});

describe('rows say what they are', () => {
  it('name or source, size and time on each row and in the result header', async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, ['from a file']);
    const page = await suite.open();
    const row = page.getByTestId('history-row').first();
    // The name on a line of its own; where it came from, when, its size and engine on the meta line (review M16).
    await expect.poll(() => row.locator('.row-title').textContent()).toBe('shot-0.png');
    expect(await row.locator('.row-meta').textContent()).toMatch(/^File\d{1,2}:\d{2}( [AP]M)?\d+×\d+Qwen$/);
    await row.click();
    expect(await page.getByTestId('result-title').textContent()).toBe('shot-0.png');
  });
});

describe('settings that guide', () => {
  it('says a bad value under its field, in red and plain words, and keeps the field as it was saved', async () => {
    suite.app = createTestApp(tempDir());
    const page = await suite.open();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('advanced').locator('summary').click();
    const field = page.getByTestId('field-minPixels');
    await field.fill('10');
    await field.blur();
    const error = page.getByTestId('minPixels-error');
    await expect.poll(() => error.textContent()).toBe(fill(en.settings.invalid.min, { min: 784 }));
    expect(await error.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(185, 28, 28)');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(suite.app.settings.get().minPixels).toBe(3136);
    await shot(page, 'settings-invalid-en-light');
    await field.fill('4000');
    await field.blur();
    await expect.poll(() => suite.app!.settings.get().minPixels).toBe(4000);
    // The page hears of the save a moment after the main process has made it.
    await expect.poll(() => page.getByTestId('minPixels-error').count()).toBe(0);
  });

  it('records a hotkey from the keys pressed, refuses AltGr and one another app holds, on the spot', async () => {
    suite.app = createTestApp(tempDir());
    suite.app.takenHotkeys = ['Alt+Shift+T'];
    const page = await suite.open();
    await page.getByTestId('open-settings').click();
    const recorder = page.getByTestId('hotkey-hotkey');
    await recorder.click();
    expect(await recorder.textContent()).toBe(en.settings.hotkeyRecording);
    await page.keyboard.press('Control+Alt+X');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe(en.settings.hotkeyProblem.altgr);
    await page.keyboard.press('Alt+Shift+T');
    await expect.poll(() => page.getByTestId('hotkey-error').textContent()).toBe(en.errorCode['hotkey-taken']);
    expect(suite.app.settings.get().hotkey).toBe('Alt+Shift+O');
    await recorder.click();
    await page.keyboard.press('Alt+Shift+K');
    await expect.poll(() => suite.app!.settings.get().hotkey).toBe('Alt+Shift+K');
    await expect.poll(() => recorder.textContent()).toBe('Alt+Shift+K');
    await shot(page, 'settings-hotkey-en-light');
  });

  it('folds the advanced options, marks the Qwen-only modes, and shows a key test in colour (tested on save)', async () => {
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ baseUrl: server.baseURL });
    const page = await suite.open({ colorScheme: 'dark' });
    await page.getByTestId('open-settings').click();
    expect(await page.getByTestId('advanced').getAttribute('open')).toBeNull();
    expect(await page.getByRole('option', { name: fill(en.task.qwenOnly, { task: en.task.table }) }).count()).toBe(1);
    await page.locator('#api-key').fill('sk-wrong-key-000000');
    await page.getByRole('button', { name: en.settings.engine.saveKey }).click();
    await expect.poll(() => page.getByTestId('key-test').getAttribute('class')).toBe('key-test failed');
    await page.locator('#api-key').fill(KEY);
    await page.getByRole('button', { name: en.settings.engine.saveKey }).click();
    await expect.poll(() => page.getByTestId('key-test').getAttribute('class')).toBe('key-test ok');
    await shot(page, 'settings-key-ok-en-dark');
  });
});

describe('managing the history from the window', () => {
  it('Shift+click and Shift+arrows choose several; bulk delete undoes with Ctrl+Z; bulk export writes them all', async () => {
    suite.app = createTestApp(tempDir());
    const ids = await seed(suite.app, ['one', 'two', 'three', 'four']);
    suite.app.savePath = join(tempDir(), 'chosen.md');
    const page = await suite.open();
    const rows = page.getByTestId('history-row');
    await rows.nth(0).click();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-bar').textContent()).toContain(fill(en.selection.count, { count: 3 }));
    await page.getByTestId('history-list').focus();
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.getByTestId('selection-bar').textContent()).toContain(fill(en.selection.count, { count: 4 }));
    await page.getByTestId('selection-bar').getByRole('button', { name: en.selection.export }).click();
    await page.getByTestId('export-chosen-md').click();
    await expect.poll(() => (readFileSync(suite.app!.savePath!, { encoding: 'utf8', flag: 'a+' }).match(/^## /gm) ?? []).length).toBe(4);
    await shot(page, 'multi-select-en-light');
    await page.getByTestId('selection-bar').getByRole('button', { name: en.selection.delete }).click();
    await expect.poll(() => rows.count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => rows.count()).toBe(4);
    expect(ids.every((id) => suite.app!.history.get(id) !== null)).toBe(true);
  });

  it('Clear history asks first and keeps pinned entries unless asked; Open data folder asks the main process', async () => {
    suite.app = createTestApp(tempDir());
    const [pinned] = await seed(suite.app, ['keep me', 'drop me', 'drop me too']);
    suite.app.history.setPinned(pinned!, true);
    const page = await suite.open();
    await page.getByTestId('open-settings').click();
    await page.getByRole('button', { name: en.settings.history.openFolder }).click();
    await expect.poll(() => suite.app!.dataFolderOpened).toBe(1);
    await page.getByTestId('clear-history').click();
    await expect.poll(() => page.getByTestId('clear-confirm').textContent()).toContain(fill(en.settings.history.clearConfirm, { count: 3 }));
    await page.getByTestId('clear-confirm').getByRole('button', { name: en.settings.history.clearNow }).click();
    await expect.poll(() => suite.app!.history.list().items.map((e) => e.id)).toEqual([pinned]);
  });
});

describe('keyboard complete', () => {
  it('Ctrl+, opens Settings and Esc leaves it with focus back; Enter after arrows reaches the result; Esc returns to the list; Esc cancels an edit', async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, ['first', 'second', 'third']);
    const page = await suite.open();
    await page.getByTestId('search').focus();
    await page.keyboard.press('Control+,');
    await page.getByTestId('settings').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('history-list').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    // The first ↓ from search selects the first row.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('result-title').textContent()).toBe('shot-2.png');
    // Enter straight after a move is never swallowed, however long the entry takes to load.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(en.result.copy);
    expect(await page.getByTestId('result-title').textContent()).toBe('shot-1.png');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('history-list');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: en.result.edit }).click();
    await page.keyboard.type(' typed');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('editor').count()).toBe(0);
    expect(await page.getByTestId('result-text').textContent()).toBe('second');
  });
});

describe('accessible', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`history, result and settings pass axe-core with no serious or critical finding (${scheme})`, async () => {
      suite.app = createTestApp(tempDir());
      const [, , id] = await seed(suite.app, ['Quarterly report', '会议记录', 'Invoice 2026-0042']);
      suite.app.history.fail(id!, { code: 'auth', message: 'The API key was rejected (request id r1)', retryable: false });
      const page = await suite.open({ colorScheme: scheme });
      await page.getByTestId('search').fill('report');
      await expect.poll(() => page.locator('.row mark').count()).toBe(1);
      expect(await seriousFindings(page), 'history').toEqual([]);
      await page.getByTestId('search').fill('');
      await page.getByTestId('history-row').filter({ hasText: 'shot-2.png' }).click();
      await page.getByTestId('error-box').waitFor();
      expect(await seriousFindings(page), 'result').toEqual([]);
      await page.getByTestId('open-settings').click();
      await page.getByTestId('advanced').locator('summary').click();
      expect(await seriousFindings(page), 'settings').toEqual([]);
      expect(await page.locator('h1').count()).toBe(1);
    });
  }

  it('every row reads as name and status, then its text, then source, time, size and engine', async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, ['text']);
    const page = await suite.open();
    const row = page.getByTestId('history-row').first();
    expect(await row.textContent()).toMatch(/^shot-0\.pngtextFile\d{1,2}:\d{2}( [AP]M)?\d+×\d+Qwen$/);
  });
});

describe('the window fits its size', () => {
  it('stacks the image above the text below 900 px, and gives the image the room on wide windows', async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, ['a result']);
    const page = await suite.open();
    await page.getByTestId('history-row').first().click();
    await page.locator('.result-image img').waitFor();
    const columns = () => page.getByTestId('result').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
    await page.setViewportSize({ width: 820, height: 640 });
    await expect.poll(columns).toBe(1);
    await shot(page, 'narrow-820-en-light');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await expect.poll(columns).toBe(2);
    const [image, text] = await page.getByTestId('result').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').map((v) => parseFloat(v)));
    expect(image!).toBeGreaterThan(text!);
    await shot(page, 'wide-1600-en-light');
  });
});

describe('the small things', () => {
  it('no cost for a custom endpoint; the model is filled in when re-running with Qwen', async () => {
    suite.app = createTestApp(tempDir());
    await seed(suite.app, ['priced']);
    suite.app.settings.update({ baseUrl: 'http://127.0.0.1:9/v1' });
    const page = await suite.open();
    await page.getByTestId('history-row').first().click();
    expect(await page.locator('.meta').textContent()).not.toMatch(/¥|CN¥|cost/);
    await page.getByTestId('rerun-open').click();
    await page.getByTestId('rerun-engine').selectOption('local');
    expect(await page.getByTestId('rerun-mode').isDisabled()).toBe(true);
    await page.getByTestId('rerun-engine').selectOption('qwen');
    expect(await page.getByTestId('rerun-model').inputValue()).toBe('qwen-vl-ocr');
  });

  it('the settings status is never left in the language it was written in', async () => {
    suite.app = createTestApp(tempDir());
    const page = await suite.open();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('theme').selectOption('dark');
    await expect.poll(() => page.locator('.settings-status').textContent()).toBe(en.settings.saved);
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.locator('.settings-status').textContent()).toBe(zhCN.settings.saved);
  });
});

describe('the offline engine keeps the layout it reads (review M4)', () => {
  // A table, drawn with its cells at column positions and one left empty, as a spreadsheet or an invoice shows it.
  const table = () => {
    const rows = [['Item', 'Qty', 'Price'], ['Paper A4', '12', '$36.00'], ['Toner', '2', '$480.00'], ['Total', '', '$516.00']];
    const cells = rows.flatMap((row, r) => row.map((text, c) => `<text x="${[24, 220, 340][c]}" y="${44 + r * 34}" font-size="18" font-family="sans-serif">${text}</text>`));
    return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="520" height="180"><rect width="100%" height="100%" fill="#fff"/>${cells.join('')}</svg>`)).png().toBuffer();
  };

  for (const [locale, scheme, words] of [['en-US', 'light', en], ['zh-CN', 'dark', zhCN]] as const) {
    // The offline engine's first read loads its models: seconds, many on a loaded machine.
    it(`sets a table's cells in a grid, an empty cell kept, its text tab-separated; copies it as one line too (${locale}, ${scheme})`, { timeout: 120_000 }, async () => {
      suite.app = createTestApp(tempDir());
      const page = await suite.open({ locale, colorScheme: scheme });
      await dropFiles(page, [{ name: 'invoice.png', type: 'image/png', bytes: await table() }]);
      await jobsDone(suite.app, 1);
      await page.getByTestId('history-row').filter({ hasText: 'invoice.png' }).click();
      // Shown as a grid (issue 22, H5), the empty cell kept; the tab-separated text one click away.
      const cells = () => page.locator('[data-testid="table-grid"] tr').evaluateAll((rows) => rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent)));
      await expect.poll(cells).toEqual([['Item', 'Qty', 'Price'], ['Paper A4', '12', '$36.00'], ['Toner', '2', '$480.00'], ['Total', '', '$516.00']]);
      await shot(page, `offline-table-${locale}-${scheme}`);
      await page.getByTestId('show-raw').click();
      await expect.poll(() => page.getByTestId('result-text').textContent()).toBe('Item\tQty\tPrice\nPaper A4\t12\t$36.00\nToner\t2\t$480.00\nTotal\t\t$516.00');
      // And as one line, for a search box or a chat: cells and rows run on with spaces.
      await page.getByTestId('copy-more').click();
      await page.getByTestId('copy-one-line').click();
      await expect.poll(() => suite.app!.clipboard.at(-1)).toBe('Item Qty Price Paper A4 12 $36.00 Toner 2 $480.00 Total $516.00');
      await page.getByText(words.result.copiedOneLine).waitFor();
    });
  }
});

describe('the offline engine unsure of what it read', () => {
  const japanese = () =>
    sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="900" height="80"><rect width="100%" height="100%" fill="#fff"/><text x="20" y="50" font-size="28" font-family="sans-serif">これはテストです。ひらがなとカタカナを読みます。</text></svg>`)).png().toBuffer();

  for (const [locale, scheme, words] of [['en-US', 'light', en], ['zh-CN', 'dark', zhCN]] as const) {
    it(`says so, names the built-in languages and the way to Qwen-VL-OCR, for a Japanese screenshot read offline (${locale}, ${scheme})`, { timeout: 120_000 }, async () => {
      suite.app = createTestApp(tempDir());
      const page = await suite.open({ locale, colorScheme: scheme });
      await dropFiles(page, [{ name: 'japanese.png', type: 'image/png', bytes: await japanese() }]);
      await jobsDone(suite.app, 1);
      await page.getByTestId('history-row').filter({ hasText: 'japanese.png' }).click();
      const notice = page.getByTestId('low-confidence');
      await notice.waitFor();
      // One notice (doubtful lines and the whole reading alike): the built-in languages named, and with no key, the way to one.
      const said = (await notice.locator('span').textContent())!;
      expect(said).toContain(words.result.doubt.languages);
      expect(said).toContain(words.result.doubt.addKey);
      await shot(page, `low-confidence-${locale}-${scheme}`);
      await notice.getByRole('button', { name: words.result.doubt.openSettings }).click();
      await page.getByTestId('settings').waitFor();
    });
  }

  it('stays quiet for English and Chinese it read well', { timeout: 120_000 }, async () => {
    suite.app = createTestApp(tempDir());
    const page = await suite.open();
    await dropFiles(page, [{ name: 'en-zh.png', type: 'image/png', bytes: png() }]);
    // The offline engine's first read loads its models: seconds, many on a loaded machine.
    await jobsDone(suite.app, 1);
    await page.getByTestId('history-row').filter({ hasText: 'en-zh.png' }).click();
    await expect.poll(() => page.getByTestId('result-text').textContent()).toBe('Readout reads text 2026\n离线识别中文和英文');
    expect(await page.getByTestId('low-confidence').count()).toBe(0);
  });
});

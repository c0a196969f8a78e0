/**
 * Batch jobs in the window (issue 26) on the real services and the DashScope stand-in's Files and Batches endpoints,
 * over a socket: a drop of several files is one question and one answer ("Send as a batch" -> main's confirm with
 * the estimate -> the job listed, its entries waiting); the job ends on the stand-in's clock, and a Refresh fills the
 * entries as 'batch:changed' arrives; an entry opens in the result pane; Cancel is asked first; "Read now" reads
 * the drop as before. The page's counts, progress and cost are checked against views pushed as main pushes them.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import type { BatchJobView } from '../../preload/api.ts';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zh from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { jobsDone } from '../support/app-events.ts';
import { dropFiles } from '../support/app-page.ts';
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { DEFAULT_TEXT } from '../support/dashscope-server.ts';
import { fixture } from '../support/paths.ts';
import { seed, storedImage } from '../support/seed.ts';
import { prepareImage } from '../../main/image/prepare.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const KEY = 'sk-test-valid-key-0001';
vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const { server, tempDir } = suite;
const SHOTS = process.env.READOUT_SHOTS ?? '/tmp/shots/app-window';
mkdirSync(SHOTS, { recursive: true });
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
const png = () => readFileSync(fixture('text/en-zh.png'));

async function qwenApp(): Promise<TestApp> {
  suite.app = createTestApp(tempDir());
  suite.app.settings.update({ baseUrl: server.baseURL });
  await suite.app.settings.setApiKey(KEY);
  return suite.app;
}

/** Three real files on disk, dropped by name: the harness finds each one's path as Electron's preload would. */
async function dropThree(page: Page, dir: string): Promise<string[]> {
  const names = ['receipt-1.png', 'receipt-2.png', 'receipt-3.png'];
  for (const name of names) copyFileSync(fixture('text/en-zh.png'), join(dir, name));
  await page.evaluate((folder) => {
    (window as unknown as { __readoutPathForFile: (file: File) => string }).__readoutPathForFile = (file) => `${folder}/${file.name}`;
  }, dir);
  await dropFiles(page, names.map((name) => ({ name, type: 'image/png', bytes: png() })), { choose: 'ask' });
  return names;
}

/** Pushes jobs as main's AppBatchJobs pushes them ('batch:changed', the whole list). */
const push = (app: TestApp, jobs: BatchJobView[]): void => app.onEmit?.('batch:changed', { jobs });

function view(patch: Partial<BatchJobView>): BatchJobView {
  return {
    id: 'batch_2f4c1e0a', state: 'in_progress', createdAt: Date.now() - 3_600_000, finishedAt: null, total: 40, done: 12, failed: 1,
    cost: null, estimatedCost: 0.0123, model: 'qwen-vl-ocr', region: 'cn', error: null, errorCode: null, unread: null, entryIds: [], ...patch,
  };
}

describe('batch jobs', () => {
  it('sends a drop of several files as one batch, lists it, and fills its entries when the job ends', async () => {
    const app = await qwenApp();
    const dir = tempDir();
    const page = await suite.open();
    const before = server.batches.jobs.size;
    await dropThree(page, dir);

    // One question, two answers, keyboard first.
    const choice = page.getByTestId('drop-choice');
    await choice.waitFor();
    expect(await choice.getByRole('heading').textContent()).toBe(fill(en.batchJobs.drop.titleFiles, { count: 3 }));
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('drop-read-now');
    expect(await seriousFindings(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'drop-choice-en-light-1100x720.png') });
    await page.getByTestId('drop-batch').click();

    // Main asked with the estimate, then sent: the job is listed with its three entries waiting.
    await page.getByTestId('batch-jobs').waitFor();
    expect(app.confirmations.map((c) => c.kind)).toEqual(['batch-submit']);
    const job = page.getByTestId('batch-job');
    await expect.poll(() => job.count()).toBe(1);
    expect(await job.getByTestId('batch-counts').textContent()).toBe(fill(en.batchJobs.progress, { done: 0, total: 3, failed: 0 }));
    await expect.poll(() => job.getByTestId('batch-entry').allTextContents()).toEqual([
      `receipt-1.png${en.batchJobs.waiting}`, `receipt-2.png${en.batchJobs.waiting}`, `receipt-3.png${en.batchJobs.waiting}`,
    ]);
    expect(server.batches.jobs.size).toBe(before + 1);
    // Back in the history, the toolbar's way to the jobs says one is running.
    await page.getByTestId('back').click();
    expect(await page.getByTestId('batch-badge').textContent()).toBe('1');
    // Its name starts with what it shows (axe label-content-name-mismatch), the count said in words after.
    expect(await page.getByTestId('open-batch').textContent()).toBe(`${en.batchJobs.open}1${fill(en.batchJobs.runningSuffix, { count: 1 })}`);
    for (const [width, height] of [[640, 480], [1100, 720]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(SHOTS, `toolbar-badge-en-light-${width}x${height}.png`) });
    }
    await page.getByTestId('open-batch').click();

    // The service finishes the job; a Refresh fetches it and the entries fill as batch:changed arrives.
    await server.batches.finishAll();
    await job.getByTestId('batch-refresh').click();
    await expect.poll(() => job.getByTestId('batch-state').textContent()).toBe(en.batchJobs.state.fetched);
    expect(await job.getByTestId('batch-counts').textContent()).toBe(fill(en.batchJobs.progress, { done: 3, total: 3, failed: 0 }));
    const line = DEFAULT_TEXT.split('\n')[0];
    await expect.poll(() => job.getByTestId('batch-entry').allTextContents()).toEqual(['receipt-1.png', 'receipt-2.png', 'receipt-3.png'].map((name) => `${name}${line}`));
    expect(await seriousFindings(page)).toEqual([]);

    // An entry opens in the result pane; the badge is gone, the jobs a toolbar button away.
    await job.getByTestId('batch-entry').nth(1).click();
    await page.getByTestId('result').waitFor();
    await expect.poll(() => page.getByTestId('result').textContent()).toContain(line);
    expect(await page.getByTestId('batch-badge').count()).toBe(0);
    await page.getByTestId('open-batch').click();
    await page.getByTestId('batch-jobs').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('history-list').waitFor();
  });

  it('cancels a running job only after asking', async () => {
    await qwenApp();
    const page = await suite.open();
    const before = new Set(server.batches.jobs.keys());
    await dropThree(page, tempDir());
    await page.getByTestId('drop-batch').click();
    const job = page.getByTestId('batch-job');
    await job.waitFor();
    const id = (await job.getAttribute('data-job'))!;
    expect(before.has(id)).toBe(false);
    await server.batches.advance();
    await job.getByTestId('batch-cancel').click();
    await page.getByTestId('batch-cancel-confirm').waitFor();
    await page.getByRole('button', { name: en.batchJobs.keep }).click();
    expect(await page.getByTestId('batch-cancel-confirm').count()).toBe(0);
    await job.getByTestId('batch-cancel').click();
    await page.getByTestId('batch-cancel-yes').click();
    await expect.poll(() => job.getByTestId('batch-state').textContent()).toMatch(new RegExp(`^(${en.batchJobs.state.cancelling}|${en.batchJobs.state.cancelled})$`));
    expect(server.batches.jobs.get(id)?.status).toBe('cancelling');
  });

  it('asks by keyboard: Tab goes round the question’s buttons, Escape leaves the drop unread', async () => {
    const app = await qwenApp();
    const page = await suite.open();
    const before = server.batches.jobs.size;
    await dropThree(page, tempDir());
    await page.getByTestId('drop-choice').waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await expect.poll(focused).toBe('drop-read-now');
    const order: Array<string | null | undefined> = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order).toEqual(['drop-batch', 'drop-cancel', 'drop-read-now']);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('drop-cancel');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('drop-choice').count()).toBe(0);
    expect(app.history.list({}).items).toEqual([]);
    expect(server.batches.jobs.size).toBe(before);
  });

  it('reads a drop now when asked to, with no batch', async () => {
    const app = await qwenApp();
    const page = await suite.open();
    const before = server.batches.jobs.size;
    await dropThree(page, tempDir());
    await page.getByTestId('drop-read-now').click();
    await jobsDone(app, 3);
    expect(server.batches.jobs.size).toBe(before);
    expect(app.history.list({}).items.map((entry) => entry.status)).toEqual(['done', 'done', 'done']);
  });

  it('sends a whole folder from the jobs view in one action', async () => {
    const app = await qwenApp();
    const folder = join(tempDir(), 'Receipts 2026');
    mkdirSync(join(folder, 'March'), { recursive: true });
    copyFileSync(fixture('text/en-zh.png'), join(folder, 'a.png'));
    copyFileSync(fixture('text/en-zh.png'), join(folder, 'March', 'b.png'));
    const page = await suite.open();
    // With a key, the jobs are a toolbar button away before there are any.
    await page.getByTestId('open-batch').click();
    expect(await page.getByTestId('batch-empty').textContent()).toBe(en.batchJobs.empty);
    app.chooseFolder = folder;
    await page.getByTestId('batch-send-folder').click();
    const job = page.getByTestId('batch-job');
    await job.waitFor();
    expect(app.confirmations.at(-1)?.kind).toBe('batch-submit');
    expect(await job.getByTestId('batch-counts').textContent()).toBe(fill(en.batchJobs.progress, { done: 0, total: 2, failed: 0 }));
    await expect.poll(() => job.getByTestId('batch-entry').count()).toBe(2);
  });

  it('shows each job’s state, progress and cost as main says them, live', async () => {
    const app = createTestApp(tempDir());
    suite.app = app;
    const page = await suite.open({ locale: 'zh-CN' });
    const ids = await seed(app, ['收据 一', '收据 二']);
    push(app, [view({ entryIds: ids })]);
    await page.getByTestId('open-batch').click();
    const job = page.getByTestId('batch-job');
    expect(await job.getByTestId('batch-state').textContent()).toBe(zh.batchJobs.state.in_progress);
    expect(await job.getByTestId('batch-counts').textContent()).toBe(fill(zh.batchJobs.progress, { done: 12, total: 40, failed: 1 }));
    expect(await job.locator('progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([13, 40]);
    expect(await job.getByTestId('batch-cost').textContent()).toMatch(/0\.0123.*估算/);

    // The job is fetched: the billed cost replaces the estimate, the badge goes.
    push(app, [view({ state: 'fetched', done: 39, failed: 1, cost: 0.0119, finishedAt: Date.now(), entryIds: ids })]);
    await expect.poll(() => job.getByTestId('batch-state').textContent()).toBe(zh.batchJobs.state.fetched);
    expect(await job.getByTestId('batch-cost').textContent()).toMatch(/0\.0119/);
    expect(await job.getByTestId('batch-cost').textContent()).not.toMatch(/估算/);
    expect(await job.getByTestId('batch-cancel').count()).toBe(0);
  });

  for (const colorScheme of ['light', 'dark'] as const)
    for (const locale of ['en-US', 'zh-CN'] as const)
      it(`screenshots of the batch jobs view: ${locale}, ${colorScheme}`, async () => {
        const app = createTestApp(tempDir());
        suite.app = app;
        const page = await suite.open({ locale, colorScheme });
        const ids = await seed(app, ['Invoice 2026-0113 total 1,280.00', 'Receipt: coffee 18.00', 'Boarding pass MU5101']);
        const pending = app.history.createPending({
          source: { kind: 'file', path: '/home/me/scan-4.png', name: 'scan-4.png' }, engine: 'qwen', model: 'qwen-vl-ocr', mode: 'text', prompt: 'Read all the text in the image.',
          ...storedImage(await prepareImage(png(), { file: 'scan-4.png' })),
        });
        push(app, [
          view({ id: 'batch_7d1e9b22', state: 'in_progress', total: 4, done: 3, failed: 0, estimatedCost: 0.0031, entryIds: [...ids, pending] }),
          view({ id: 'batch_2f4c1e0a', state: 'fetched', total: 1000, done: 996, failed: 4, cost: 0.7412, finishedAt: Date.now() - 600_000, createdAt: Date.now() - 86_000_000, entryIds: [] }),
          view({ id: 'batch_0a9c3f17', state: 'expired', total: 250, done: 180, failed: 70, cost: null, estimatedCost: 0.19, error: 'The job did not finish within its 24 h window: 70 requests were not read.', errorCode: 'expired-unread', unread: 70, finishedAt: Date.now() - 7_200_000, entryIds: [] }),
        ]);
        await page.getByTestId('open-batch').click();
        await page.getByTestId('batch-job').first().waitFor();
        await expect.poll(() => page.getByTestId('batch-entry').count()).toBe(4);
        // The expired job's error in the reader's language (its code and count, not main's English).
        const words = locale === 'zh-CN' ? zh : en;
        expect(await page.getByTestId('batch-error').textContent()).toBe(fill(words.batchJobs.error['expired-unread_other'], { count: 70 }));
        expect(await seriousFindings(page)).toEqual([]);
        for (const [width, height] of [[640, 480], [1100, 720], [1440, 900]] as const) {
          await page.setViewportSize({ width, height });
          await page.screenshot({ path: join(SHOTS, `batch-${locale}-${colorScheme}-${width}x${height}.png`) });
        }
      });
});

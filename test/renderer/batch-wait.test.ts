/**
 * A history entry waiting for a batch job (issue 26) says so, in the list and in the result pane, rather than
 * "Reading…" for up to 24 h: its row's badge and text name the job and its state (main/app/history.ts fills `batch`
 * from the batch ledger for pending entries only), the pane offers "Open batch jobs" and no Cancel of a reading that
 * is not in hand. Real services; the job is a ledger row as `readout batch submit` writes it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchLedger } from '../../main/batch/ledger.ts';
import { prepareImage } from '../../main/image/prepare.ts';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zh from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { fixture } from '../support/paths.ts';
import { seed, storedImage } from '../support/seed.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const suite = useWindowSuite();
const { tempDir } = suite;
const SHOTS = process.env.READOUT_SHOTS ?? '/tmp/shots/app-window';
mkdirSync(SHOTS, { recursive: true });
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

/** An app whose history holds two read entries and one waiting for batch job batch_7d1e9b22, in progress. */
async function waitingApp(): Promise<{ app: TestApp; waiting: number }> {
  const app = createTestApp(tempDir());
  suite.app = app;
  await seed(app, ['Invoice 2026-0113 total 1,280.00', 'Receipt: coffee 18.00']);
  const waiting = app.history.createPending({
    source: { kind: 'file', path: '/home/me/scan-4.png', name: 'scan-4.png' }, engine: 'qwen', model: 'qwen-vl-ocr', mode: 'text', prompt: 'Read all the text in the image.',
    ...storedImage(await prepareImage(readFileSync(fixture('text/en-zh.png')), { file: 'scan-4.png' })),
  });
  const ledger = new BatchLedger(app.history);
  const job = ledger.createJob({ baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', region: 'cn', model: 'qwen-vl-ocr', estimatedCost: 0.001, requests: [{ customId: `entry-${waiting}`, entryId: waiting }] });
  ledger.sent(job, { batchId: 'batch_7d1e9b22', inputFileId: 'file-1', state: 'in_progress' });
  return { app, waiting };
}

describe('an entry waiting for a batch job', () => {
  for (const colorScheme of ['light', 'dark'] as const)
    for (const locale of ['en-US', 'zh-CN'] as const)
      it(`says so in its row and in the result pane, with the jobs a click away: ${locale}, ${colorScheme}`, async () => {
        const words = locale === 'zh-CN' ? zh : en;
        const { waiting } = await waitingApp();
        const page = await suite.open({ locale, colorScheme });
        const row = page.locator(`#entry-${waiting}`);
        await row.waitFor();
        const detail = fill(words.batchJobs.pendingDetail, { id: 'batch_7d1e9b22', state: words.batchJobs.state.in_progress });
        // A short badge, its full words for the pointer and a screen reader.
        expect(await row.getByTestId('row-status').textContent()).toBe(`${words.batchJobs.badge}${words.batchJobs.waiting}`);
        expect(await row.getByTestId('row-status').getAttribute('title')).toBe(words.batchJobs.waiting);
        expect(await row.getByTestId('row-batch-wait').textContent()).toBe(detail);
        expect(await row.getByTestId('row-status').textContent()).not.toBe(words.statusName.pending);
        expect(await row.textContent()).not.toContain(words.list.reading);
        // The read entries are not touched.
        expect(await page.getByTestId('row-batch-wait').count()).toBe(1);

        await row.click();
        const notice = page.getByTestId('batch-wait');
        await notice.waitFor();
        expect(await notice.textContent()).toContain(words.batchJobs.waiting);
        expect(await notice.textContent()).toContain(detail);
        expect(await page.locator('.result-text').getByRole('button', { name: words.result.cancel, exact: true }).count()).toBe(0);
        expect(await page.locator('.result-text .reading').count()).toBe(0);
        expect(await seriousFindings(page)).toEqual([]);
        for (const [width, height] of [[640, 480], [1100, 720]] as const) {
          await page.setViewportSize({ width, height });
          await page.screenshot({ path: join(SHOTS, `batch-wait-${locale}-${colorScheme}-${width}x${height}.png`) });
        }

        await page.getByTestId('batch-wait-open').click();
        await page.getByTestId('batch-jobs').waitFor();
      });
});

/** The window's batch service on the real AppServices and the stand-in's Batch API: submit with the estimate asked, refresh, cancel, events. */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { DashScopeServer, DEFAULT_TEXT } from '../../support/dashscope-server.ts';
import { useTempDir } from '../../support/temp.ts';

const KEY = 'sk-test-valid-key-0001';
const server = new DashScopeServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
const tempDir = useTempDir();
let app: TestApp;
afterEach(async () => {
  app.services.batchJobs.stop();
  await app.close();
});

async function setUp(count: number): Promise<string> {
  const dir = tempDir();
  app = createTestApp(dir);
  app.settings.update({ baseUrl: server.baseURL });
  await app.settings.setApiKey(KEY);
  const images = join(dir, 'drop');
  mkdirSync(images);
  for (let i = 0; i < count; i++) await sharp({ create: { width: 40 + i, height: 30, channels: 3, background: '#36c' } }).png().toFile(join(images, `${i}.png`));
  return images;
}

const batchEvents = () => app.events.filter((e) => e.event === 'batch:changed').map((e) => (e.payload as { jobs: Array<{ state: string }> }).jobs);

describe('AppBatchJobs', () => {
  it('asks with the estimate, sends a dropped folder as one job, and fills its entries when refreshed after it ends', async () => {
    const folder = await setUp(3);
    const jobs = await app.services.batchJobs.submit([folder]);
    expect(app.confirmations).toEqual([{ kind: 'batch-submit', requests: 3, files: 3, cost: expect.stringMatching(/^¥/), live: expect.stringMatching(/^¥/) }]);
    expect(jobs).toHaveLength(1);
    expect(jobs![0]).toMatchObject({ state: 'validating', total: 3, done: 0, failed: 0, model: 'qwen-vl-ocr', error: null });
    expect(jobs![0]!.entryIds).toHaveLength(3);
    for (const id of jobs![0]!.entryIds) expect(app.history.get(id)!.status).toBe('pending');
    await server.batches.finishAll();
    const after = await app.services.batchJobs.refresh();
    expect(after[0]).toMatchObject({ state: 'fetched', done: 3, failed: 0 });
    expect(after[0]!.cost).toBeGreaterThan(0);
    for (const id of after[0]!.entryIds) expect(app.history.get(id)!.text).toBe(DEFAULT_TEXT);
    expect(batchEvents().at(-1)![0]!.state).toBe('fetched');
    expect(app.events.some((e) => e.event === 'history:changed')).toBe(true);
  });

  it('a no leaves nothing behind; cancel fails what was not done, retryable', async () => {
    const folder = await setUp(2);
    app.confirmAnswer = false;
    expect(await app.services.batchJobs.submit([folder])).toBeNull();
    expect(app.history.list().items).toEqual([]);
    expect(app.services.batchJobs.list()).toEqual([]);
    app.confirmAnswer = true;
    const [job] = (await app.services.batchJobs.submit([folder]))!;
    await app.services.batchJobs.cancel(job!.id);
    await server.batches.advance();
    const [after] = await app.services.batchJobs.refresh(job!.id);
    expect(after).toMatchObject({ state: 'fetched', failed: 2 });
    expect(app.history.get(after!.entryIds[0]!)!.error?.retryable).toBe(true);
    await expect(app.services.batchJobs.cancel(job!.id)).rejects.toMatchObject({ code: 'batch-finished' });
    await expect(app.services.batchJobs.refresh('batch_unknown')).rejects.toMatchObject({ code: 'batch-not-found' });
  });

  it('refuses, with a coded error, a region that cannot batch and a missing key', async () => {
    const folder = await setUp(1);
    app.settings.update({ baseUrl: null, region: 'intl' });
    await expect(app.services.batchJobs.submit([folder])).rejects.toMatchObject({ code: 'batch-unavailable' });
    await app.settings.clearApiKey();
    app.settings.update({ region: 'cn' });
    await expect(app.services.batchJobs.submit([folder])).rejects.toMatchObject({ code: 'no-key' });
    expect(app.confirmations).toEqual([]);
  });
});

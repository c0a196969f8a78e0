/** The task menu, the protocol setting and the key-information schemas, in Settings, against the real services. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import { createTestApp } from '../support/app-services.ts';
import { fixture } from '../support/paths.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const KEY = 'sk-test-valid-key-0001';
const suite = useWindowSuite();
const { server, tempDir, screenshots } = suite;

describe('tasks in Settings', () => {
  it('keeps a key-information schema by name, refuses one that is not, and the next reading asks for its fields', async () => {
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ baseUrl: server.baseURL, api: 'native' });
    await suite.app.settings.setApiKey(KEY);
    const page = await suite.open();
    await page.getByTestId('open-settings').click();
    const task = page.getByTestId('task');
    expect(await task.locator('option').count()).toBe(7);
    await task.selectOption('key-info');
    const editor = page.getByTestId('schema-editor');
    await editor.waitFor();
    await page.getByTestId('schema-name').fill('Invoice');
    await page.getByTestId('schema-json').fill('{"number": 42}');
    await page.getByTestId('schema-save').click();
    expect(await page.getByTestId('schema-error').textContent()).toMatch(/not a schema: "number" must be a JSON object/);
    expect(suite.app.settings.get().schemas).toEqual({});
    await page.getByTestId('schema-json').fill('{"number": "the invoice number", "total": "the amount due"}');
    await page.getByTestId('schema-save').click();
    await expect.poll(() => suite.app!.settings.get().schemaName).toBe('Invoice');
    expect(JSON.parse(suite.app.settings.get().schemas.Invoice!)).toEqual({ number: 'the invoice number', total: 'the amount due' });
    expect(await page.getByTestId('schema-choice').inputValue()).toBe('Invoice');
    await page.screenshot({ path: join(screenshots, 'settings-schema-en-light.png'), fullPage: true });

    suite.app.chooseFiles = [fixture('text/en-zh.png')];
    await suite.app.services.jobs.openFiles();
    await suite.app.services.idle();
    const request = server.requests.at(-1)!;
    expect(request.protocol).toBe('native');
    expect(request.native?.parameters?.ocr_options).toEqual({ task: 'key_information_extraction', task_config: { result_schema: { number: 'the invoice number', total: 'the amount due' } } });
  });

  it('says text positions need the native protocol when a custom endpoint speaks the compatible one', async () => {
    suite.app = createTestApp(tempDir());
    suite.app.settings.update({ baseUrl: server.baseURL });
    const page = await suite.open({ colorScheme: 'dark', locale: 'zh-CN' });
    await page.getByTestId('open-settings').click();
    await page.getByTestId('task').selectOption('advanced');
    await page.getByText(en.settings.engine.advancedNeedsNative).or(page.getByRole('note')).first().waitFor();
    expect(await page.getByRole('note').first().textContent()).toMatch(/原生 API/);
    await page.screenshot({ path: join(screenshots, 'settings-tasks-zh-CN-dark.png'), fullPage: true });
    await page.getByTestId('advanced').locator('summary').click();
    await page.getByTestId('api').selectOption('native');
    await expect.poll(() => suite.app!.settings.get().api).toBe('native');
    expect(await page.getByRole('note').count()).toBe(0);
  });
});

describe('usage and cost in Settings', () => {
  it('shows what each region billed per month, and the free quota against it', async () => {
    suite.app = createTestApp(tempDir());
    for (const [region, cost] of [['cn', 0.0025], ['cn', 0.0025], ['intl', 0.00011]] as const) {
      const id = suite.app.history.createPending({ source: { kind: 'file', path: '/x.png', name: 'x.png' }, engine: 'qwen', model: 'qwen-vl-ocr', mode: 'text', prompt: null, image: { data: new Uint8Array(8), mime: 'image/png', thumbnail: null }, width: 10, height: 10, sentWidth: 32, sentHeight: 32, imageTokens: 3 });
      suite.app.history.complete(id, { text: 'x', usage: { prompt_tokens: 480, completion_tokens: 20, total_tokens: 500 }, model: 'qwen-vl-ocr', engine: 'qwen', durationMs: 1, requestId: null, cost, region });
    }
    const page = await suite.open();
    await page.getByTestId('open-settings').click();
    const usage = page.getByTestId('usage');
    await usage.locator('tbody tr').first().waitFor();
    const rows = await usage.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toMatch(/China \(Beijing\)\t2\t960 \/ 40\tCN¥0\.005/);
    expect(rows.join('\n')).toMatch(/International \(Singapore\)\t1\t480 \/ 20\t\$0\.0001/);
    expect(await page.getByTestId('quota-cn').textContent()).toMatch(/1,000 tokens sent since \d{4}-\d{2}, so at most 999,000/);
    await usage.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'settings-usage-en-light.png') });
  });
});

/**
 * Settings › Translation (issue 24) against the real settings service: the target language named in the reader's
 * language, the model (Qwen-MT's three or a custom name), "Translate every capture", and the glossary's rows saved
 * as settings.translateTerms, a half-filled row kept on the page and never sent.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zh from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { createTestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { useWindowSuite } from '../support/window-suite.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const suite = useWindowSuite();
const SHOTS = process.env.READOUT_SHOTS ?? '/tmp/shots/translate';
mkdirSync(SHOTS, { recursive: true });

async function openSettings(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  suite.app = createTestApp(suite.tempDir());
  const page = await suite.open(options);
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-translate').scrollIntoViewIfNeeded();
  return page;
}
const saved = () => suite.app!.settings.get();

describe('Settings › Translation', () => {
  it('names the target languages in the reader’s language and saves the one chosen', async () => {
    const page = await openSettings({ locale: 'zh-CN' });
    const section = page.getByTestId('settings-translate');
    expect(await section.getByRole('heading').textContent()).toBe(zh.settings.translate.heading);
    const names = await page.getByTestId('translate-target').locator('option').allTextContents();
    expect(names).toContain('英语');
    expect(names).toContain('日语');
    await page.getByTestId('translate-target').selectOption('ja');
    await expect.poll(() => saved().translateTarget).toBe('ja');
  });

  it('saves the model, a custom model name, and translate every capture', async () => {
    const page = await openSettings();
    expect(await page.getByTestId('translate-model').inputValue()).toBe('qwen-mt-flash');
    await page.getByTestId('translate-model').selectOption('qwen-mt-plus');
    await expect.poll(() => saved().translateModel).toBe('qwen-mt-plus');
    await page.getByTestId('translate-model').selectOption('custom');
    await page.getByTestId('translate-model-custom').fill('  my-vllm-model ');
    await page.getByTestId('translate-model-custom').blur();
    await expect.poll(() => saved().translateModel).toBe('my-vllm-model');
    await page.getByTestId('check-translateEveryCapture').check();
    await expect.poll(() => saved().translateEveryCapture).toBe(true);

    // Opened again, a custom name shows as itself.
    await page.reload();
    await page.getByTestId('open-settings').click();
    expect(await page.getByTestId('translate-model').inputValue()).toBe('custom');
    expect(await page.getByTestId('translate-model-custom').inputValue()).toBe('my-vllm-model');
    expect(await page.getByTestId('check-translateEveryCapture').isChecked()).toBe(true);
  });

  it('edits the glossary: rows added, saved when whole, removed', async () => {
    const page = await openSettings();
    const add = page.getByRole('button', { name: en.settings.translate.add });
    await add.click();
    await page.getByRole('textbox', { name: en.settings.translate.term.replace('{{n}}', '1'), exact: true }).fill('Readout');
    await page.getByRole('textbox', { name: en.settings.translate.term.replace('{{n}}', '1'), exact: true }).blur();
    // Half a row is kept on the page, not sent.
    expect(saved().translateTerms).toEqual([]);
    await page.getByRole('textbox', { name: en.settings.translate.termTranslation.replace('{{n}}', '1') }).fill('读出');
    await page.getByRole('textbox', { name: en.settings.translate.termTranslation.replace('{{n}}', '1') }).blur();
    await expect.poll(() => saved().translateTerms).toEqual([{ source: 'Readout', target: '读出' }]);

    // A second row by keyboard alone.
    await add.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('glossary-source').nth(1).fill(' OCR ');
    await page.getByTestId('glossary-target').nth(1).fill('文字识别');
    await page.getByTestId('glossary-target').nth(1).blur();
    await expect.poll(() => saved().translateTerms).toEqual([{ source: 'Readout', target: '读出' }, { source: 'OCR', target: '文字识别' }]);
    expect(await seriousFindings(page)).toEqual([]);

    await page.getByRole('button', { name: en.settings.translate.remove.replace('{{n}}', '1') }).click();
    await expect.poll(() => saved().translateTerms).toEqual([{ source: 'OCR', target: '文字识别' }]);
    expect(await page.getByTestId('glossary-row').count()).toBe(1);
  });

  for (const colorScheme of ['light', 'dark'] as const)
    for (const locale of ['en-US', 'zh-CN'] as const)
      it(`screenshot: ${locale}, ${colorScheme}`, async () => {
        suite.app = createTestApp(suite.tempDir());
        suite.app.settings.update({ translateTerms: [{ source: 'Readout', target: '读出' }], translateModel: 'my-vllm-model' });
        const page = await suite.open({ locale, colorScheme });
        await page.setViewportSize({ width: 1100, height: 720 });
        await page.getByTestId('open-settings').click();
        await page.getByTestId('settings-translate').screenshot({ path: join(SHOTS, `settings-${locale}-${colorScheme}.png`) });
      });
});

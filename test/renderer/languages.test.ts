/** Settings › Offline languages and the notice for a script the offline engine cannot read, against the real services. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { LANGUAGE_PACKS, packFor } from '../../main/languages/catalog.ts';
import { jobsDone } from '../support/app-events.ts';
import { createTestApp } from '../support/app-services.ts';
import { dropFiles } from '../support/app-page.ts';
import { PackServer, packTarball } from '../support/language-packs.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const suite = useWindowSuite();
const { tempDir, screenshots } = suite;
const packs = new PackServer(LANGUAGE_PACKS.flatMap((pack) => pack.sources));
const kor = packFor('ko')!.sources[0]!;

beforeAll(async () => {
  packTarball(kor);
  await packs.start();
}, 300_000);
afterAll(() => packs.stop());

/** One line of text in WenQuanYi Micro Hei (it holds kana and hangul), as a screenshot would show it. */
const textImage = (text: string): Promise<Buffer> =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="440" height="56"><rect width="100%" height="100%" fill="#fff"/><text x="12" y="34" font-family="WenQuanYi Micro Hei" font-size="16">${text}</text></svg>`)).png().toBuffer();

const openLanguages = async (page: Page): Promise<void> => {
  await page.getByTestId('open-settings').click();
  await page.getByTestId('offline-languages').scrollIntoViewIfNeeded();
};

describe('offline languages in Settings', () => {
  it('adds a pack with a progress bar, reads a dropped image with it once chosen, and removes it', { timeout: 120_000 }, async () => {
    suite.app = createTestApp(tempDir(), { registry: packs.registry });
    suite.app.settings.update({ engine: 'local' });
    // Slow enough to see the download go.
    packs.answer = (_path, source) => ({ bytes: readFileSync(packTarball(source!)), chunk: 256 * 1024, delayMs: 60 });
    const page = await suite.open();
    await openLanguages(page);
    const rows = page.getByTestId('offline-languages').locator('li');
    await expect.poll(() => rows.count()).toBe(5);
    expect(await page.getByTestId('language-ja').textContent()).toMatch(/Japanese.*also vertical text.*21\.1 MB download · 3\.9 MB on disk/);
    await page.getByTestId('language-add-ko').click();
    const progress = page.getByTestId('language-progress-ko');
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
    await page.getByTestId('language-ko').screenshot({ path: join(screenshots, 'languages-progress-en-light.png') });
    await page.getByTestId('language-remove-ko').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('language-ko').textContent()).toMatch(/Installed · 1\.5 MB on disk/);
    await page.getByTestId('offline-language').selectOption('ko');
    await expect.poll(() => suite.app!.settings.get().offlineLanguage).toBe('ko');
    await page.screenshot({ path: join(screenshots, 'settings-languages-en-light.png'), fullPage: true });

    await page.getByTestId('back').click();
    await dropFiles(page, [{ name: 'korean.png', type: 'image/png', bytes: await textImage('파일을 찾을 수 없습니다') }]);
    await jobsDone(suite.app, 1);
    const entry = suite.app.history.list({ limit: 1 }).items[0]!;
    expect(entry).toMatchObject({ text: '파일을 찾을 수 없습니다', engine: 'local', model: 'Tesseract (ko)' });

    await openLanguages(page);
    await page.getByTestId('language-remove-ko').click();
    await page.getByTestId('language-add-ko').waitFor();
    expect(suite.app.settings.get().offlineLanguage).toBe('built-in');
    expect(suite.app.languages.installed('ko')).toBeNull();
  });

  it('says in the window why a pack was not added, and installs nothing', { timeout: 60_000 }, async () => {
    suite.app = createTestApp(tempDir(), { registry: packs.registry });
    const changed = new Uint8Array(readFileSync(packTarball(kor)));
    changed[1000]! ^= 0xff;
    packs.answer = () => ({ bytes: changed });
    const page = await suite.open({ locale: 'zh-CN', colorScheme: 'dark' });
    await openLanguages(page);
    await page.getByTestId('language-add-ko').click();
    const error = page.getByTestId('language-error-ko');
    await error.waitFor();
    expect(await error.textContent()).toBe(`未能添加韩文。${zhCN.errorCode['language-integrity']}`);
    expect(suite.app.languages.installed('ko')).toBeNull();
    await page.getByTestId('offline-languages').screenshot({ path: join(screenshots, 'settings-languages-zh-CN-dark.png') });
  });

  for (const [locale, scheme, words] of [['en-US', 'dark', en], ['zh-CN', 'light', zhCN]] as const) {
    it(`shows the list in ${locale}, ${scheme}`, { timeout: 60_000 }, async () => {
      suite.app = createTestApp(tempDir(), { registry: packs.registry });
      await suite.app.languages.add('ko', { files: [packTarball(kor)] });
      const page = await suite.open({ locale, colorScheme: scheme });
      await openLanguages(page);
      await page.getByTestId('language-remove-ko').waitFor();
      expect(await page.getByTestId('offline-languages').locator('h2, label > span').first().textContent()).toBe(words.settings.languages.choice);
      await page.getByTestId('offline-languages').screenshot({ path: join(screenshots, `settings-languages-${locale}-${scheme}.png`) });
    });
  }
});

describe('text in a script the offline engine cannot read', () => {
  for (const [locale, scheme, words] of [['en-US', 'light', en], ['zh-CN', 'dark', zhCN]] as const) {
    it(`names the pack that reads it (${locale}, ${scheme})`, { timeout: 120_000 }, async () => {
      suite.app = createTestApp(tempDir());
      const page = await suite.open({ locale, colorScheme: scheme });
      await dropFiles(page, [{ name: 'japanese.png', type: 'image/png', bytes: await textImage('ダウンロードの保存先を選択してください') }]);
      await jobsDone(suite.app, 1);
      await page.getByTestId('history-row').filter({ hasText: 'japanese.png' }).click();
      const notice = page.getByTestId('script-warning-kana');
      await notice.waitFor();
      const name = words.languages.ja;
      const how = words.result.script.addPack.replace('{{name}}', name);
      expect(await notice.locator('span').textContent()).toBe(words.result.script.sentence.replace('{{what}}', words.result.script.kana).replace('{{how}}', how));
      expect(await page.getByTestId('low-confidence').count()).toBe(0);
      await page.screenshot({ path: join(screenshots, `script-warning-${locale}-${scheme}.png`) });
      await notice.getByRole('button', { name: words.result.script.openLanguages }).click();
      await page.getByTestId('settings').waitFor();
    });
  }
});

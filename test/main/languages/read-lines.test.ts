import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cer } from '../../../bench/languages.ts';
import { prepareImage } from '../../../main/image/prepare.ts';
import { LANGUAGE_PACKS, type PackCode } from '../../../main/languages/catalog.ts';
import { lineBand } from '../../../main/languages/line-band.ts';
import { LanguagePacks } from '../../../main/languages/packs.ts';
import { tidyLine } from '../../../main/languages/read-lines.ts';
import type { InstalledPack } from '../../../main/languages/store.ts';
import { LocalEngine } from '../../../main/ocr/local.ts';
import { launchChromium } from '../../support/chromium.ts';
import { CJK_UI_PAGES, renderCjkUi, type CjkUiImage } from '../../support/cjk-ui.ts';
import { packTarball } from '../../support/language-packs.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('tidyLine', () => {
  it('drops the spaces Tesseract puts between characters written without them, and keeps words apart', () => {
    expect(tidyLine(' 変更 を 保存 し ます か ? ')).toBe('変更を保存しますか?');
    expect(tidyLine('Wi-Fi に 接続 され て いま せん')).toBe('Wi-Fiに接続されていません');
    expect(tidyLine('저장하지  않으면 변경 내용이 2026년 11월')).toBe('저장하지 않으면 변경 내용이 2026년 11월');
    expect(tidyLine('上 次 同 步 : 2026 年 11 月 4 日 上 午 9:41')).toBe('上次同步: 2026年11月4日上午9:41');
  });
});

describe('lineBand', () => {
  /** A grey crop: white, a band of ink across rows [from, to), and sparser slivers of a neighbour at the edges. */
  function crop(width: number, height: number, from: number, to: number, sliver: number): Uint8Array {
    const grey = new Uint8Array(width * height).fill(255);
    for (let y = 0; y < height; y++) {
      const step = y >= from && y < to ? 2 : y < sliver || y >= height - sliver ? 4 : 0;
      for (let x = 3; step > 0 && x < width - 3; x += step) grey[y * width + x] = 0;
    }
    return grey;
  }

  it("keeps the line's own rows and cuts off a neighbour's across a blank gap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 200 }), fc.integer({ min: 20, max: 60 }), fc.integer({ min: 0, max: 3 }), (width, thickness, sliver) => {
        const height = thickness + 2 * (sliver + 4);
        const from = sliver + 4;
        const band = lineBand(crop(width, height, from, from + thickness, sliver), width, height, false, 0);
        expect(band).toEqual({ start: from, end: from + thickness });
      }),
    );
  });

  it('leaves the crop whole where it finds no line', () => {
    expect(lineBand(new Uint8Array(50 * 20).fill(255), 50, 20, false)).toEqual({ start: 0, end: 20 });
    expect(lineBand(new Uint8Array(50 * 20).fill(255), 50, 20, true)).toEqual({ start: 0, end: 50 });
  });
});

describe('reading with a language pack (the detector finds lines, Tesseract reads each)', () => {
  const engine = new LocalEngine();
  const installed = new Map<PackCode, InstalledPack>();
  let images: CjkUiImage[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'readout-packs-'));

  beforeAll(async () => {
    const packs = new LanguagePacks(dataDir);
    for (const pack of LANGUAGE_PACKS) installed.set(pack.code, await packs.add(pack.code, { files: pack.sources.map(packTarball) }));
    const browser = await launchChromium();
    const wanted = ['ja-dialog-14', 'ja-vertical-16', 'ko-dialog-14', 'zh-Hant-settings-13'];
    images = await renderCjkUi(browser, CJK_UI_PAGES.filter((page) => wanted.includes(page.name))).finally(() => browser.close());
  }, 300_000);
  afterAll(async () => {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const name of ['ja-dialog-14', 'ja-vertical-16', 'ko-dialog-14', 'zh-Hant-settings-13']) {
    it(`reads ${name}`, async () => {
      const image = images.find((i) => i.name === name)!;
      const reader = engine.withPack(installed.get(image.language)!);
      const bounds = reader.pixelBounds();
      const prepared = await prepareImage(image.png, { file: `${name}.png`, bounds });
      const result = await reader.recognize(prepared, { prompt: '', bounds }, () => undefined);
      // A line found for each line written (vertical: each column), in reading order; the text as layout.ts lays it
      // out (a CJK sentence that looks wrapped is joined back).
      expect(result.words?.map((word) => word.text)).toHaveLength(image.truth.length);
      expect(cer(image.truth.join('\n'), result.text).ignored).toBeLessThanOrEqual(0.05);
      expect(result).toMatchObject({ engine: 'local', model: `Tesseract (${image.language})` });
    }, 60_000);
  }
});

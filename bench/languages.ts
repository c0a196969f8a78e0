/**
 * The language packs on our own UI screens (test/support/cjk-ui.ts): each pack's two variants of Tesseract's data
 * (4.0.0, what the package's index.js points at, and 4.0.0_best_int, what Readout installs: languages/catalog.ts),
 * read the way the app reads them (the detector's lines, Tesseract a line at a time: languages/read-lines.ts).
 * Character error rate (NFKC) over each language's images, whitespace ignored and with spaces counted (Korean
 * spaces its words; a space Tesseract puts inside one is an error), and the median time per image.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packFor, type PackCode } from '../main/languages/catalog.ts';
import { tarEntries } from '../main/languages/tar.ts';
import { handleLocalRequest, releaseLocalSessions } from '../main/ocr/local-handler.ts';
import { layoutText } from '../main/ocr/layout.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { renderCjkUi } from '../test/support/cjk-ui.ts';
import { packTarball } from '../test/support/language-packs.ts';
import { characterErrors } from './screens.ts';
import { ms, summarize, table } from './stats.ts';

const VARIANTS = ['4.0.0', '4.0.0_best_int'] as const;

/** The pack's models of one variant, taken straight from its tarballs into `folder`. */
function unpackVariant(code: PackCode, variant: string, folder: string): { folder: string; horizontal: string; vertical: string | null } {
  mkdirSync(folder, { recursive: true });
  const pack = packFor(code)!;
  for (const source of pack.sources) {
    const wanted = `package/${variant}/${source.model}.traineddata.gz`;
    const entry = [...tarEntries(gunzipSync(readFileSync(packTarball(source))))].find((e) => e.name === wanted)!;
    writeFileSync(join(folder, `${source.model}.traineddata.gz`), entry.data);
  }
  const model = (direction: string) => pack.sources.find((s) => s.direction === direction)?.model ?? null;
  return { folder, horizontal: model('horizontal')!, vertical: model('vertical') };
}

export const cer = (truth: string, read: string): { ignored: number; spaced: number } => characterErrors(truth.normalize('NFKC'), read.normalize('NFKC'));

export async function benchLanguages(): Promise<string> {
  const browser = await launchChromium();
  const images = await renderCjkUi(browser).finally(() => browser.close());
  const scratch = mkdtempSync(join(tmpdir(), 'readout-bench-languages-'));
  const rows = [['pack', 'variant', 'images', 'character error', 'with spaces', 'median time per image']];
  try {
    for (const code of ['ja', 'ko', 'zh-Hant'] as const) {
      const mine = images.filter((image) => image.language === code);
      for (const variant of VARIANTS) {
        const pack = unpackVariant(code, variant, join(scratch, code, variant));
        // The first image loads the models: read once, untimed.
        await handleLocalRequest({ id: 0, image: mine[0]!.png, pack });
        let errors = 0;
        let spacedErrors = 0;
        let characters = 0;
        const times: number[] = [];
        for (const image of mine) {
          const started = performance.now();
          const response = await handleLocalRequest({ id: 1, image: image.png, pack });
          times.push(performance.now() - started);
          if (!response.ok) throw new Error(response.message);
          const truth = image.truth.join('\n');
          const length = [...truth.replace(/\s/g, '')].length;
          const rate = cer(truth, layoutText(response.lines));
          errors += rate.ignored * length;
          spacedErrors += rate.spaced * length;
          characters += length;
        }
        rows.push([code, variant, String(mine.length), (errors / characters).toFixed(3), (spacedErrors / characters).toFixed(3), ms(summarize(times).median)]);
        await releaseLocalSessions();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return `Language packs on UI screens (detector lines, Tesseract a line at a time)\n${table(rows)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${await benchLanguages()}\n`);

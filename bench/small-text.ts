/**
 * Small UI text (issue 21): the offline engine against the plain pipeline (@gutenye/ocr-node, same PP-OCRv4 models)
 * on test/support/small-ui.ts's images, character error per image (whitespace ignored / spaces counted) and the
 * words that must come back verbatim.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { linesToText } from '../main/ocr/local.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { renderSmallUi } from '../test/support/small-ui.ts';
import { baselineReader, oursReader } from './offline-read.ts';
import { characterErrors } from './screens.ts';
import { table } from './stats.ts';

const f3 = (n: number): string => n.toFixed(3);

export async function benchSmallText(): Promise<string> {
  const browser = await launchChromium();
  const images = await renderSmallUi(browser).finally(() => browser.close());
  if (process.env.SMALL_UI_DIR) {
    mkdirSync(process.env.SMALL_UI_DIR, { recursive: true });
    for (const image of images) writeFileSync(join(process.env.SMALL_UI_DIR, `${image.name}.png`), image.png);
  }
  const [ours, baseline] = [await oursReader(), await baselineReader()];
  const rows = [['image', 'CER ours (ign/spaced)', 'CER plain (ign/spaced)', 'verbatim missed (ours)', 'ours read']];
  let sumOurs = 0;
  let sumBase = 0;
  for (const image of images) {
    const a = linesToText(await ours(image.png));
    const b = linesToText(await baseline(image.png));
    const ea = characterErrors(image.truth, a);
    const eb = characterErrors(image.truth, b);
    sumOurs += ea.spaced;
    sumBase += eb.spaced;
    const missed = image.verbatim.filter((word) => !a.includes(word));
    rows.push([image.name, `${f3(ea.ignored)} / ${f3(ea.spaced)}`, `${f3(eb.ignored)} / ${f3(eb.spaced)}`, missed.join(' '), JSON.stringify(a).slice(0, 90)]);
  }
  rows.push(['mean', f3(sumOurs / images.length), f3(sumBase / images.length), '', '']);
  return ['Small UI text: ours against the plain pipeline (same models), same run', table(rows)].join('\n');
}

if (import.meta.main) process.stdout.write(`${await benchSmallText()}\n`);

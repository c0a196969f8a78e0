/**
 * Small UI text (issue 21), the text people capture most: the offline engine against the plain PP-OCR pipeline
 * (@gutenye/ocr-node, the same PP-OCRv4 models) on Chromium-rendered screens of 9 to 13 px text (test/support/
 * small-ui.ts). Never worse on any image, better over the set, codes and prices verbatim, English spaces kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { characterErrors, normaliseSpaces } from '../../../bench/screens.ts';
import { baselineReader, oursReader } from '../../../bench/offline-read.ts';
import { linesToText } from '../../../main/ocr/local.ts';
import { launchChromium } from '../../support/chromium.ts';
import { renderSmallUi, type SmallUiImage } from '../../support/small-ui.ts';

interface Scored {
  image: SmallUiImage;
  ours: string;
  plain: string;
  errorsOurs: number;
  errorsPlain: number;
}

const scored: Scored[] = [];

beforeAll(async () => {
  const browser = await launchChromium();
  const images = await renderSmallUi(browser).finally(() => browser.close());
  const [ours, plain] = [await oursReader(), await baselineReader()];
  for (const image of images) {
    const a = linesToText(await ours(image.png));
    const b = linesToText(await plain(image.png));
    scored.push({ image, ours: a, plain: b, errorsOurs: characterErrors(image.truth, a).spaced, errorsPlain: characterErrors(image.truth, b).spaced });
  }
}, 300_000);

const length = (text: string): number => [...normaliseSpaces(text)].length;

describe('small UI text, read offline', () => {
  it('is never worse than the plain pipeline: at most 0.01 more error on an image, or two characters on a short one', () => {
    expect(scored.length).toBeGreaterThanOrEqual(16);
    const worse = scored
      .filter(({ image, errorsOurs, errorsPlain }) => errorsOurs > errorsPlain + Math.max(0.01, length(image.truth) <= 100 ? 2 / length(image.truth) : 0))
      .map(({ image, ours, errorsOurs, errorsPlain }) => `${image.name}: ${errorsOurs.toFixed(3)} against ${errorsPlain.toFixed(3)} (${JSON.stringify(ours)})`);
    expect(worse).toEqual([]);
  });

  it('is better over the set: at most 0.9 of the plain pipeline’s mean error', () => {
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(scored.map((s) => s.errorsOurs))).toBeLessThanOrEqual(0.9 * mean(scored.map((s) => s.errorsPlain)));
  });

  it('gives codes, dates, prices and e-mail addresses back verbatim', () => {
    const missed = scored.flatMap(({ image, ours }) => image.verbatim.filter((word) => !ours.includes(word)).map((word) => `${image.name}: ${word} (${JSON.stringify(ours)})`));
    expect(missed).toEqual([]);
  });

  it('keeps the spaces between English words', () => {
    // Every pair of English words the page shows side by side comes back with its space.
    const lost = scored.flatMap(({ image, ours }) => {
      const read = normaliseSpaces(ours);
      return [...image.truth.matchAll(/(?<=^|\s)([A-Za-z]{2,}) ([A-Za-z]{2,})(?=\s|$)/gm)].map((m) => `${m[1]} ${m[2]}`).filter((pair) => !read.includes(pair) && read.includes(pair.replace(' ', ''))).map((pair) => `${image.name}: ${pair}`);
    });
    expect(lost).toEqual([]);
  });
});

/**
 * How well a line's confidence tells a line read wrong (main/ocr/ppocr/line-confidence.ts): the small-UI corpus and
 * the bench's screens read at 100%, 85%, 70% and 60%, every line judged against its page (test/support/
 * line-truth.ts). Prints the separation (the chance a wrong line scores under a right one) and the calibration for
 * the calibrated confidence and for the characters' mean it replaced. `--data FILE` writes each line's evidence
 * (mean, least, characters, right) as JSON lines, from which the fit's coefficients were found (logistic regression).
 */
import { writeFileSync } from 'node:fs';
import { DOUBTFUL_BELOW } from '../main/ocr/ppocr/line-confidence.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { judgeLines, separation } from '../test/support/line-truth.ts';
import { renderSmallUi } from '../test/support/small-ui.ts';
import { renderScreens } from './screens.ts';
import { table } from './stats.ts';

export async function benchLineConfidence(dataFile?: string): Promise<string> {
  const browser = await launchChromium();
  const images = await (async () => [...(await renderSmallUi(browser)), ...(await renderScreens(browser)).screens])().finally(() => browser.close());
  const judged = await judgeLines(images, [1, 0.85, 0.7, 0.6]);
  if (dataFile) writeFileSync(dataFile, judged.map(({ line, right }) => JSON.stringify({ text: line.text, mean: line.mean, confidence: line.confidence, right })).join('\n'));
  const wrong = judged.filter((j) => !j.right);
  const right = judged.filter((j) => j.right);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const share = (lines: typeof judged, below: number, score: (j: (typeof judged)[number]) => number) => (lines.filter((j) => score(j) < below).length / Math.max(1, lines.length)).toFixed(2);
  const rows = [['score', 'separation', 'mean on wrong lines', 'mean on right lines', `wrong under ${DOUBTFUL_BELOW}`, `right under ${DOUBTFUL_BELOW}`]];
  for (const [name, score] of [['calibrated confidence', (j: (typeof judged)[number]) => j.line.confidence ?? 0], ['characters’ mean', (j: (typeof judged)[number]) => j.line.mean]] as const) {
    rows.push([name, separation(judged, (line) => score({ line, right: true })).toFixed(3), mean(wrong.map(score)).toFixed(3), mean(right.map(score)).toFixed(3), share(wrong, DOUBTFUL_BELOW, score), share(right, DOUBTFUL_BELOW, score)]);
  }
  return [
    `Line confidence: ${judged.length} lines, ${wrong.length} read wrong; ${(right.length / judged.length).toFixed(3)} right, mean calibrated confidence ${mean(judged.map((j) => j.line.confidence ?? 0)).toFixed(3)}`,
    table(rows),
  ].join('\n');
}

if (import.meta.main) {
  const at = process.argv.indexOf('--data');
  process.stdout.write(`${await benchLineConfidence(at === -1 ? undefined : process.argv[at + 1])}\n`);
}

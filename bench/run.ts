/** `npm run bench`: every benchmark, each as ratios against a baseline measured in the same run. */
import { benchHistory } from './history.ts';
import { benchPipeline, benchUpload } from './image.ts';
import { benchOffline } from './offline.ts';
import { benchSmallText } from './small-text.ts';
import { benchLineConfidence } from './line-confidence.ts';
import { benchPositions } from './positions.ts';
import { benchWords } from './words.ts';
import { benchCodes } from './codes.ts';
import { benchPdf } from './pdf.ts';
import { benchRenderer } from './renderer.ts';
import { benchStreaming } from './stream.ts';
import { benchLanguages } from './languages.ts';
import { benchPdfBounds } from './pdf-bounds.ts';
import { benchPdfEngines } from './pdf-engines.ts';
import { benchExportMemory } from './export-memory.ts';
import { benchStreamBounds } from './stream-bounds.ts';
import { benchServe } from './serve.ts';

const benches: Array<[string, () => Promise<string>]> = [
  ['pipeline', benchPipeline],
  ['upload', benchUpload],
  ['streaming', benchStreaming],
  ['history', benchHistory],
  ['renderer', benchRenderer],
  ['offline', benchOffline],
  ['small-text', benchSmallText],
  ['line-confidence', () => benchLineConfidence()],
  ['positions', benchPositions],
  ['words', benchWords],
  ['codes', benchCodes],
  ['pdf', benchPdf],
  ['languages', benchLanguages],
  ['pdf-engines', benchPdfEngines],
  ['pdf-bounds', benchPdfBounds],
  ['export-memory', () => benchExportMemory()],
  ['stream-bounds', benchStreamBounds],
  ['serve', () => benchServe()],
];

const only = process.argv.slice(2);
for (const [name, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stdout.write(`\n${await run()}\n`);
}

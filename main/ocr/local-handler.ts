/**
 * What the offline engine does with one request, wherever it runs (local-host.ts: a worker thread in the app, the
 * command's own thread or a child process under the command line): the PP-OCRv4 sessions made once, an image
 * decoded to raw RGB by sharp and read by our pipeline (ppocr/pipeline.ts).
 */
import { readFileSync } from 'node:fs';
import { InferenceSession, Tensor } from 'onnxruntime-node';
// sharp in a worker thread: the app's main thread has loaded sharp already (image/prepare.ts), which keeps libvips
// loaded when that thread is ended after a long idle (sharp's docs on worker threads; lovell/sharp#2263).
import sharp from 'sharp';
import type { LocalRequest, LocalResponse } from './local-protocol.ts';
import { modelFiles } from './model-files.ts';
import { PpOcr } from './ppocr/pipeline.ts';

let engine: Promise<PpOcr> | undefined;
let packReaders: Promise<typeof import('../languages/read-lines.ts')> | undefined;

/** Sessions made once, at the first request. */
function ocr(): Promise<PpOcr> {
  if (!engine) {
    const models = modelFiles();
    engine = PpOcr.create({ InferenceSession, Tensor }, {
      detection: models.detectionPath,
      recognition: models.recognitionPath,
      dictionary: readFileSync(models.dictionaryPath, 'utf8'),
    });
  }
  return engine;
}

export async function handleLocalRequest(request: LocalRequest): Promise<LocalResponse> {
  try {
    if ('codes' in request) {
      // Loaded only when asked: a scan needs no models, and the models need no scanner.
      const { scanCodes } = await import('../codes/scan.ts');
      return { id: request.id, ok: true, lines: [], confidence: 1, codes: await scanCodes(request.codes) };
    }
    if ('warm' in request) {
      await (await ocr()).warmUp();
      return { id: request.id, ok: true, lines: [], confidence: 1 };
    }
    const { data, info } = await sharp(request.image).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const image = { data, width: info.width, height: info.height };
    if (request.pack) {
      // Loaded when a pack is first read: tesseract.js is no part of the built-in languages' path.
      packReaders ??= import('../languages/read-lines.ts');
      const reader = await ocr();
      return { id: request.id, ok: true, ...(await (await packReaders).readWithPack(image, await reader.findLines(image), request.pack)) };
    }
    return { id: request.id, ok: true, ...(await (await ocr()).read(image)) };
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Lets the sessions go (the models' memory is freed once nothing holds them), and ends any language pack's
 * Tesseract workers; the next request makes them again.
 */
export async function releaseLocalSessions(): Promise<void> {
  engine = undefined;
  const readers = packReaders;
  packReaders = undefined;
  await (await readers)?.releasePackReaders();
}

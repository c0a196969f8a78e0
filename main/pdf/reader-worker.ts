/**
 * The PDF worker: one document open in PDFium (pdfium/engine.ts), pages drawn one at a time as the host asks. It
 * runs on its own thread with its own limits (pdf.ts starts it), so a page that takes all the memory it was given,
 * or never ends, costs this thread only: the host terminates it and starts another for the next page.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PageFailure, PdfiumEngine } from './pdfium/engine.ts';
import type { ReaderRequest, ReaderResponse, ReaderSetup } from './reader-protocol.ts';

const setup = workerData as ReaderSetup;
const port = parentPort!;
const engine = PdfiumEngine.start(setup.wasmMaxBytes);

const reply = (response: ReaderResponse, transfer: ArrayBuffer[] = []): void => port.postMessage(response, transfer);

/** A trap or an abort inside the engine (its memory ran out, an unreachable was hit): the engine cannot go on. */
const broken = (error: unknown): boolean => error instanceof WebAssembly.RuntimeError || (error instanceof Error && /Aborted|out of memory|memory access/i.test(error.message));

port.on('message', (request: ReaderRequest) => {
  void (async () => {
    const pdfium = await engine;
    if (request.type === 'open') {
      try {
        const opened = pdfium.open(request.bytes, request.password);
        reply(typeof opened === 'number' ? { type: 'opened', pages: opened } : { type: 'open-failed', reason: opened, detail: '' });
      } catch (error) {
        reply({ type: 'open-failed', reason: broken(error) ? 'memory' : 'corrupt', detail: error instanceof PageFailure ? error.message : '' });
      }
      return;
    }
    try {
      const page = pdfium.page(request.number - 1, request.bounds);
      reply({ type: 'page', number: request.number, ...page, heapBytes: pdfium.heapBytes }, [page.rgb.buffer as ArrayBuffer]);
    } catch (error) {
      const engineBroke = broken(error);
      const message = error instanceof PageFailure ? error.message : engineBroke ? 'memory' : error instanceof Error ? error.message : String(error);
      reply({ type: 'page-failed', number: request.number, message, broken: engineBroke });
    }
  })();
});

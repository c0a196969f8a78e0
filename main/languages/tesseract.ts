/**
 * Tesseract (tesseract.js: the C++ engine as WebAssembly, in a worker thread of its own) reading one line at a time
 * with an installed pack, fully offline. By default tesseract.js fetches trained data from a CDN and caches it in
 * the working folder; here langPath is the pack's folder (a path, so it reads the file: worker-script/index.js,
 * loadLanguage), the cache is off, and the worker script is the package's own file (in a packaged app, the copy in
 * app.asar.unpacked, beside the WebAssembly it loads: build/worker-packages.ts). Nothing is fetched, ever
 * (test/main/languages/tesseract.test.ts fails on any attempt).
 */
import { createRequire } from 'node:module';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type Tesseract from 'tesseract.js';
import { unpackedPath } from '../asar.ts';

// Not named `require`: the build's ES modules get a require of their own (electron-vite's shim), which it would redeclare.
const resolveModule = createRequire(import.meta.url).resolve;

/** The worker script and the WebAssembly core, as files on disk (never inside app.asar). */
export function tesseractFiles(): { workerPath: string; corePath: string } {
  return {
    workerPath: unpackedPath(resolveModule('tesseract.js/src/worker-script/node/index.js')),
    // Under Node the worker loads the core with require() (worker-script/node/getCore.js); set so a build that
    // looks here finds the packaged copy, never a CDN.
    corePath: unpackedPath(dirname(resolveModule('tesseract.js-core/package.json'))),
  };
}

export interface LineText {
  text: string;
  /** Tesseract's confidence in the line, 0 to 1. */
  confidence: number;
}

/** Page segmentation: one line, or one column of vertical text (Tesseract's PSM 7 and 5). */
const SINGLE_LINE = '7';
const VERTICAL_BLOCK = '5';

/** One model loaded in its worker, reading line images. */
export class TesseractLines {
  readonly #worker: Tesseract.Worker;

  private constructor(worker: Tesseract.Worker) {
    this.#worker = worker;
  }

  /** The model `<folder>/<model>.traineddata.gz`; `vertical` reads upright columns (jpn_vert). */
  static async load(folder: string, model: string, vertical: boolean): Promise<TesseractLines> {
    // Checked here: tesseract.js reports a file it cannot load only to errorHandler, and then never settles.
    await access(join(folder, `${model}.traineddata.gz`), constants.R_OK);
    let failed: (error: Error) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    // Loaded here, not with this module: the worker bundle inlines this module, and the built-in languages need none of it.
    const { createWorker, OEM } = (await import('tesseract.js')).default;
    const worker = await Promise.race([
      createWorker(model, OEM.LSTM_ONLY, {
        ...tesseractFiles(),
        langPath: folder,
        gzip: true,
        cacheMethod: 'none',
        logger: () => undefined,
        // Without a handler tesseract.js throws from an event listener, which would end the engine's whole worker.
        errorHandler: (data: unknown) => failed(new Error(`Tesseract could not load ${model}: ${String(data)}`)),
      }),
      failure,
    ]);
    await worker.setParameters({ tessedit_pageseg_mode: (vertical ? VERTICAL_BLOCK : SINGLE_LINE) as Tesseract.PSM, user_defined_dpi: '300' });
    return new TesseractLines(worker);
  }

  async read(png: Uint8Array): Promise<LineText> {
    const { data } = await this.#worker.recognize(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    return { text: data.text, confidence: data.confidence / 100 };
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

/** The offline engine: works with no key and no network, in a process or thread of its own (local-host.ts). */
import type { PixelBounds } from '../image/smart-resize.ts';
import type { DeltaListener, EngineImage, OcrEngine, RecognizeOptions, RecognizeResult } from './engine.ts';
import { OcrError } from './errors.ts';
import { ReadoutError } from '../errors.ts';
import type { Code } from '../codes/code.ts';
import { unpackedUrl } from '../asar.ts';
import { startEngineHost, type EngineHost, type HostKind } from './local-host.ts';
import type { LocalLine, LocalRequest, LocalResponse } from './local-protocol.ts';
import { layoutBlocks, layoutText } from './layout.ts';
import { readingBlocks } from './reading-order.ts';
import type { PackModels } from '../languages/read-lines.ts';
import type { InstalledPack } from '../languages/store.ts';

export const LOCAL_MODEL = 'PP-OCRv4';

/** The model a pack's reading is recorded with: Tesseract, and the pack. */
export const packModel = (code: string): string => `Tesseract (${code})`;

/** The detector scales input itself; keep up to a 4K screen's pixels so small text survives. */
const LOCAL_BOUNDS: PixelBounds = { factor: 4, minPixels: 3136, maxPixels: 3840 * 2160 };

/**
 * Same worker file next to this one: .ts when run from source, the self-contained .mjs bundle inside the built app
 * (electron.vite.config.ts); in a packaged app, the copy in app.asar.unpacked (the worker and what it loads run
 * outside the archive: asar.ts).
 */
function workerUrl(): URL {
  return unpackedUrl(new URL(import.meta.url.endsWith('.ts') ? './local-worker.ts' : './local-worker.mjs', import.meta.url));
}

/** The text in reading order, laid out as the image shows it (layout.ts). */
export function linesToText(lines: LocalLine[]): string {
  return layoutText(lines);
}

export class LocalEngine implements OcrEngine {
  readonly name = 'local' as const;
  readonly model = LOCAL_MODEL;
  #host: EngineHost | undefined;
  readonly #hostKind: HostKind | undefined;

  /** `host` picks where inference runs; by default a thread in Electron, under Node the command's own thread or, for a long command line, a process (local-host.ts). */
  constructor(options: { host?: HostKind } = {}) {
    this.#hostKind = options.host;
  }

  #nextId = 1;
  readonly #pending = new Map<number, (response: LocalResponse) => void>();

  pixelBounds(overrides: Partial<Omit<PixelBounds, 'factor'>> = {}): PixelBounds {
    return {
      factor: LOCAL_BOUNDS.factor,
      minPixels: overrides.minPixels ?? LOCAL_BOUNDS.minPixels,
      maxPixels: overrides.maxPixels ?? LOCAL_BOUNDS.maxPixels,
    };
  }

  #ensureHost(): EngineHost {
    this.#host ??= startEngineHost(workerUrl(), this.#hostKind, {
      message: (response) => {
        this.#pending.get(response.id)?.(response);
        this.#pending.delete(response.id);
      },
      failed: (message) => this.#failAll(message),
      exited: () => {
        this.#host = undefined;
        this.#failAll('the offline engine stopped');
      },
    });
    return this.#host;
  }

  #failAll(message: string): void {
    for (const [id, settle] of this.#pending) settle({ id, ok: false, message });
    this.#pending.clear();
  }

  recognize(image: EngineImage, _options: RecognizeOptions, onDelta: DeltaListener, signal?: AbortSignal): Promise<RecognizeResult> {
    return this.#read(image, LOCAL_MODEL, undefined, onDelta, signal);
  }

  /**
   * This engine reading with an installed language pack (languages/read-lines.ts): the same worker, its detector
   * finding the lines, Tesseract reading them. Closing it closes this engine.
   */
  withPack(pack: InstalledPack): OcrEngine {
    const model = packModel(pack.code);
    const models = { folder: pack.folder, ...pack.models };
    return {
      name: 'local',
      model,
      pixelBounds: (overrides) => this.pixelBounds(overrides),
      recognize: (image, _options, onDelta, signal) => this.#read(image, model, models, onDelta, signal),
      close: () => this.close(),
    };
  }

  async #read(image: EngineImage, model: string, pack: PackModels | undefined, onDelta: DeltaListener, signal?: AbortSignal): Promise<RecognizeResult> {
    const started = performance.now();
    const response = await this.#request((id) => ({ id, image: new Uint8Array(image.data), ...(pack ? { pack } : {}) }), signal);
    if (!response.ok) {
      throw new OcrError('engine-failed', `The offline engine could not read the image: ${response.message}`);
    }
    // Reading order found once, for the text and its words alike.
    const blocks = readingBlocks(response.lines);
    const text = layoutBlocks(blocks);
    if (text) onDelta(text);
    // The offline engine finds lines: each is a "word" of the result, in reading order, in the sent image's pixels.
    const words = blocks.flat(2).map((line) => ({ text: line.text, box: line.box, confidence: line.confidence ?? line.mean }));
    return { text, usage: null, model, engine: 'local', durationMs: Math.round(performance.now() - started), requestId: null, cost: 0, confidence: response.confidence, words, ...(response.unread ? { unread: response.unread } : {}) };
  }

  /**
   * The QR codes and barcodes in an image file, scanned where the engine runs (a worker thread in the app), so a
   * 4K frame's scan never holds the caller's thread; the models are not loaded for it.
   */
  async scanCodes(bytes: Uint8Array, signal?: AbortSignal): Promise<Code[]> {
    // A copy: the bytes are handed over to the worker (transferred), and a Buffer may share its memory with others.
    const response = await this.#request((id) => ({ id, codes: new Uint8Array(bytes) }), signal);
    if (!response.ok) throw new ReadoutError('codes-failed', `Codes could not be scanned: ${response.message}`);
    return response.codes ?? [];
  }

  /**
   * Loads the models and runs each once, in the background, so the first capture is as fast as the rest (the app
   * calls it at start when the offline engine is the one in use). A failure here is left for a real read to report.
   */
  async warmUp(): Promise<void> {
    await this.#request((id) => ({ id, warm: true })).catch(() => undefined);
  }

  /**
   * After `ms` without a request, the worker and its models (about half a gigabyte) are let go; the next image loads
   * them again. null keeps them for as long as the app runs.
   */
  releaseWhenIdle(ms: number | null): void {
    this.#idleMs = ms;
    this.#armIdleRelease();
  }

  /** Whether the worker and its models are in memory. */
  get loaded(): boolean {
    return this.#host !== undefined;
  }

  #idleMs: number | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  #armIdleRelease(): void {
    clearTimeout(this.#idleTimer);
    if (this.#idleMs === null || this.#pending.size > 0 || !this.#host) return;
    this.#idleTimer = setTimeout(() => void this.close(), this.#idleMs);
    this.#idleTimer.unref?.();
  }

  async #request(make: (id: number) => LocalRequest, signal?: AbortSignal): Promise<LocalResponse> {
    if (signal?.aborted) throw new OcrError('cancelled', 'Cancelled.');
    clearTimeout(this.#idleTimer);
    const host = this.#ensureHost();
    const id = this.#nextId++;
    return new Promise<LocalResponse>((resolve, reject) => {
      const onAbort = (): void => {
        this.#pending.delete(id);
        reject(new OcrError('cancelled', 'Cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, (r) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(r);
      });
      host.hold(true);
      host.send(make(id));
    }).finally(() => {
      if (this.#pending.size === 0) this.#host?.hold(false);
      this.#armIdleRelease();
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.#idleTimer);
    const host = this.#host;
    this.#host = undefined;
    await host?.stop();
  }
}

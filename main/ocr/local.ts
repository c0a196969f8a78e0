/** The offline engine: works with no key and no network, in a process or thread of its own (local-host.ts). */
import type { PixelBounds } from '../image/smart-resize.ts';
import type { DeltaListener, EngineImage, OcrEngine, RecognizeOptions, RecognizeResult } from './engine.ts';
import { OcrError } from './errors.ts';
import { unpackedUrl } from '../asar.ts';
import { startEngineHost, type EngineHost } from './local-host.ts';
import type { LocalLine, LocalRequest, LocalResponse } from './local-protocol.ts';

export const LOCAL_MODEL = 'PP-OCRv4';

/** The detector scales input itself; keep up to a 4K screen's pixels so small text survives. */
const LOCAL_BOUNDS: PixelBounds = { factor: 4, minPixels: 3136, maxPixels: 3840 * 2160 };

/**
 * Same worker file next to this one: .ts when run from source, .js inside the built app; in a packaged app, the
 * copy in app.asar.unpacked (the worker and what it loads run outside the archive: asar.ts).
 */
function workerUrl(): URL {
  return unpackedUrl(new URL(import.meta.url.endsWith('.ts') ? './local-worker.ts' : './local-worker.js', import.meta.url));
}

/** Lines in reading order: top to bottom, and left to right within a row. */
export function linesToText(lines: LocalLine[]): string {
  const top = (line: LocalLine): number => Math.min(...line.box.map((p) => p[1] ?? 0));
  const left = (line: LocalLine): number => Math.min(...line.box.map((p) => p[0] ?? 0));
  const height = (line: LocalLine): number => Math.max(...line.box.map((p) => p[1] ?? 0)) - top(line);
  const sorted = [...lines].filter((l) => l.text.trim()).sort((a, b) => top(a) - top(b));
  const rows: LocalLine[][] = [];
  for (const line of sorted) {
    const row = rows.at(-1);
    const anchor = row?.[0];
    if (row && anchor && Math.abs(top(line) - top(anchor)) < Math.min(height(line), height(anchor)) / 2) row.push(line);
    else rows.push([line]);
  }
  return rows.map((row) => row.sort((a, b) => left(a) - left(b)).map((l) => l.text).join(' ')).join('\n');
}

export class LocalEngine implements OcrEngine {
  readonly name = 'local' as const;
  readonly model = LOCAL_MODEL;
  #host: EngineHost | undefined;
  readonly #hostKind: 'process' | 'thread' | undefined;

  /** `host` picks where inference runs; by default a process under Node, a thread in Electron (local-host.ts). */
  constructor(options: { host?: 'process' | 'thread' } = {}) {
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

  async recognize(image: EngineImage, _options: RecognizeOptions, onDelta: DeltaListener, signal?: AbortSignal): Promise<RecognizeResult> {
    const started = performance.now();
    if (signal?.aborted) throw new OcrError('cancelled', 'Cancelled.');
    const host = this.#ensureHost();
    const id = this.#nextId++;
    const response = await new Promise<LocalResponse>((resolve, reject) => {
      const onAbort = (): void => {
        this.#pending.delete(id);
        reject(new OcrError('cancelled', 'Cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, (r) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(r);
      });
      const request: LocalRequest = { id, image: new Uint8Array(image.data) };
      host.hold(true);
      host.send(request);
    }).finally(() => {
      if (this.#pending.size === 0) this.#host?.hold(false);
    });
    if (!response.ok) {
      throw new OcrError('engine-failed', `The offline engine could not read the image: ${response.message}`);
    }
    const text = linesToText(response.lines);
    if (text) onDelta(text);
    return { text, usage: null, model: LOCAL_MODEL, engine: 'local', durationMs: Math.round(performance.now() - started), requestId: null, cost: 0 };
  }

  async close(): Promise<void> {
    const host = this.#host;
    this.#host = undefined;
    await host?.stop();
  }
}

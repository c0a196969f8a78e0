/**
 * Which engine reads the next image, and the offline engine's life. Qwen is used when it is chosen and can be
 * reached (a key, or a custom endpoint that may need none); otherwise the offline engine, which is one for the whole
 * app: its worker holds the models, so it is loaded once and let go only after a long idle, when the user asks.
 */
import type { OcrEngine } from '../ocr/engine.ts';
import { LocalEngine } from '../ocr/local.ts';
import { protocolFor, REGIONS } from '../ocr/models.ts';
import { QwenEngine } from '../ocr/qwen.ts';
import { parseResultSchema, type Task, type TaskRequest } from '../ocr/tasks.ts';
import type { Settings } from '../settings/schema.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { LanguagePacks } from '../languages/packs.ts';

/** How long the offline engine sits unused before it is let go, when the user chose that (offlineIdleRelease). */
export const OFFLINE_IDLE_MS = 10 * 60_000;

/** The settings that decide whether the offline engine is in use, or how long it is kept. */
export const OFFLINE_SETTINGS: ReadonlyArray<keyof Settings> = ['engine', 'baseUrl', 'region', 'offlineIdleRelease', 'offlineLanguage'];

export class Engines {
  readonly #settings: SettingsService;
  readonly #packs: LanguagePacks;
  readonly #local = new LocalEngine();

  constructor(settings: SettingsService, packs: LanguagePacks) {
    this.#settings = settings;
    this.#packs = packs;
  }

  /**
   * The offline engine reading the language chosen in Settings: a pack's models where one is chosen and installed,
   * its built-in ones otherwise (a pack removed since falls back rather than failing every capture).
   */
  #offline(settings: Settings): OcrEngine {
    const pack = settings.offlineLanguage === 'built-in' ? null : this.#packs.installed(settings.offlineLanguage);
    return pack ? this.#local.withPack(pack) : this.#local;
  }

  /** The engine a recognition uses now, or the one a re-run asks for. */
  engine(settings: Settings = this.#settings.get(), override: { engine?: 'qwen' | 'local'; model?: string } = {}): OcrEngine {
    const baseURL = settings.baseUrl ?? REGIONS[settings.region];
    const apiKey = this.#settings.keyFor(baseURL);
    const wanted = override.engine ?? settings.engine;
    if (wanted === 'local' || (!apiKey && !settings.baseUrl)) return this.#offline(settings);
    const api = protocolFor(settings.api, settings.baseUrl !== null);
    return new QwenEngine({ baseURL, apiKey, model: override.model ?? settings.model, api });
  }

  /** A task as settings ask for it: key-info with the chosen schema, the rotation for every task. */
  taskRequest(settings: Settings, task: Task = settings.task): TaskRequest {
    const json = task === 'key-info' && settings.schemaName ? settings.schemas[settings.schemaName] : undefined;
    const schema = json ? parseResultSchema(json) : null;
    return { task, rotate: settings.rotate, ...(schema?.ok ? { schema: schema.schema } : {}) };
  }

  /**
   * The offline engine as the settings want it: loaded in the background when it is the engine in use (so the first
   * capture is as fast as the rest), and let go after a long idle when the user chose that. The app calls this at
   * start; settings that change which engine is in use call it again.
   */
  prepareOffline(settings: Settings = this.#settings.get()): void {
    this.#local.releaseWhenIdle(settings.offlineIdleRelease ? OFFLINE_IDLE_MS : null);
    if (this.engine(settings).name === 'local') void this.#local.warmUp();
  }

  /** QR codes and barcodes, in the offline engine's worker beside the reading: a 4K scan never holds the main process. */
  scanCodes(image: Uint8Array): ReturnType<LocalEngine['scanCodes']> {
    return this.#local.scanCodes(image);
  }

  close(): Promise<void> {
    return this.#local.close();
  }
}

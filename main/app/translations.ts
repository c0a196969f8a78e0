/**
 * Translating an entry's text (issue 24) for the window: translate.run / translate.cancel on the bridge. One
 * translation per entry at a time; its text so far goes out as translate:delta (the whole text, never a fragment),
 * and history:changed when it starts and when it is kept. The key goes from settings to the translator here, in
 * main, and nowhere else.
 */
import type { EventPayloads } from '../../preload/api.ts';
import type { AppPorts } from './services.ts';
import { ReadoutError } from '../errors.ts';
import { REGIONS } from '../ocr/regions.ts';
import { Translator } from '../translate/translator.ts';
import { translateEntry } from '../translate/translate-entry.ts';

/** The settings' endpoint (a custom one, or the region's compatible one) and its key; the native protocol aside. */
export function translatorFor(settings: AppPorts['settings'], fetchImpl?: typeof fetch): Translator {
  const current = settings.get();
  const baseURL = current.baseUrl ?? REGIONS[current.region];
  const apiKey = settings.keyFor(baseURL);
  if (!apiKey && !current.baseUrl) {
    throw new ReadoutError('no-key', 'Translation uses Qwen-MT, which needs a DashScope API key: add one in Settings.');
  }
  return new Translator({ baseURL, apiKey, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

export class AppTranslations {
  readonly #ports: Pick<AppPorts, 'emit' | 'history' | 'settings'>;
  readonly #running = new Map<number, AbortController>();
  /** Translations started by the app itself (every capture), for idle(). */
  readonly #background = new Set<Promise<void>>();

  constructor(ports: Pick<AppPorts, 'emit' | 'history' | 'settings'>) {
    this.#ports = ports;
  }

  /** Whether a translation is under way. */
  get busy(): boolean {
    return this.#running.size > 0;
  }

  async run(entryId: number, options: { targetLang: string; model?: string }): Promise<void> {
    const { history, emit, settings } = this.#ports;
    if (!history.get(entryId)) throw new ReadoutError('history-not-found', `There is no history entry ${entryId}.`);
    const translator = translatorFor(settings);
    // A second Translate on the same entry replaces the first.
    this.#running.get(entryId)?.abort();
    const controller = new AbortController();
    this.#running.set(entryId, controller);
    const current = settings.get();
    try {
      await translateEntry(
        history,
        translator,
        entryId,
        { targetLang: options.targetLang, model: options.model ?? current.translateModel, terms: current.translateTerms },
        (text) => emit('translate:delta', { entryId, text }),
        controller.signal,
      );
    } finally {
      if (this.#running.get(entryId) === controller) this.#running.delete(entryId);
      emit('history:changed', { ids: [entryId] });
    }
  }

  cancel(entryId: number): boolean {
    const running = this.#running.get(entryId);
    if (!running) return false;
    running.abort();
    return true;
  }

  /** `ports` whose emit also tells afterRead of every reading done, for the jobs to emit through. */
  hearing<P extends Pick<AppPorts, 'emit'>>(ports: P): P {
    return {
      ...ports,
      emit: (event, payload) => {
        ports.emit(event, payload);
        const progress = event === 'ocr:progress' ? (payload as EventPayloads['ocr:progress']) : null;
        if (progress?.state === 'done' && progress.entryId !== null) this.afterRead(progress.entryId);
      },
    };
  }

  /**
   * A job's reading is done: with "Translate every capture" on, a capture (a screen region) that was read is
   * translated into the target language in Settings. Its failure is kept on the translation, where the window shows it.
   */
  afterRead(entryId: number): void {
    const settings = this.#ports.settings.get();
    if (!settings.translateEveryCapture) return;
    const entry = this.#ports.history.get(entryId);
    if (!entry || entry.source.kind !== 'region' || entry.status !== 'done' || !(entry.editedText ?? entry.text).trim()) return;
    const running = this.run(entryId, { targetLang: settings.translateTarget }).catch(() => undefined);
    this.#background.add(running);
    void running.finally(() => this.#background.delete(running));
  }

  /** Waits for the translations the app started itself: for tests and for quitting cleanly. */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.all([...this.#background]);
  }

  /** Every translation under way, at quit. */
  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }
}

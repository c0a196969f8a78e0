/**
 * Translating an entry's text (issue 24) for the window: translate.run / translate.cancel on the bridge. One
 * translation per entry at a time; its text so far goes out as translate:delta (the whole text, never a fragment),
 * and history:changed when it is kept.
 */
import type { AppPorts } from './services.ts';
import { ReadoutError } from '../errors.ts';

export class AppTranslations {
  readonly #ports: Pick<AppPorts, 'emit' | 'history' | 'settings'>;
  readonly #running = new Map<number, AbortController>();

  constructor(ports: Pick<AppPorts, 'emit' | 'history' | 'settings'>) {
    this.#ports = ports;
  }

  async run(entryId: number, _options: { targetLang: string; model?: string }): Promise<void> {
    if (!this.#ports.history.get(entryId)) throw new ReadoutError('history-not-found', `Entry ${entryId} is not in the history`);
    throw new ReadoutError('engine-failed', 'Translation is not available yet');
  }

  cancel(entryId: number): boolean {
    const running = this.#running.get(entryId);
    if (!running) return false;
    running.abort();
    return true;
  }
}

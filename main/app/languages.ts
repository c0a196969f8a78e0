/**
 * The Settings page's offline languages: the list with sizes, a pack added with its download's progress said to the
 * window (languages:progress), cancelled, removed. Removing the pack the offline engine reads with puts it back on
 * its built-in languages, so a capture never asks for a pack that is gone.
 */
import type { LanguageView, PackCode } from '../../preload/api.ts';
import { ReadoutError } from '../errors.ts';
import type { LanguagePacks } from '../languages/packs.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { AppPorts } from './services.ts';

export class AppLanguages {
  readonly #packs: LanguagePacks;
  readonly #settings: SettingsService;
  readonly #emit: AppPorts['emit'];
  readonly #downloads = new Map<PackCode, AbortController>();

  constructor(ports: Pick<AppPorts, 'languages' | 'settings' | 'emit'>) {
    this.#packs = ports.languages;
    this.#settings = ports.settings;
    this.#emit = ports.emit;
  }

  list(): LanguageView[] {
    return this.#packs.list() as LanguageView[];
  }

  /** The packs installed now. */
  installed(): PackCode[] {
    return this.list().filter((language) => language.status === 'installed').map((language) => language.code as PackCode);
  }

  async add(code: PackCode): Promise<LanguageView[]> {
    if (this.#downloads.has(code)) throw new ReadoutError('language-busy', 'This language pack is being added already.');
    const controller = new AbortController();
    this.#downloads.set(code, controller);
    let percent = -1;
    try {
      await this.#packs.add(code, {
        signal: controller.signal,
        // Whole percents: a download in 64 KB chunks would otherwise send hundreds of events to the window.
        onProgress: (received, total) => {
          const now = Math.floor((received / total) * 100);
          if (now === percent) return;
          percent = now;
          this.#emit('languages:progress', { code, received, total });
        },
      });
    } finally {
      this.#downloads.delete(code);
    }
    return this.list();
  }

  cancel(code: PackCode): void {
    this.#downloads.get(code)?.abort();
  }

  remove(code: PackCode): LanguageView[] {
    this.#packs.remove(code);
    if (this.#settings.get().offlineLanguage === code) this.#settings.update({ offlineLanguage: 'built-in' });
    return this.list();
  }
}

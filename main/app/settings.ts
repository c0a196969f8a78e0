/**
 * The Settings page's side of the bridge: settings saved with their side effects (hotkeys taken, the offline engine
 * loaded or let go), and the API key, which goes to a server other than DashScope's only when the user says so in a
 * main-process dialog (review N11): the window can ask, never allow.
 */
import type { ApiKeyStatus, KeySaveResult, SettingsView } from '../../preload/api.ts';
import { ReadoutError } from '../errors.ts';
import { REGIONS, type Region } from '../ocr/models.ts';
import { keyVerdict, looksLikeKey, testApiKey, type KeyTestResult } from '../ocr/test-key.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { Confirmations } from './confirm.ts';
import { OFFLINE_SETTINGS, type Engines } from './engines.ts';
import type { AppPorts } from './services.ts';

export class AppSettings {
  readonly #settings: SettingsService;
  readonly #takeHotkeys: AppPorts['takeHotkeys'];
  readonly #engines: Engines;
  readonly #confirmations: Confirmations;
  readonly #endpoints: Readonly<Record<Region, string>>;

  constructor(ports: Pick<AppPorts, 'settings' | 'takeHotkeys' | 'regionEndpoints'>, engines: Engines, confirmations: Confirmations) {
    this.#settings = ports.settings;
    this.#takeHotkeys = ports.takeHotkeys;
    this.#engines = engines;
    this.#confirmations = confirmations;
    this.#endpoints = ports.regionEndpoints ?? REGIONS;
  }

  get(): { settings: SettingsView; apiKey: ApiKeyStatus } {
    return { settings: this.#settings.get(), apiKey: this.#settings.apiKeyStatus() };
  }

  /** Saves a change; new hotkeys are taken first, and one the OS refuses is refused here, in words, before saving. */
  update(patch: Partial<SettingsView>): SettingsView {
    const current = this.#settings.get();
    const hotkeys = { hotkey: patch.hotkey ?? current.hotkey, repeatHotkey: patch.repeatHotkey ?? current.repeatHotkey };
    if (hotkeys.hotkey !== current.hotkey || hotkeys.repeatHotkey !== current.repeatHotkey) {
      const [problem] = this.#takeHotkeys(hotkeys);
      if (problem) {
        throw new ReadoutError(
          problem.kind === 'taken' ? 'hotkey-taken' : 'hotkey-invalid',
          problem.kind === 'taken' ? `${problem.hotkey} is already used by another app.` : `${problem.hotkey} is not a shortcut Readout can use.`,
        );
      }
    }
    const saved = this.#settings.update(patch);
    if (OFFLINE_SETTINGS.some((key) => key in patch)) this.#engines.prepareOffline();
    return saved;
  }

  /**
   * Keeps the key. With a custom endpoint set that the user has not allowed yet, the key is kept withheld from it and
   * the user is asked; the status says what they answered.
   */
  async setApiKey(key: string): Promise<ApiKeyStatus> {
    const status = await this.#settings.setApiKey(key, { trustEndpoint: false });
    return status.withheldFrom ? this.trustEndpoint(status.withheldFrom) : status;
  }

  /**
   * A key typed in Settings, tested before it is used (review 2, M9). In a DashScope region the test goes out with the
   * typed key alone, and only a key the server does not refuse is saved: a refused one leaves the key in use (and so
   * the next capture) as it was. `region` tests it in another region, which becomes the one in Settings if the key
   * works there. A custom endpoint gets the key only after the user's yes (setApiKey), so there it is kept first,
   * tested, and taken back if refused.
   */
  async saveApiKey(key: string, region?: Region): Promise<KeySaveResult> {
    if (!looksLikeKey(key)) throw new ReadoutError('key-invalid', 'That does not look like an API key.');
    const settings = this.#settings.get();
    if (settings.baseUrl) return this.#saveForEndpoint(key);
    const where = region ?? settings.region;
    const test = await testApiKey({ baseURL: this.#endpoints[where], apiKey: key.trim(), model: settings.model });
    const verdict = keyVerdict(test);
    if (verdict === 'rejected') return { outcome: 'rejected', region: where, test, ...this.#now() };
    await this.#settings.setApiKey(key, { trustEndpoint: false });
    // A key that works in the region asked for brings the region with it; the engine in use may change either way.
    if (where !== settings.region) this.#settings.update({ region: where });
    this.#engines.prepareOffline();
    return { outcome: verdict === 'unchecked' ? 'unchecked' : 'saved', region: where, test, ...this.#now() };
  }

  async #saveForEndpoint(key: string): Promise<KeySaveResult> {
    const previous = this.#settings.apiKey();
    const status = await this.setApiKey(key);
    if (status.withheldFrom) return { outcome: 'saved', region: null, test: null, ...this.#now() };
    const test = await this.testApiKey();
    const verdict = keyVerdict(test);
    if (verdict === 'rejected') {
      // Back to the key that was in use (the endpoint stays allowed for it), or to none.
      if (previous) await this.#settings.setApiKey(previous, { trustEndpoint: false });
      else this.#settings.clearApiKey();
      return { outcome: 'rejected', region: null, test, ...this.#now() };
    }
    this.#engines.prepareOffline();
    return { outcome: verdict === 'unchecked' ? 'unchecked' : 'saved', region: null, test, ...this.#now() };
  }

  #now(): { apiKey: ApiKeyStatus; settings: SettingsView } {
    return { apiKey: this.#settings.apiKeyStatus(), settings: this.#settings.get() };
  }

  clearApiKey(): ApiKeyStatus {
    const status = this.#settings.clearApiKey();
    this.#engines.prepareOffline();
    return status;
  }

  /**
   * Lets the key go to `url`, the custom endpoint now set, once the user says yes in main. Nothing withheld (no key,
   * or allowed already) asks nothing. The status after the answer is the result: still withheld after a no.
   */
  async trustEndpoint(url: string): Promise<ApiKeyStatus> {
    if (url !== this.#settings.get().baseUrl) throw new ReadoutError('settings-invalid', 'That is not the endpoint in Settings.');
    const status = this.#settings.apiKeyStatus();
    if (status.withheldFrom !== url) return status;
    if (!(await this.#confirmations.ask('trust-endpoint', url))) return this.#settings.apiKeyStatus();
    // Checked again: the endpoint may have changed while the question was on screen, and the yes was for this one.
    return this.#settings.trustEndpoint(url);
  }

  testApiKey(): Promise<KeyTestResult> {
    const settings = this.#settings.get();
    const baseURL = settings.baseUrl ?? REGIONS[settings.region];
    const apiKey = this.#settings.keyFor(baseURL);
    if (!apiKey && !settings.baseUrl) return Promise.resolve({ ok: false, code: 'no-key', message: 'No API key is set.' });
    if (!settings.baseUrl) return testApiKey({ baseURL: this.#endpoints[settings.region], apiKey, model: settings.model });
    return testApiKey({ baseURL, apiKey, model: settings.model });
  }
}

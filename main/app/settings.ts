/**
 * The Settings page's side of the bridge: settings saved with their side effects (hotkeys taken, the offline engine
 * loaded or let go), and the API key, which goes to a server other than DashScope's only when the user says so in a
 * main-process dialog (review N11): the window can ask, never allow.
 */
import type { ApiKeyStatus, KeyTestResult, SettingsView } from '../../preload/api.ts';
import { ReadoutError } from '../errors.ts';
import { REGIONS } from '../ocr/models.ts';
import { testApiKey } from '../ocr/test-key.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { Confirmations } from './confirm.ts';
import { OFFLINE_SETTINGS, type Engines } from './engines.ts';
import type { AppPorts } from './services.ts';

export class AppSettings {
  readonly #settings: SettingsService;
  readonly #takeHotkeys: AppPorts['takeHotkeys'];
  readonly #engines: Engines;
  readonly #confirmations: Confirmations;

  constructor(ports: Pick<AppPorts, 'settings' | 'takeHotkeys'>, engines: Engines, confirmations: Confirmations) {
    this.#settings = ports.settings;
    this.#takeHotkeys = ports.takeHotkeys;
    this.#engines = engines;
    this.#confirmations = confirmations;
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
    return testApiKey({ baseURL, apiKey, model: settings.model });
  }
}

/**
 * Settings and the API key, over a key-value store (electron-store in the app, conf in tests) and Electron's
 * safeStorage. The key never leaves this module except to the engines: the renderer learns only whether one is
 * set, its last four characters, and how safely it is kept.
 *
 * safeStorage is used through its asynchronous calls only: the synchronous ones are deprecated in Electron 45
 * (electron.d.ts: "Use safeStorage.decryptStringAsync … Data encrypted with safeStorage.encryptString can be
 * decrypted with safeStorage.decryptStringAsync") and could block the main process on a Keychain or kwallet prompt.
 * The key is decrypted once, at start (load()), and kept in memory for the engines.
 */
import { ReadoutError } from '../errors.ts';
import { REGIONS } from '../ocr/models.ts';
import { settingsSchema, type Settings } from './schema.ts';

/** The parts of conf/electron-store used here. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** The parts of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
}

/** os: the OS keychain protects the key; weak: encrypted with a fixed key (Linux basic_text); session: not saved. */
export type KeyStorage = 'os' | 'weak' | 'session';

export interface ApiKeyStatus {
  set: boolean;
  last4: string | null;
  storage: KeyStorage;
  /** The custom endpoint the key is withheld from until the user confirms it, or null. */
  withheldFrom: string | null;
}

const SETTINGS_KEY = 'settings';
const SECRET_KEY = 'secrets.apiKey';
/** The one custom endpoint the user has agreed to send the key to. */
const TRUSTED_ENDPOINT = 'secrets.keyEndpoint';
/** The Local API's bearer token (app/local-api.ts): made in main, kept out of Settings so the window never writes it. */
const LOCAL_API_TOKEN = 'secrets.localApiToken';
/** DashScope's own endpoints: the key was made for them. */
const KEY_HOMES = new Set<string>(Object.values(REGIONS));

export class SettingsService {
  readonly #store: KeyValueStore;
  readonly #safe: SafeStorageLike;
  readonly #schema: ReturnType<typeof settingsSchema>;
  readonly #platform: NodeJS.Platform;
  readonly #listeners = new Set<(settings: Settings) => void>();
  /** The key, decrypted (or, where nothing can encrypt it, kept for this session only). */
  #key: string | undefined;
  /** Whether safeStorage can encrypt; unknown until asked. */
  #available: boolean | undefined;

  constructor(store: KeyValueStore, safeStorage: SafeStorageLike, platform: NodeJS.Platform) {
    this.#store = store;
    this.#safe = safeStorage;
    this.#schema = settingsSchema(platform);
    this.#platform = platform;
  }

  /** Saved settings, with any missing or invalid field at its default. */
  get(): Settings {
    const saved = this.#store.get(SETTINGS_KEY);
    const raw = saved && typeof saved === 'object' ? (saved as Record<string, unknown>) : {};
    const defaults = this.#schema.parse({});
    const shape = this.#schema.shape;
    const result = { ...defaults } as Record<string, unknown>;
    for (const key of Object.keys(shape) as Array<keyof typeof shape>) {
      const parsed = shape[key].safeParse(raw[key]);
      if (parsed.success && raw[key] !== undefined) result[key] = parsed.data;
    }
    return result as Settings;
  }

  update(patch: Partial<Settings>): Settings {
    const next = this.#schema.safeParse({ ...this.get(), ...patch });
    if (!next.success) {
      const issue = next.error.issues[0];
      throw new ReadoutError('settings-invalid', `The setting ${String(issue?.path[0] ?? '')} is not valid: ${issue?.message ?? ''}`);
    }
    if (next.data.minPixels > next.data.maxPixels) {
      throw new ReadoutError('settings-invalid', 'The smallest image size must not be larger than the largest.');
    }
    this.#store.set(SETTINGS_KEY, next.data);
    for (const listener of this.#listeners) listener(next.data);
    return next.data;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #encryptionAvailable(): Promise<boolean> {
    this.#available ??= await this.#safe.isAsyncEncryptionAvailable();
    return this.#available;
  }

  /** Reads the saved key (before the first recognition); one that cannot be decrypted is as good as none. */
  async load(): Promise<void> {
    const saved = this.#store.get(SECRET_KEY);
    if (typeof saved !== 'string' || !(await this.#encryptionAvailable())) return;
    try {
      const { result, shouldReEncrypt } = await this.#safe.decryptStringAsync(Buffer.from(saved, 'base64'));
      this.#key = result;
      // The OS key was rotated or a stronger one is available: write it again under the new one.
      if (shouldReEncrypt) this.#store.set(SECRET_KEY, (await this.#safe.encryptStringAsync(result)).toString('base64'));
    } catch {
      // Encrypted under another user or machine.
      this.#key = undefined;
    }
  }

  #storage(): KeyStorage {
    if (!this.#available) return 'session';
    // Only Linux has a choice of stores (and the call to ask which); Keychain and DPAPI are the real thing.
    if (this.#platform !== 'linux') return 'os';
    const backend = this.#safe.getSelectedStorageBackend?.();
    return backend === 'basic_text' || backend === 'unknown' ? 'weak' : 'os';
  }

  /** The key, for the engines only. */
  apiKey(): string | undefined {
    return this.#key;
  }

  /**
   * The key for a request to `baseURL`: always for DashScope's own endpoints, for a custom one only once the user has
   * allowed it (review M11: a renderer that could change the endpoint must not be able to send the key anywhere it
   * likes). A custom endpoint without the key still works for servers that need none (vLLM, Ollama).
   */
  keyFor(baseURL: string): string | undefined {
    if (!this.#key) return undefined;
    return KEY_HOMES.has(baseURL) || this.#store.get(TRUSTED_ENDPOINT) === baseURL ? this.#key : undefined;
  }

  apiKeyStatus(): ApiKeyStatus {
    const key = this.apiKey();
    const baseUrl = this.get().baseUrl;
    const withheldFrom = key && baseUrl && !this.keyFor(baseUrl) ? baseUrl : null;
    return { set: Boolean(key), last4: key ? key.slice(-4) : null, storage: this.#storage(), withheldFrom };
  }

  /**
   * The key may go to `url`, the custom endpoint now set. The caller has the user's word for it: the app asks in a
   * main-process dialog first (app/settings.ts, review N11), never on the window's say-so.
   */
  trustEndpoint(url: string): ApiKeyStatus {
    if (url !== this.get().baseUrl) throw new ReadoutError('settings-invalid', 'That is not the endpoint in Settings.');
    this.#store.set(TRUSTED_ENDPOINT, url);
    for (const listener of this.#listeners) listener(this.get());
    return this.apiKeyStatus();
  }

  /**
   * Keeps `key`. With `trustEndpoint` (the default, for a caller that is the user: a test, a script) the custom
   * endpoint set now may have it too; the app passes false and asks the user in main first (app/settings.ts). An
   * endpoint the user already allowed stays allowed either way; any other loses the key.
   */
  async setApiKey(key: string, options: { trustEndpoint?: boolean } = {}): Promise<ApiKeyStatus> {
    const trimmed = key.trim();
    if (trimmed.length < 8 || /\s/.test(trimmed)) throw new ReadoutError('key-invalid', 'That does not look like an API key.');
    if (await this.#encryptionAvailable()) {
      this.#store.set(SECRET_KEY, (await this.#safe.encryptStringAsync(trimmed)).toString('base64'));
    } else {
      // No way to encrypt it: keep it for this session only rather than write it in the clear.
      this.#store.delete(SECRET_KEY);
    }
    this.#key = trimmed;
    const baseUrl = this.get().baseUrl;
    const trusted = baseUrl !== null && (options.trustEndpoint !== false || this.#store.get(TRUSTED_ENDPOINT) === baseUrl);
    if (trusted) this.#store.set(TRUSTED_ENDPOINT, baseUrl);
    else this.#store.delete(TRUSTED_ENDPOINT);
    for (const listener of this.#listeners) listener(this.get());
    return this.apiKeyStatus();
  }

  /** The Local API's token, or null before it was first made. */
  localApiToken(): string | null {
    const token = this.#store.get(LOCAL_API_TOKEN);
    return typeof token === 'string' && token.length >= 32 ? token : null;
  }

  setLocalApiToken(token: string): void {
    this.#store.set(LOCAL_API_TOKEN, token);
  }

  clearApiKey(): ApiKeyStatus {
    this.#key = undefined;
    this.#store.delete(SECRET_KEY);
    this.#store.delete(TRUSTED_ENDPOINT);
    for (const listener of this.#listeners) listener(this.get());
    return this.apiKeyStatus();
  }
}

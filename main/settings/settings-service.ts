/**
 * Settings and the API key, over a key-value store (electron-store in the app, conf in tests) and Electron's
 * safeStorage. The key never leaves this module except to the engines: the renderer learns only whether one is
 * set, its last four characters, and how safely it is kept.
 */
import { ReadoutError } from '../errors.ts';
import { settingsSchema, type Settings } from './schema.ts';

/** The parts of conf/electron-store used here. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** The parts of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** os: the OS keychain protects the key; weak: encrypted with a fixed key (Linux basic_text); session: not saved. */
export type KeyStorage = 'os' | 'weak' | 'session';

export interface ApiKeyStatus {
  set: boolean;
  last4: string | null;
  storage: KeyStorage;
}

const SETTINGS_KEY = 'settings';
const SECRET_KEY = 'secrets.apiKey';

export class SettingsService {
  readonly #store: KeyValueStore;
  readonly #safe: SafeStorageLike;
  readonly #schema: ReturnType<typeof settingsSchema>;
  readonly #platform: NodeJS.Platform;
  readonly #listeners = new Set<(settings: Settings) => void>();
  #sessionKey: string | undefined;

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

  #storage(): KeyStorage {
    if (!this.#safe.isEncryptionAvailable()) return 'session';
    // Only Linux has a choice of stores (and the call to ask which); Keychain and DPAPI are the real thing.
    if (this.#platform !== 'linux') return 'os';
    const backend = this.#safe.getSelectedStorageBackend?.();
    return backend === 'basic_text' || backend === 'unknown' ? 'weak' : 'os';
  }

  /** The key, for the engines only. */
  apiKey(): string | undefined {
    if (this.#sessionKey) return this.#sessionKey;
    const saved = this.#store.get(SECRET_KEY);
    if (typeof saved !== 'string' || !this.#safe.isEncryptionAvailable()) return undefined;
    try {
      return this.#safe.decryptString(Buffer.from(saved, 'base64'));
    } catch {
      // Encrypted under another user or machine: as good as no key.
      return undefined;
    }
  }

  apiKeyStatus(): ApiKeyStatus {
    const key = this.apiKey();
    return { set: Boolean(key), last4: key ? key.slice(-4) : null, storage: this.#storage() };
  }

  setApiKey(key: string): ApiKeyStatus {
    const trimmed = key.trim();
    if (trimmed.length < 8 || /\s/.test(trimmed)) throw new ReadoutError('key-invalid', 'That does not look like an API key.');
    if (this.#storage() === 'session') {
      // No way to encrypt it: keep it for this session only rather than write it in the clear.
      this.#sessionKey = trimmed;
      this.#store.delete(SECRET_KEY);
    } else {
      this.#sessionKey = undefined;
      this.#store.set(SECRET_KEY, this.#safe.encryptString(trimmed).toString('base64'));
    }
    for (const listener of this.#listeners) listener(this.get());
    return this.apiKeyStatus();
  }

  clearApiKey(): ApiKeyStatus {
    this.#sessionKey = undefined;
    this.#store.delete(SECRET_KEY);
    for (const listener of this.#listeners) listener(this.get());
    return this.apiKeyStatus();
  }
}

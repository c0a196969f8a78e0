/**
 * Stands in for Electron's safeStorage, which needs Electron: its calls as documented in Electron 45's
 * electron.d.ts, with real AES-256-GCM under a key that lives only in this object. `backend` plays
 * getSelectedStorageBackend() on Linux. The deprecated synchronous encryptString is kept to write keys the way
 * earlier versions of Readout did; decryptStringAsync reads those too, as the docs promise.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../main/settings/settings-service.ts';

export class FakeSafeStorage implements SafeStorageLike {
  readonly #key = randomBytes(32);
  available: boolean;
  backend: string;

  constructor(options: { available?: boolean; backend?: string } = {}) {
    this.available = options.available ?? true;
    this.backend = options.backend ?? 'gnome_libsecret';
  }

  /** Set to have the next decryptStringAsync report a rotated key. */
  rotated = false;

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    return this.encryptString(plainText);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const shouldReEncrypt = this.rotated;
    this.rotated = false;
    return { result: this.decryptString(encrypted), shouldReEncrypt };
  }

  getSelectedStorageBackend(): string {
    return this.backend;
  }

  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decryptString(encrypted: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  }
}

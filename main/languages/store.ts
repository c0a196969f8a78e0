/**
 * Installed packs on disk: <data folder>/languages/<code>/ holds each model file and pack.json, which names the
 * tarballs they came from. A pack is installed only when its manifest names the tarballs the catalog pins now and
 * every file has its full size, so a half-written or outdated folder never reaches the reader. Writing is atomic:
 * the files go into a temporary folder beside it, which is renamed into place (a rename within one folder is
 * atomic on every platform we ship); a failure leaves nothing behind and any pack that was there untouched.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGE_PACKS, modelFile, VARIANT, type LanguagePack, type PackCode } from './catalog.ts';

export interface InstalledPack {
  code: PackCode;
  folder: string;
  /** Tesseract's names for the models, by what they read; vertical is null where the pack reads no columns. */
  models: { horizontal: string; vertical: string | null };
  /** Bytes on disk. */
  bytes: number;
}

const MANIFEST = 'pack.json';

const manifestSchema = z.object({
  code: z.string(),
  variant: z.string(),
  sources: z.array(z.object({ name: z.string(), version: z.string(), integrity: z.string(), model: z.string() })),
});

/** Temporary folders of an install that is going on or was cut off (a crash, a full disk). */
const TEMPORARY = /^\.(partial|old)-/;
/** Older than this, a temporary folder is no other install's that is still going on (the app's and the command's). */
const STALE_MS = 10 * 60_000;

export class PackStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  folderOf(code: PackCode): string {
    return join(this.root, code);
  }

  /** The pack as installed, or null when it is not (or not whole, or from other tarballs than the catalog's). */
  installed(pack: LanguagePack): InstalledPack | null {
    const folder = this.folderOf(pack.code);
    let manifest: z.infer<typeof manifestSchema>;
    try {
      manifest = manifestSchema.parse(JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')));
    } catch {
      return null;
    }
    const same =
      manifest.variant === VARIANT &&
      manifest.sources.length === pack.sources.length &&
      pack.sources.every((source, i) => manifest.sources[i]?.integrity === source.integrity && manifest.sources[i]?.model === source.model);
    if (!same) return null;
    let bytes = 0;
    for (const source of pack.sources) {
      const size = fileSize(join(folder, modelFile(source)));
      if (size !== source.installedSize) return null;
      bytes += size;
    }
    const model = (direction: 'horizontal' | 'vertical'): string | null => pack.sources.find((source) => source.direction === direction)?.model ?? null;
    return { code: pack.code, folder, models: { horizontal: model('horizontal')!, vertical: model('vertical') }, bytes: bytes + (fileSize(join(folder, MANIFEST)) ?? 0) };
  }

  /** Every pack installed now. */
  list(): InstalledPack[] {
    return LANGUAGE_PACKS.map((pack) => this.installed(pack)).filter((pack): pack is InstalledPack => pack !== null);
  }

  /** Writes the pack's model files (by model name) and its manifest, then puts the folder in place at once. */
  write(pack: LanguagePack, files: ReadonlyMap<string, Uint8Array>): InstalledPack {
    mkdirSync(this.root, { recursive: true });
    this.#sweep();
    const partial = mkdtempSync(join(this.root, `.partial-${pack.code}-`));
    const target = this.folderOf(pack.code);
    let old: string | null = null;
    try {
      for (const source of pack.sources) {
        const data = files.get(source.model);
        if (!data) throw new Error(`no data for ${source.model}`);
        writeFileSync(join(partial, modelFile(source)), data);
      }
      const manifest = { code: pack.code, variant: VARIANT, sources: pack.sources.map(({ name, version, integrity, model }) => ({ name, version, integrity, model })) };
      // The manifest last: a folder without it is never taken for a pack.
      writeFileSync(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      if (existsSync(target)) {
        old = join(this.root, `.old-${pack.code}-${process.pid}-${Date.now()}`);
        renameSync(target, old);
      }
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (old && !existsSync(target)) renameSync(old, target);
      throw error;
    }
    if (old) rmSync(old, { recursive: true, force: true });
    const installed = this.installed(pack);
    if (!installed) throw new Error(`the pack written to ${target} does not read back`);
    return installed;
  }

  /** Removes the pack's folder; false when there was none. */
  remove(code: PackCode): boolean {
    const folder = this.folderOf(code);
    if (!existsSync(folder)) return false;
    // Renamed away first, so a reader never meets a folder half deleted.
    const doomed = join(this.root, `.old-${code}-${process.pid}-${Date.now()}`);
    renameSync(folder, doomed);
    rmSync(doomed, { recursive: true, force: true });
    return true;
  }

  /** What earlier installs cut off left behind. */
  #sweep(): void {
    for (const name of readdirSync(this.root)) {
      const path = join(this.root, name);
      if (TEMPORARY.test(name) && Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    }
  }
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

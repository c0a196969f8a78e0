/**
 * Gathers what every installer runner built into one folder for the GitHub release, with one update manifest per
 * platform (review N1). Run by the release workflow's publish job:
 *
 *   node scripts/release-assets.ts <artifacts folder> <release folder>
 *
 * Each runner builds one platform and arch and writes its own manifest, named for the platform only on macOS and
 * Windows: latest-mac.yml, latest.yml (app-builder-lib publish/updateInfoBuilder.ts getUpdateInfoFileName; Linux's
 * carry the arch: latest-linux.yml, latest-linux-arm64.yml). electron-updater reads the one file for its platform and
 * picks its arch's file from `files` by name (providers/Provider.ts findFile, MacUpdater.ts filterFilesForArch), so
 * two runners' manifests of one name are merged: their `files` lists joined, and the rest kept from the first (x64's).
 * `path` and `sha512` at the top are for electron-updater before 2.15, which read no `files`.
 *
 * It refuses what would break updates: two runners' files of one name with different content (one would replace the
 * other on the release), manifests of different versions, and a manifest whose file is missing or whose sha512 is not
 * that file's (electron-updater checks the download against it).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** js-yaml, the parser electron-updater reads manifests with (providers/Provider.ts parseUpdateInfo) and electron-builder writes them with. */
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown; dump(value: unknown, options?: Record<string, unknown>): string };

export interface UpdateFileInfo {
  url: string;
  sha512: string;
  size?: number;
  [key: string]: unknown;
}

export interface UpdateInfo {
  version: string;
  files: UpdateFileInfo[];
  path?: string;
  sha512?: string;
  releaseDate?: string;
  [key: string]: unknown;
}

/** A manifest's text as an UpdateInfo, or an error naming what is wrong with it. */
export function parseUpdateInfo(text: string, name = 'manifest'): UpdateInfo {
  const value = yaml.load(text) as Partial<UpdateInfo> | null;
  if (!value || typeof value.version !== 'string') throw new Error(`${name}: no version`);
  if (!Array.isArray(value.files) || value.files.length === 0) throw new Error(`${name}: no files`);
  for (const file of value.files) {
    if (typeof file?.url !== 'string' || typeof file.sha512 !== 'string') throw new Error(`${name}: a file without url or sha512`);
  }
  return value as UpdateInfo;
}

/** The manifest electron-builder would write (builder-util serializeToYaml: js-yaml, lines up to 8000). */
export const serializeUpdateInfo = (info: UpdateInfo): string => yaml.dump(info, { lineWidth: 8000 });

/** One platform's manifests from several runners as one: files joined (x64's first), the rest from the first. */
export function mergeUpdateInfo(infos: readonly UpdateInfo[]): UpdateInfo {
  if (infos.length === 0) throw new Error('no manifests to merge');
  const ordered = [...infos].sort((a, b) => Number(isArm64(a)) - Number(isArm64(b)));
  const first = ordered[0]!;
  const files: UpdateFileInfo[] = [];
  for (const info of ordered) {
    if (info.version !== first.version) throw new Error(`manifests of different versions: ${first.version} and ${info.version}`);
    for (const file of info.files) {
      const same = files.find((other) => other.url === file.url);
      if (!same) files.push(file);
      else if (same.sha512 !== file.sha512) throw new Error(`two builds of ${file.url}, with different content`);
    }
  }
  return { ...first, files, path: first.files[0]!.url, sha512: first.files[0]!.sha512 };
}

const isArm64 = (info: UpdateInfo): boolean => info.files.every((file) => file.url.includes('arm64'));

const isManifest = (name: string): boolean => /^latest.*\.yml$/.test(name);

/** sha512 as electron-builder writes it (base64; app-builder-lib util/hash.ts). */
const sha512 = (path: string): string => createHash('sha512').update(readFileSync(path)).digest('base64');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Every file under `artifacts` (one folder per runner, as actions/download-artifact lays them out) copied flat into
 * `release`, and every manifest name merged there once. Returns the names written.
 */
export function collectReleaseAssets(artifacts: string, release: string): string[] {
  mkdirSync(release, { recursive: true });
  const written = new Map<string, string>();
  const manifests = new Map<string, UpdateInfo[]>();
  for (const file of filesUnder(artifacts)) {
    const name = basename(file);
    if (isManifest(name)) {
      manifests.set(name, [...(manifests.get(name) ?? []), parseUpdateInfo(readFileSync(file, 'utf8'), file)]);
      continue;
    }
    const earlier = written.get(name);
    if (earlier) {
      if (sha512(earlier) !== sha512(file)) throw new Error(`two builds of ${name}, with different content: ${earlier} and ${file}`);
      continue;
    }
    copyFileSync(file, join(release, name));
    written.set(name, file);
  }
  // Every manifest checked before any is written: a release folder with some of them would publish a broken update.
  const merged = [...manifests].map(([name, infos]) => [name, mergeUpdateInfo(infos)] as const);
  for (const [name, info] of merged) {
    for (const file of info.files) {
      const path = join(release, file.url);
      if (!existsSync(path)) throw new Error(`${name} lists ${file.url}, which no runner built`);
      if (sha512(path) !== file.sha512) throw new Error(`${name}: the sha512 of ${file.url} is not that file's`);
    }
  }
  for (const [name, info] of merged) writeFileSync(join(release, name), serializeUpdateInfo(info));
  return [...written.keys(), ...manifests.keys()].sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [artifacts, release] = process.argv.slice(2);
  if (!artifacts || !release) {
    process.stderr.write('usage: node scripts/release-assets.ts <artifacts folder> <release folder>\n');
    process.exit(2);
  }
  for (const name of collectReleaseAssets(artifacts, release)) process.stdout.write(`${name}\n`);
}

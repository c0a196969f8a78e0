/**
 * The publish job's gathering of every runner's installers (scripts/release-assets.ts): one file of each name, one
 * manifest per platform listing both arches, and electron-updater's own file choice picking each arch's installer
 * from the merged manifest.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { MacUpdater } from 'electron-updater/out/MacUpdater.js';
import { findFile, resolveFiles } from 'electron-updater/out/providers/Provider.js';
import { afterEach, describe, expect, it } from 'vitest';
import { collectReleaseAssets, mergeUpdateInfo, parseUpdateInfo, serializeUpdateInfo, type UpdateInfo } from '../../scripts/release-assets.ts';
import { useTempDir } from '../support/temp.ts';

const tempDir = useTempDir();
const sha512 = (bytes: string): string => createHash('sha512').update(bytes).digest('base64');

/** A runner's upload: its files, and the manifest electron-builder writes for them (publish/updateInfoBuilder.ts). */
function runner(root: string, artifact: string, manifest: string | null, files: Record<string, string>, version = '1.2.0'): void {
  const dir = join(root, artifact);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  if (!manifest) return;
  const listed = Object.entries(files).filter(([name]) => !name.endsWith('.blockmap') && !name.endsWith('.deb') && !name.endsWith('.rpm'));
  const info: UpdateInfo = {
    version,
    files: listed.map(([url, content]) => ({ url, sha512: sha512(content), size: content.length })),
    path: listed[0]![0],
    sha512: sha512(listed[0]![1]),
    releaseDate: '2026-09-01T10:00:00.000Z',
  };
  writeFileSync(join(dir, manifest), serializeUpdateInfo(info));
}

/** The installers the release workflow's runners upload. */
function artifacts(version = '1.2.0'): string {
  const root = join(tempDir(), 'artifacts');
  runner(root, 'readout-win-x64', 'latest.yml', { 'Readout-1.2.0-win-x64.exe': 'win x64', 'Readout-1.2.0-win-x64.exe.blockmap': 'bm1' });
  runner(root, 'readout-win-arm64', 'latest.yml', { 'Readout-1.2.0-win-arm64.exe': 'win arm64', 'Readout-1.2.0-win-arm64.exe.blockmap': 'bm2' }, version);
  runner(root, 'readout-mac-arm64', 'latest-mac.yml', { 'Readout-1.2.0-mac-arm64.zip': 'zip', 'Readout-1.2.0-mac-arm64.dmg': 'dmg', 'Readout-1.2.0-mac-arm64.zip.blockmap': 'bm3' });
  runner(root, 'readout-linux-x64', 'latest-linux.yml', { 'Readout-1.2.0-x86_64.AppImage': 'appimage', 'readout_1.2.0_amd64.deb': 'deb' });
  runner(root, 'readout-linux-arm64', 'latest-linux-arm64.yml', { 'Readout-1.2.0-arm64.AppImage': 'appimage arm', 'readout_1.2.0_arm64.deb': 'deb arm' });
  return root;
}

/** electron-updater's choice of file, on a machine of `arch` (Provider.ts findFile reads process.arch). */
function chosen(info: UpdateInfo, extension: string, arch: string, not?: string[]): string {
  const original = Object.getOwnPropertyDescriptor(process, 'arch')!;
  Object.defineProperty(process, 'arch', { ...original, value: arch });
  try {
    const files = resolveFiles(info as unknown as Parameters<typeof resolveFiles>[0], new URL('https://github.com/o/r/releases/download/v1.2.0/'));
    // Protected in the typings, static, and free of Electron: the filter MacUpdater.doDownloadUpdate applies.
    const macUpdater = MacUpdater as unknown as { filterFilesForArch(list: typeof files, isArm64Mac: boolean): typeof files };
    const pool = extension === 'zip' ? macUpdater.filterFilesForArch(files, arch === 'arm64') : files;
    return findFile(pool, extension, not)!.url.pathname.split('/').pop()!;
  } finally {
    Object.defineProperty(process, 'arch', original);
  }
}

afterEach(() => expect(process.arch).toBe(Object.getOwnPropertyDescriptor(process, 'arch')!.value));

describe('the release assets', () => {
  it('holds every runner’s files once and one manifest per platform, Windows’ listing both arches', () => {
    const release = join(tempDir(), 'release');
    const names = collectReleaseAssets(artifacts(), release);
    expect(names).toEqual(readdirSync(release).sort());
    expect(names.filter((name) => name.endsWith('.yml'))).toEqual(['latest-linux-arm64.yml', 'latest-linux.yml', 'latest-mac.yml', 'latest.yml']);
    const windows = parseUpdateInfo(readFileSync(join(release, 'latest.yml'), 'utf8'));
    expect(windows.files.map((file) => file.url)).toEqual(['Readout-1.2.0-win-x64.exe', 'Readout-1.2.0-win-arm64.exe']);
    expect(windows.path).toBe('Readout-1.2.0-win-x64.exe');
    expect(windows.sha512).toBe(sha512('win x64'));
    expect(windows.releaseDate).toBe('2026-09-01T10:00:00.000Z');
  });

  it('lets electron-updater pick each machine’s own installer from the merged manifest', () => {
    const release = join(tempDir(), 'release');
    collectReleaseAssets(artifacts(), release);
    const windows = parseUpdateInfo(readFileSync(join(release, 'latest.yml'), 'utf8'));
    expect(chosen(windows, 'exe', 'x64')).toBe('Readout-1.2.0-win-x64.exe');
    expect(chosen(windows, 'exe', 'arm64')).toBe('Readout-1.2.0-win-arm64.exe');
    const mac = parseUpdateInfo(readFileSync(join(release, 'latest-mac.yml'), 'utf8'));
    expect(chosen(mac, 'zip', 'arm64', ['pkg', 'dmg'])).toBe('Readout-1.2.0-mac-arm64.zip');
    // No Intel Mac package is built (build/native-packages.ts): an Intel Mac finds no file, rather than an arm64 one.
    expect(() => chosen(mac, 'zip', 'x64', ['pkg', 'dmg'])).toThrow(/No files provided/);
  });

  it('refuses two runners’ files of one name with different content (one would replace the other)', () => {
    const root = artifacts();
    runner(root, 'readout-win-x64-again', null, { 'Readout-1.2.0-win-x64.exe': 'another build' });
    expect(() => collectReleaseAssets(root, join(tempDir(), 'release'))).toThrow(/two builds of Readout-1\.2\.0-win-x64\.exe, with different content/);
  });

  it('refuses manifests of different versions', () => {
    expect(() => collectReleaseAssets(artifacts('1.2.1'), join(tempDir(), 'release'))).toThrow(/different versions: 1\.2\.0 and 1\.2\.1/);
  });

  it('refuses a manifest whose file is missing or whose sha512 is not that file’s', () => {
    const root = artifacts();
    writeFileSync(join(root, 'readout-mac-arm64/Readout-1.2.0-mac-arm64.zip'), 'changed after the manifest was written');
    expect(() => collectReleaseAssets(root, join(tempDir(), 'release'))).toThrow(/latest-mac\.yml: the sha512 of Readout-1\.2\.0-mac-arm64\.zip/);
    // No manifest is written when any is wrong.
    expect(readdirSync(join(tempDir(), 'release')).filter((name) => name.endsWith('.yml'))).toEqual([]);
    const other = join(tempDir(), 'other');
    const copy = artifacts();
    const manifest = join(copy, 'readout-linux-x64/latest-linux.yml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('url: Readout-1.2.0-x86_64.AppImage', 'url: Readout-1.2.0-x86_64-old.AppImage'));
    expect(() => collectReleaseAssets(copy, other)).toThrow(/lists Readout-1\.2\.0-x86_64-old\.AppImage, which no runner built/);
    expect(existsSync(join(other, 'latest-linux.yml'))).toBe(false);
  });
});

describe('merging one platform’s manifests', () => {
  const file = fc.record({ url: fc.stringMatching(/^[A-Za-z0-9.-]{1,12}\.(exe|zip|dmg)$/), sha512: fc.base64String({ minLength: 4, maxLength: 12 }), size: fc.nat() });
  const manifest = fc.record({ files: fc.uniqueArray(file, { minLength: 1, maxLength: 4, selector: (f) => f.url }), releaseDate: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) });

  it('lists every file once, x64’s first, and keeps the first manifest’s other keys', () => {
    fc.assert(
      fc.property(fc.array(manifest, { minLength: 1, maxLength: 3 }), (parts) => {
        // Files of one name are one build: a url seen again keeps its first sha512.
        const seen = new Map<string, string>();
        const infos: UpdateInfo[] = parts.map(({ files, releaseDate }) => ({
          version: '2.0.0',
          releaseDate,
          files: files.map((f) => ({ ...f, sha512: seen.get(f.url) ?? (seen.set(f.url, f.sha512), f.sha512) })),
        }));
        const merged = mergeUpdateInfo(infos);
        const urls = merged.files.map((f) => f.url);
        expect(new Set(urls).size).toBe(urls.length);
        expect(new Set(urls)).toEqual(new Set(infos.flatMap((info) => info.files.map((f) => f.url))));
        expect(merged.path).toBe(merged.files[0]!.url);
        expect(merged.sha512).toBe(merged.files[0]!.sha512);
        expect(infos.map((info) => info.releaseDate)).toContain(merged.releaseDate);
        expect(parseUpdateInfo(serializeUpdateInfo(merged))).toEqual(merged);
      }),
    );
  });

  it('puts x64’s manifest first whichever runner’s came first', () => {
    const arm: UpdateInfo = { version: '1.0.0', files: [{ url: 'R-1.0.0-win-arm64.exe', sha512: 'a' }], releaseDate: 'later' };
    const x64: UpdateInfo = { version: '1.0.0', files: [{ url: 'R-1.0.0-win-x64.exe', sha512: 'b' }], releaseDate: 'first' };
    expect(mergeUpdateInfo([arm, x64])).toEqual({ version: '1.0.0', files: [...x64.files, ...arm.files], path: 'R-1.0.0-win-x64.exe', sha512: 'b', releaseDate: 'first' });
  });
});

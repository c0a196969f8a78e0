/**
 * The native packages each package needs, and the file filters that keep every other platform's and architecture's
 * out of it (review N1).
 *
 * npm installs an optional dependency only where its `os`, `cpu` and `libc` match the machine that runs `npm ci`
 * (or the --os/--cpu/--libc it is given), and electron-builder copies whatever node_modules holds (npmRebuild is off:
 * every native module here ships prebuilt N-API binaries). So the runner that builds a package must have installed
 * that package's platform and arch, and the filters below drop whatever else is there:
 * - sharp: @img/sharp-<os><libc>-<arch> (its binding) and @img/sharp-libvips-<os><libc>-<arch> (libvips; on Windows
 *   inside the binding's package);
 * - onnxruntime-node: one package with every platform's binaries under bin/napi-v6/<platform>/<arch>, loaded by
 *   process.platform and process.arch (dist/binding.js).
 *
 * The filters end each platform's `files` (electron-builder.ts); for node_modules only the exclusions ('!…') count
 * (app-builder-lib fileMatcher.ts, getNodeModuleFileMatcher). `${arch}` is the arch being packed, expanded per pass;
 * `${platform}` would be process.platform, the building machine's (util/macroExpander.ts), so each platform's
 * patterns name their own os.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NativePlatform } from './native-arch.ts';

export type PackageArch = 'x64' | 'arm64';

/** The package folders (under node_modules) and files a package for `platform` and `arch` loads its native code from. */
export function requiredNatives(platform: NativePlatform, arch: PackageArch): string[] {
  return [
    `@img/sharp-${platform}-${arch}/package.json`,
    ...(platform === 'win32' ? [] : [`@img/sharp-libvips-${platform}-${arch}/package.json`]),
    `onnxruntime-node/bin/napi-v6/${platform}/${arch}/onnxruntime_binding.node`,
  ];
}

/**
 * Exclusions for one platform's `files`: every sharp and libvips package but this platform's for the arch
 * being packed, and onnxruntime's other platforms and arches. Patterns start with `**` so that a copy npm nested
 * under another package is caught too.
 */
export function foreignNativeFilters(platform: NativePlatform): string[] {
  const keepSharp = platform === 'win32' ? 'win32-${arch}' : `${platform}-\${arch}|libvips-${platform}-\${arch}`;
  const ort = '**/node_modules/onnxruntime-node/bin/napi-v6';
  return [
    `!**/node_modules/@img/sharp-!(${keepSharp})/**`,
    `!${ort}/!(${platform})/**`,
    `!${ort}/${platform}/!(\${arch})/**`,
    // onnxruntime-node's install script fetches the CUDA and TensorRT providers from NuGet on Linux x64 (script/
    // install-metadata.js): gigabytes the CPU provider, which is all the offline engine uses, does not need.
    ...(platform === 'linux' ? [`!${ort}/linux/*/libonnxruntime_providers_*`] : []),
  ];
}

/** Known gaps upstream: a (platform, arch) for which a package we need publishes no binary at the version we use. */
export const UNAVAILABLE: Readonly<Record<string, string>> = {
  'darwin-x64':
    'onnxruntime-node ships no macOS x64 (Intel) build since 1.24 (microsoft/onnxruntime#27961), so the offline engine ' +
    'cannot run in an Intel Mac package; the release workflow builds macOS for arm64 only',
};

/**
 * Throws, naming what is missing and how to get it, unless node_modules under `projectDir` holds every native package
 * a package for `platform` and `arch` loads (electron-builder.ts calls it before each package is packed).
 */
export function checkNativePackages(projectDir: string, platform: NativePlatform, arch: string): void {
  const target = `${platform}-${arch}`;
  if (UNAVAILABLE[target]) throw new Error(`Readout cannot be packaged for ${target}: ${UNAVAILABLE[target]}.`);
  if (arch !== 'x64' && arch !== 'arm64') throw new Error(`Readout is packaged for x64 and arm64 only, not ${arch}.`);
  const missing = requiredNatives(platform, arch).filter((path) => !existsSync(join(projectDir, 'node_modules', path)));
  if (missing.length > 0) {
    throw new Error(
      `Readout's ${target} package needs native code that node_modules does not hold: ${missing.map((path) => `node_modules/${path}`).join(', ')}. ` +
        `npm installs optional native packages for the machine it runs on; on a ${process.platform}-${process.arch} machine ` +
        `install ${target}'s with \`npm ci --os=${platform} --cpu=${arch}\`, or build on a ${target} runner (.github/workflows/release.yml).`,
    );
  }
}

/**
 * Other platforms' native packages, for packaging tests that must see what a package would carry if they were
 * installed. npm installs only this machine's optional native packages, so the rest are fetched from the registry at
 * the versions package-lock.json pins (`npm pack`), once, into .cache/native-packages (gitignored), and unpacked
 * there; a staging copy of the project (stageProject) holds them beside the installed ones.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './paths.ts';

interface LockedPackage {
  version: string;
  os?: string[];
  cpu?: string[];
  dev?: boolean;
}

/** The native package families a Readout package loads (build/native-packages.ts). */
const FAMILIES = /^node_modules\/@img\/sharp-(libvips-)?/;

/**
 * Every locked optional native package of sharp and libvips for Linux, macOS or Windows on x64 or arm64
 * (glibc and musl alike): each package's own and, for the others, the decoys its filters must drop.
 */
export function lockedNativePackages(lockFile = join(repoRoot, 'package-lock.json')): Map<string, string> {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, LockedPackage> };
  const found = new Map<string, string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!FAMILIES.test(path) || entry.dev || path.lastIndexOf('node_modules/') !== 0) continue;
    if (!entry.os?.some((os) => ['linux', 'darwin', 'win32'].includes(os)) || !entry.cpu?.some((cpu) => ['x64', 'arm64'].includes(cpu))) continue;
    found.set(path.slice('node_modules/'.length), entry.version);
  }
  return found;
}

/** Each package unpacked in the cache (fetched first where it is not there yet): name -> folder. */
export function fetchPackages(packages: ReadonlyMap<string, string>, cache = join(repoRoot, '.cache/native-packages')): Map<string, string> {
  const folder = (name: string, version: string): string => join(cache, `${name.replace('/', '+')}@${version}`);
  const missing = [...packages].filter(([name, version]) => !existsSync(join(folder(name, version), 'package.json')));
  if (missing.length > 0) {
    const tarballs = join(cache, 'tarballs');
    mkdirSync(tarballs, { recursive: true });
    const packed = JSON.parse(
      execFileSync('npm', ['pack', ...missing.map(([name, version]) => `${name}@${version}`), '--pack-destination', tarballs, '--json', '--silent'], {
        encoding: 'utf8',
        maxBuffer: 64 * 2 ** 20,
      }),
    ) as { name: string; version: string; filename: string }[];
    for (const { name, version, filename } of packed) {
      const target = folder(name, version);
      const partial = `${target}.partial`;
      rmSync(partial, { recursive: true, force: true });
      mkdirSync(partial, { recursive: true });
      execFileSync('tar', ['-xzf', join(tarballs, filename), '-C', partial, '--strip-components=1']);
      rmSync(target, { recursive: true, force: true });
      renameSync(partial, target);
      rmSync(join(tarballs, filename));
    }
  }
  return new Map([...packages].map(([name, version]) => [name, folder(name, version)]));
}

/** `from` copied to `to` as hard links (a copy where the two are on different file systems), links as links. */
export function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    const stat = lstatSync(source);
    if (stat.isDirectory()) linkTree(source, target);
    else if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else {
      try {
        linkSync(source, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        copyFileSync(source, target);
      }
    }
  }
}

/**
 * A copy of the project (package.json, its lock, node_modules, the build's out/ and build/) at `stage`, with `extra`
 * packages added to node_modules, for electron-builder to package as it would the project. Hard links: nothing is
 * written through them (electron-builder only reads the project). npm's hidden lockfile is left out, so that
 * `npm ls`, which electron-builder asks for the dependency tree, reads the folders and sees the added packages.
 */
export function stageProject(stage: string, extra: ReadonlyMap<string, string>): string {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(repoRoot, file), join(stage, file));
  for (const folder of ['node_modules', 'out', 'build']) linkTree(join(repoRoot, folder), join(stage, folder));
  rmSync(join(stage, 'node_modules/.package-lock.json'), { force: true });
  for (const [name, folder] of extra) {
    const target = join(stage, 'node_modules', name);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    linkTree(folder, target);
  }
  return stage;
}

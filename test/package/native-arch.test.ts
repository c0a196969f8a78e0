/**
 * Every package the release workflow builds carries only its own platform's and arch's native code (review N1).
 *
 * The project is staged with every platform's optional native packages installed side by side (fetched from the
 * registry at the locked versions: foreign-natives.ts), as if one machine had all of them, and electron-builder lays
 * out each (platform, arch) of .github/workflows/release.yml with its `dir` target and a stand-in runtime of that
 * platform. Then every file in the package's resources is read for a binary header: all must be for that platform and
 * arch, and each native package the app loads must be there. The header reader (build/native-arch.ts) is checked on
 * synthetic headers first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELF_MACHINES, MACHO_CPUS, PE_MACHINES, describeNative, headerFits, isNativeName, misfits, nativeFilesUnder, readNativeHeader, type NativeFile, type NativePlatform } from '../../build/native-arch.ts';
import { checkNativePackages, requiredNatives, type PackageArch } from '../../build/native-packages.ts';
import { fetchPackages, lockedNativePackages, stageProject } from '../support/foreign-natives.ts';
import { repoRoot } from '../support/paths.ts';
import { makeStandInElectron, packagedExecutable } from '../support/standin-electron.ts';
import { useTempDir } from '../support/temp.ts';

const tempDir = useTempDir();

// ---- The header reader, on synthetic headers ----

const ARCHS = ['x64', 'arm64', 'ia32', 'arm'] as const;
const codeOf = (table: Readonly<Record<number, string>>, arch: string): number => Number(Object.entries(table).find(([, name]) => name === arch)![0]);

function elf(machine: number, littleEndian: boolean, tail: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(64 + tail.length);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, littleEndian ? 1 : 2, 1]);
  new DataView(bytes.buffer).setUint16(18, machine, littleEndian);
  bytes.set(tail, 64);
  return bytes;
}

function macho(cpu: number, littleEndian: boolean, tail: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(32 + tail.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xfeedfacf, littleEndian);
  view.setUint32(4, cpu, littleEndian);
  bytes.set(tail, 32);
  return bytes;
}

function fat(cpus: number[], wide: boolean): Uint8Array {
  const size = wide ? 32 : 20;
  const bytes = new Uint8Array(8 + cpus.length * size + 16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, wide ? 0xcafebabf : 0xcafebabe, false);
  view.setUint32(4, cpus.length, false);
  cpus.forEach((cpu, i) => view.setUint32(8 + i * size, cpu, false));
  return bytes;
}

function pe(machine: number, lfanew: number): Uint8Array {
  const bytes = new Uint8Array(lfanew + 24);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4d, 0x5a]);
  view.setUint32(0x3c, lfanew, true);
  view.setUint32(lfanew, 0x50450000, false);
  view.setUint16(lfanew + 4, machine, true);
  return bytes;
}

describe('reading a native binary header', () => {
  const arch = fc.constantFrom(...ARCHS);
  const tail = fc.uint8Array({ maxLength: 64 });

  it('reads an ELF file machine in either byte order', () => {
    fc.assert(fc.property(arch, fc.boolean(), tail, (name, le, rest) => {
      expect(readNativeHeader(elf(codeOf(ELF_MACHINES, name), le, rest))).toEqual({ format: 'elf', archs: [name] });
    }));
  });

  it('reads a Mach-O cputype in either byte order, and every slice of a universal binary', () => {
    fc.assert(fc.property(arch, fc.boolean(), tail, (name, le, rest) => {
      expect(readNativeHeader(macho(codeOf(MACHO_CPUS, name), le, rest))).toEqual({ format: 'macho', archs: [name] });
    }));
    fc.assert(fc.property(fc.array(arch, { minLength: 1, maxLength: 4 }), fc.boolean(), (names, wide) => {
      const header = readNativeHeader(fat(names.map((name) => codeOf(MACHO_CPUS, name)), wide));
      expect(header).toEqual({ format: 'macho', archs: names });
      expect(headerFits(header!, 'darwin', names[0]!)).toBe(true);
    }));
  });

  it("reads a PE file's COFF machine wherever e_lfanew puts it", () => {
    fc.assert(fc.property(arch, fc.integer({ min: 0x40, max: 4096 }), (name, at) => {
      expect(readNativeHeader(pe(codeOf(PE_MACHINES, name), at))).toEqual({ format: 'pe', archs: [name] });
    }));
  });

  it('names an unknown machine rather than guessing, and fits nothing with it', () => {
    const header = readNativeHeader(elf(0x1234, true, new Uint8Array()));
    expect(header).toEqual({ format: 'elf', archs: ['elf:0x1234'] });
    expect(headerFits(header!, 'linux', 'x64')).toBe(false);
  });

  it('fits only its own platform and arch', () => {
    fc.assert(fc.property(arch, arch, fc.constantFrom<NativePlatform>('linux', 'darwin', 'win32'), (built, wanted, platform) => {
      const header = readNativeHeader(elf(codeOf(ELF_MACHINES, built), true, new Uint8Array()))!;
      expect(headerFits(header, platform, wanted)).toBe(platform === 'linux' && built === wanted);
    }));
  });

  it('takes nothing else for a binary: other bytes, cut-short headers, a Java class (0xcafebabe too)', () => {
    const magics = [[0x7f, 0x45, 0x4c, 0x46], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xca, 0xfe, 0xba, 0xbe], [0xca, 0xfe, 0xba, 0xbf], [0x4d, 0x5a]];
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
      fc.pre(!magics.some((magic) => magic.every((byte, i) => bytes[i] === byte)));
      expect(readNativeHeader(bytes)).toBeNull();
    }));
    // Each header cut anywhere before the field that names the machine.
    const cut: [Uint8Array, number][] = [[elf(0x3e, true, new Uint8Array()), 20], [macho(0x0100000c, true, new Uint8Array()), 8], [fat([0x0100000c, 0x01000007], false), 48], [pe(0x8664, 0x80), 0x86]];
    for (const [whole, needed] of cut) {
      fc.assert(fc.property(fc.integer({ min: 0, max: needed - 1 }), (length) => {
        expect(readNativeHeader(whole.subarray(0, length))).toBeNull();
      }));
      expect(readNativeHeader(whole.subarray(0, needed))).not.toBeNull();
    }
    // A Java class file: the same magic, then a minor and major version (52 = Java 8) where nfat_arch would be.
    expect(readNativeHeader(new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52, ...new Uint8Array(64)]))).toBeNull();
  });

  it('finds native files under a folder by their header, and by their name when the header is none it knows', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'lib'), { recursive: true });
    writeFileSync(join(dir, 'lib/binding.node'), elf(0xb7, true, new Uint8Array()));
    writeFileSync(join(dir, 'lib/libfoo.so.1.2'), elf(0x3e, true, new Uint8Array()));
    writeFileSync(join(dir, 'lib/no-extension'), macho(0x01000007, true, new Uint8Array()));
    writeFileSync(join(dir, 'lib/fake.dll'), 'not a binary');
    writeFileSync(join(dir, 'index.js'), 'export {}');
    const found = nativeFilesUnder(dir);
    expect(found.map((file) => file.path)).toEqual(['lib/binding.node', 'lib/fake.dll', 'lib/libfoo.so.1.2', 'lib/no-extension']);
    expect(misfits(found, 'linux', 'arm64').map((file) => file.path)).toEqual(['lib/fake.dll', 'lib/libfoo.so.1.2', 'lib/no-extension']);
    expect(['a.node', 'b.so', 'libc.so.6', 'x.dylib', 'y.DLL', 'z.exe'].every(isNativeName)).toBe(true);
    expect(['a.js', 'so.txt', 'node', 'b.wasm'].some(isNativeName)).toBe(false);
  });
});

describe('the check before a pack', () => {
  it("stops a build whose platform's and arch's native packages are not installed, naming them and npm's --os/--cpu", () => {
    const project = tempDir();
    for (const path of requiredNatives('linux', 'x64')) {
      mkdirSync(join(project, 'node_modules', path, '..'), { recursive: true });
      writeFileSync(join(project, 'node_modules', path), '{}');
    }
    expect(() => checkNativePackages(project, 'linux', 'x64')).not.toThrow();
    expect(() => checkNativePackages(project, 'linux', 'arm64')).toThrow(
      /node_modules\/@img\/sharp-linux-arm64\/package\.json, .*@img\/sharp-libvips-linux-arm64.*napi-v6\/linux\/arm64\/onnxruntime_binding\.node.*npm ci --os=linux --cpu=arm64/,
    );
    expect(() => checkNativePackages(project, 'darwin', 'x64')).toThrow(/onnxruntime-node ships no macOS x64/);
    expect(() => checkNativePackages(project, 'win32', 'ia32')).toThrow(/x64 and arm64 only/);
  });
});

// ---- Every package the workflow builds ----

interface Target {
  platform: NativePlatform;
  arch: PackageArch;
  /** electron-builder's flag for the platform. */
  flag: '--linux' | '--mac' | '--win';
  /** The layout's folder under the output, as electron-builder names it (computeAppOutDir). */
  folder: string;
}

/** The (platform, arch) pairs .github/workflows/release.yml builds. */
const BUILT: Target[] = [
  { platform: 'linux', arch: 'x64', flag: '--linux', folder: 'linux-unpacked' },
  { platform: 'linux', arch: 'arm64', flag: '--linux', folder: 'linux-arm64-unpacked' },
  { platform: 'darwin', arch: 'arm64', flag: '--mac', folder: 'mac-arm64' },
  { platform: 'win32', arch: 'x64', flag: '--win', folder: 'win-unpacked' },
  { platform: 'win32', arch: 'arm64', flag: '--win', folder: 'win-arm64-unpacked' },
];
/** Not built: onnxruntime-node has no macOS x64 binary (build/native-packages.ts, UNAVAILABLE). */
const INTEL_MAC: Target = { platform: 'darwin', arch: 'x64', flag: '--mac', folder: 'mac' };

const work = join(repoRoot, '.cache/native-arch');
const stage = join(work, 'stage');
const results = new Map<string, { code: number | null; output: string }>();
const audits: { target: string; files: NativeFile[] }[] = [];
const key = (target: Target): string => `${target.platform}-${target.arch}`;
const output = (target: Target): string => join(work, 'release', key(target));

/** electron-builder for one target from the staged project, with a stand-in runtime of that platform and arch. */
function pack(target: Target): Promise<{ code: number | null; output: string }> {
  const dist = makeStandInElectron(join(work, 'electron', key(target)), target.platform, target.arch);
  rmSync(output(target), { recursive: true, force: true });
  const args = [
    '--config', join(repoRoot, 'electron-builder.ts'),
    target.flag, 'dir', `--${target.arch}`, '--publish', 'never',
    `-c.electronDist=${dist}`, `-c.directories.output=${output(target)}`,
    // Whatever machine runs this: no signing (the stand-in is no Mach-O to sign).
    ...(target.platform === 'darwin' ? ['-c.mac.identity=null'] : []),
  ];
  const env = { ...process.env, GITHUB_REPOSITORY: '', READOUT_RELEASES_REPO: '', CSC_LINK: '', CSC_NAME: '' };
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/electron-builder'), args, { cwd: stage, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: text }));
  });
}

const resourcesOf = (target: Target): string =>
  join(output(target), target.folder, ...(target.platform === 'darwin' ? ['Readout.app', 'Contents', 'Resources'] : ['resources']));

beforeAll(async () => {
  const locked = lockedNativePackages();
  const foreign = new Map([...locked].filter(([name]) => !existsSync(join(repoRoot, 'node_modules', name, 'package.json'))));
  stageProject(stage, fetchPackages(foreign));
  // Three at a time: electron-builder mostly waits on the disk.
  const queue = [...BUILT, INTEL_MAC];
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let target = queue.shift(); target; target = queue.shift()) results.set(key(target), await pack(target));
    }),
  );
}, 600_000);

afterAll(() => {
  // The layouts and the staged project go (the fetched packages stay in .cache/native-packages for the next run).
  rmSync(join(work, 'release'), { recursive: true, force: true });
  rmSync(stage, { recursive: true, force: true });
  if (audits.length === 0) return;
  const rows = audits.map(({ target, files }) => `${target.padEnd(14)} ${files.map(describeNative).join('\n'.padEnd(16))}`);
  process.stdout.write(`\nnative files per package (under resources/):\n${rows.join('\n')}\n`);
});

describe('the release workflow', () => {
  // js-yaml, the parser GitHub's own tooling and electron-builder use for YAML (scripts/release-assets.ts reads it too).
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  const workflow = yaml.load(readFileSync(join(repoRoot, '.github/workflows/release.yml'), 'utf8')) as {
    jobs: { installers: { strategy: { matrix: { include: Array<{ platform: string; arch: string; app: string }> } } } };
  };
  const include = workflow.jobs.installers.strategy.matrix.include;
  const platforms: Record<string, NativePlatform> = { linux: 'linux', mac: 'darwin', win: 'win32' };

  it('builds exactly the packages laid out here, and smoke-tests each where electron-builder puts it', () => {
    expect(include.map((job) => `${platforms[job.platform]}-${job.arch}`).sort()).toEqual(BUILT.map(key).sort());
    for (const job of include) {
      const target = BUILT.find((t) => key(t) === `${platforms[job.platform]}-${job.arch}`)!;
      expect(job.app.startsWith(`release/${target.folder}/`), job.app).toBe(true);
    }
  });
});

describe('every package the release workflow builds, from a project holding every platform’s native packages', () => {
  it('stages the other platforms’ and arches’ packages beside this one’s', () => {
    for (const target of [...BUILT, INTEL_MAC]) {
      for (const path of requiredNatives(target.platform, target.arch).filter((path) => !path.startsWith('onnxruntime-node/'))) {
        expect(existsSync(join(stage, 'node_modules', path)), path).toBe(true);
      }
    }
  });

  describe.each(BUILT)('$platform $arch', (target) => {
    it('is laid out', () => {
      const result = results.get(key(target))!;
      expect(result.code, result.output.slice(-3000)).toBe(0);
    });

    it('carries native code for this platform and arch only, in its resources and nowhere in the archive', () => {
      const resources = resourcesOf(target);
      const files = nativeFilesUnder(resources);
      audits.push({ target: key(target), files });
      expect(files.length).toBeGreaterThan(0);
      expect(misfits(files, target.platform, target.arch).map(describeNative)).toEqual([]);
      // Every native-looking entry of the archive is one of the unpacked files just read.
      const archive = join(resources, 'app.asar');
      const entries = asar.listPackage(archive, { isPack: false }).map((path) => path.replace(/^[/\\]/, '').split('\\').join('/'));
      const natives = entries.filter((path) => isNativeName(path));
      expect(natives.filter((path) => !(asar.statFile(archive, path) as { unpacked?: boolean }).unpacked)).toEqual([]);
      expect(natives.map((path) => `app.asar.unpacked/${path}`).sort()).toEqual(files.map((file) => file.path).filter((path) => isNativeName(path)).sort());
      // No other build of the native packages, not even a folder of one.
      const packages = entries.filter((path) => /^node_modules\/(@img\/sharp-|@napi-rs\/canvas)[^/]*$/.test(path)).sort();
      expect(packages).toEqual(requiredNatives(target.platform, target.arch).filter((path) => !path.startsWith('onnxruntime-node/')).map((path) => `node_modules/${path.replace(/\/package\.json$/, '')}`).sort());
      expect(entries.filter((path) => /^node_modules\/onnxruntime-node\/bin\/napi-v6\/[^/]+(\/[^/]+)?$/.test(path)).sort()).toEqual(
        [`node_modules/onnxruntime-node/bin/napi-v6/${target.platform}`, `node_modules/onnxruntime-node/bin/napi-v6/${target.platform}/${target.arch}`],
      );
    });

    it('holds every native file the app loads: sharp, libvips and onnxruntime', () => {
      const unpacked = join(resourcesOf(target), 'app.asar.unpacked/node_modules');
      for (const path of requiredNatives(target.platform, target.arch)) expect(existsSync(join(unpacked, path)), path).toBe(true);
    });

    it('has its fuses set', async () => {
      const wire = await getCurrentFuseWire(packagedExecutable(join(output(target), target.folder), target.platform));
      expect(wire[FuseV1Options.RunAsNode]).toBe('0'.charCodeAt(0));
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe('1'.charCodeAt(0));
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe('1'.charCodeAt(0));
    });
  });

  it('refuses an Intel Mac package before laying it out: onnxruntime-node has no macOS x64 build', () => {
    const result = results.get(key(INTEL_MAC))!;
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Readout cannot be packaged for darwin-x64: onnxruntime-node ships no macOS x64/);
    expect(existsSync(join(output(INTEL_MAC), INTEL_MAC.folder, 'Readout.app'))).toBe(false);
  });
});

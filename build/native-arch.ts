/**
 * What machine a native binary is for, read from its header, and an audit of every native file a package carries.
 * A package must carry only its own platform's and architecture's native code (review N1): a .node, .so, .dylib,
 * .dll or .exe for another CPU fails to load, and the app with it. electron-builder.ts runs the audit after each
 * package is laid out (afterPack), and test/package/native-arch.test.ts runs it on every (platform, arch) the release
 * workflow builds.
 *
 * Formats, from their specifications:
 * - ELF (System V ABI, "ELF Header"): 7f 'E' 'L' 'F'; EI_DATA (byte 5) 1 little-endian, 2 big-endian; e_machine, a u16
 *   at offset 18 in that byte order.
 * - Mach-O (<mach-o/loader.h>): MH_MAGIC 0xfeedface / MH_MAGIC_64 0xfeedfacf, in the file's byte order (so the bytes
 *   read ce fa ed fe on little-endian machines); cputype, the u32 after it, in the same order.
 *   Universal (<mach-o/fat.h>): FAT_MAGIC 0xcafebabe (FAT_MAGIC_64 0xcafebabf), always big-endian; nfat_arch, then
 *   that many fat_arch records (20 bytes; 32 for fat_arch_64) that each begin with a cputype. Java class files share
 *   the magic, with a version (above 44) where nfat_arch would be: a count over 32 is not taken as Mach-O.
 * - PE (Microsoft "PE Format"): 'MZ'; e_lfanew, a u32 at 0x3c, points at 'PE\0\0', followed by the COFF Machine, a u16.
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join, relative } from 'node:path';

export type NativeFormat = 'elf' | 'macho' | 'pe';
export type NativePlatform = 'linux' | 'darwin' | 'win32';

export interface NativeHeader {
  format: NativeFormat;
  /** Node's names (process.arch) where there is one: x64, arm64, ia32, arm, ...; otherwise e.g. "elf:0xf3". A universal Mach-O lists each slice. */
  archs: string[];
}

/** The format each platform loads. */
export const FORMAT_OF: Record<NativePlatform, NativeFormat> = { linux: 'elf', darwin: 'macho', win32: 'pe' };

export const ELF_MACHINES: Readonly<Record<number, string>> = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64', 0xf3: 'riscv64', 0x15: 'ppc64', 0x16: 's390x', 0x08: 'mips' };
export const MACHO_CPUS: Readonly<Record<number, string>> = { 0x7: 'ia32', 0x01000007: 'x64', 0xc: 'arm', 0x0100000c: 'arm64', 0x0200000c: 'arm64_32', 0x12: 'ppc', 0x01000012: 'ppc64' };
export const PE_MACHINES: Readonly<Record<number, string>> = { 0x14c: 'ia32', 0x8664: 'x64', 0x1c4: 'arm', 0xaa64: 'arm64', 0xa641: 'arm64ec' };

const named = (table: Readonly<Record<number, string>>, format: NativeFormat, value: number): string => table[value] ?? `${format}:0x${value.toString(16)}`;

/** How many leading bytes readNativeHeader needs at most for any binary it recognises (a PE's e_lfanew can be far in). */
export const HEADER_BYTES = 64 * 1024;

/** The header's format and architectures, or null for anything else (or a header cut short). */
export function readNativeHeader(bytes: Uint8Array): NativeHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (end: number): boolean => end <= bytes.byteLength;
  if (!has(4)) return null;
  const magicBE = view.getUint32(0, false);
  // ELF
  if (magicBE === 0x7f454c46) {
    if (!has(20)) return null;
    const data = bytes[5];
    if (data !== 1 && data !== 2) return null;
    return { format: 'elf', archs: [named(ELF_MACHINES, 'elf', view.getUint16(18, data === 1))] };
  }
  // Mach-O, either byte order
  for (const littleEndian of [true, false]) {
    const magic = view.getUint32(0, littleEndian);
    if (magic === 0xfeedface || magic === 0xfeedfacf) {
      if (!has(8)) return null;
      return { format: 'macho', archs: [named(MACHO_CPUS, 'macho', view.getUint32(4, littleEndian))] };
    }
  }
  // Universal Mach-O
  if (magicBE === 0xcafebabe || magicBE === 0xcafebabf) {
    if (!has(8)) return null;
    const count = view.getUint32(4, false);
    const size = magicBE === 0xcafebabe ? 20 : 32;
    if (count === 0 || count > 32 || !has(8 + count * size)) return null;
    const archs = Array.from({ length: count }, (_, i) => named(MACHO_CPUS, 'macho', view.getUint32(8 + i * size, false)));
    return { format: 'macho', archs };
  }
  // PE
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) {
    if (!has(0x40)) return null;
    const at = view.getUint32(0x3c, true);
    if (!has(at + 6) || view.getUint32(at, false) !== 0x50450000) return null;
    return { format: 'pe', archs: [named(PE_MACHINES, 'pe', view.getUint16(at + 4, true))] };
  }
  return null;
}

/** Whether a binary with this header loads in a process of `platform` and `arch` (a universal one when it has that slice). */
export function headerFits(header: NativeHeader, platform: NativePlatform, arch: string): boolean {
  return header.format === FORMAT_OF[platform] && header.archs.includes(arch);
}

/** A file name that says native code: .node, .so and .so.N, .dylib, .dll, .exe. */
export const isNativeName = (name: string): boolean => /\.(node|so|dylib|dll|exe)$|\.so(\.\d+)+$/i.test(name);

export interface NativeFile {
  /** Relative to the folder audited, with / separators. */
  path: string;
  /** Null where the name says native code and the header is none of the three. */
  header: NativeHeader | null;
}

export function readNativeFile(path: string): NativeHeader | null {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(HEADER_BYTES);
    const length = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return readNativeHeader(buffer.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}

/** Every file under `root` that is native code by its header, or by its name. */
export function nativeFilesUnder(root: string): NativeFile[] {
  const found: NativeFile[] = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const header = readNativeFile(file);
    if (header || isNativeName(entry.name)) found.push({ path: relative(root, file).split('\\').join('/'), header });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** The native files under `root` that do not fit `platform` and `arch` (what a package must not carry). */
export function misfits(files: readonly NativeFile[], platform: NativePlatform, arch: string): NativeFile[] {
  return files.filter((file) => !file.header || !headerFits(file.header, platform, arch));
}

export const describeNative = (file: NativeFile): string => `${file.path} (${file.header ? `${file.header.format} ${file.header.archs.join('+')}` : 'not a binary this build recognises'})`;

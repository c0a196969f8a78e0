/**
 * A stand-in Electron runtime for packaging tests, where no real one can be downloaded, laid out as electron-builder
 * expects an unpacked Electron distribution (`electronDist`) for each platform:
 * - Linux: an executable named `electron` (linuxPackager renames it to the executableName);
 * - Windows: `electron.exe`, a real PE image (resedit's empty executable) with one version resource in one language,
 *   because electron-builder rewrites its resources (util/resEdit.ts) and adds the asar integrity resource
 *   (electron/electronWin.ts: it throws unless there is exactly one VersionInfo with exactly one language); its COFF
 *   machine is the target arch's;
 * - macOS: `Electron.app` with its Info.plist (electron/electronMac.ts throws "corrupted Electron dist" without it),
 *   `Contents/MacOS/Electron`, the `Electron Helper.app` it always renames, and
 *   `Electron Framework.framework/Electron Framework`, the file @electron/fuses flips for a .app (src/index.ts,
 *   pathToFuseFile).
 * The file that carries the fuses holds Electron's fuse wire as @electron/fuses finds it (src/index.ts: the
 * sentinel, then the wire version as a byte, the wire length as a byte, then one character per fuse, '1' on and '0'
 * off), with Electron's defaults for the first eight fuses, as a fresh Electron binary would.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ResEdit from 'resedit';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
 * EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot,
 * GrantFileProtocolExtraPrivileges: Electron's defaults. */
export const DEFAULT_WIRE = '10110001';

export type StandInPlatform = 'linux' | 'darwin' | 'win32';
export type StandInArch = 'x64' | 'arm64';

/** Where the fuse wire lives in a layout electron-builder made from the stand-in (what getCurrentFuseWire takes). */
export function packagedExecutable(appOutDir: string, platform: StandInPlatform, productName = 'Readout', executableName = 'readout'): string {
  if (platform === 'darwin') return join(appOutDir, `${productName}.app`);
  return join(appOutDir, platform === 'win32' ? `${productName}.exe` : executableName);
}

const wire = (): Buffer => Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE, 'latin1')]);

/** PE COFF machine values (Microsoft PE format, "Machine Types"). */
const PE_MACHINE: Record<StandInArch, number> = { x64: 0x8664, arm64: 0xaa64 };

function windowsExecutable(arch: StandInArch): Buffer {
  const executable = ResEdit.NtExecutable.createEmpty(false, false);
  const resources = ResEdit.NtExecutableResource.from(executable);
  const version = ResEdit.Resource.VersionInfo.create(0x0409, {}, [
    { lang: 0x0409, codepage: 1200, values: { ProductName: 'Electron', FileDescription: 'Stand-in Electron runtime for packaging tests' } },
  ]);
  version.setFileVersion(45, 5, 0, 0);
  version.setProductVersion(45, 5, 0, 0);
  version.outputToResourceEntries(resources.entries);
  resources.outputResource(executable);
  // The fuse wire rides in the image's trailing data, which resedit keeps when it rewrites the resources.
  executable.setExtraData(wire());
  const image = Buffer.from(executable.generate());
  // COFF header: "PE\0\0" at e_lfanew (0x3c), Machine the u16 after it.
  image.writeUInt16LE(PE_MACHINE[arch], image.readUInt32LE(0x3c) + 4);
  return image;
}

const PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>CFBundleDisplayName</key><string>Electron</string>
  <key>CFBundleExecutable</key><string>Electron</string>
  <key>CFBundleIconFile</key><string>electron.icns</string>
  <key>CFBundleIdentifier</key><string>com.github.Electron</string>
  <key>CFBundleName</key><string>Electron</string>
  <key>CFBundlePackageType</key><string>APPL</string>
  <key>CFBundleShortVersionString</key><string>45.5.0</string>
  <key>CFBundleVersion</key><string>45.5.0</string>
</dict>
</plist>
`;

export function makeStandInElectron(dir: string, platform: StandInPlatform = 'linux', arch: StandInArch = 'x64'): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in runtime for tests.\n');
  if (platform === 'win32') {
    writeFileSync(join(dir, 'electron.exe'), windowsExecutable(arch));
    return dir;
  }
  if (platform === 'darwin') {
    const contents = join(dir, 'Electron.app/Contents');
    const framework = join(contents, 'Frameworks/Electron Framework.framework');
    for (const folder of ['MacOS', 'Resources']) mkdirSync(join(contents, folder), { recursive: true });
    mkdirSync(framework, { recursive: true });
    writeFileSync(join(contents, 'Info.plist'), PLIST);
    writeFileSync(join(contents, 'MacOS/Electron'), '#!/bin/sh\necho stand-in electron "$@"\n', { mode: 0o755 });
    writeFileSync(join(contents, 'Resources/electron.icns'), '');
    writeFileSync(join(framework, 'Electron Framework'), wire());
    // The one helper electron-builder always renames after the app (electronMac.ts, getAvailableHelperSuffixes).
    const helper = join(contents, 'Frameworks/Electron Helper.app/Contents');
    mkdirSync(join(helper, 'MacOS'), { recursive: true });
    writeFileSync(join(helper, 'Info.plist'), PLIST.replaceAll('<string>Electron</string>', '<string>Electron Helper</string>'));
    writeFileSync(join(helper, 'MacOS/Electron Helper'), '#!/bin/sh\n', { mode: 0o755 });
    return dir;
  }
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\n# Stand-in Electron runtime for packaging tests.\n# ', 'latin1'),
    wire(),
    Buffer.from('\necho stand-in electron "$@"\n', 'latin1'),
  ]);
  writeFileSync(join(dir, 'electron'), script);
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}

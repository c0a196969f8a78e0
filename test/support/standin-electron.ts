/**
 * A stand-in Electron runtime for packaging tests, where no real one can be downloaded: an executable named
 * `electron` that carries Electron's fuse wire as @electron/fuses finds it (src/index.ts: the sentinel, then the wire
 * version as a byte, the wire length as a byte, then one character per fuse, '1' on and '0' off). The wire holds
 * Electron's defaults for the first eight fuses, as a fresh Electron binary would.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
 * EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot,
 * GrantFileProtocolExtraPrivileges: Electron's defaults. */
export const DEFAULT_WIRE = '10110001';

export function makeStandInElectron(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const script = Buffer.concat([
    Buffer.from(`#!/bin/sh\n# Stand-in Electron runtime for packaging tests.\n# ${FUSE_SENTINEL}`, 'latin1'),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(`${DEFAULT_WIRE}\necho stand-in electron "$@"\n`, 'latin1'),
  ]);
  writeFileSync(join(dir, 'electron'), script);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in runtime for tests.\n');
  return dir;
}

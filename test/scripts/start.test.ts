/**
 * README's first command on a machine where the Electron binary has not been fetched: `npm start` goes through
 * scripts/electron-vite.ts, which finds (or fetches) the binary and hands it to electron-vite. Here a stand-in
 * runtime in ELECTRON_OVERRIDE_DIST_PATH plays the binary, as electron's own index.js allows.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findElectron, repoRoot } from '../../scripts/electron-binary.ts';
import { useTempDir } from '../support/temp.ts';

const run = promisify(execFile);
const tempDir = useTempDir();

function standIn(dir: string): string {
  const marker = join(dir, 'called');
  writeFileSync(join(dir, 'electron'), `#!/bin/sh\necho "$PWD $*" > '${marker}'\n`);
  chmodSync(join(dir, 'electron'), 0o755);
  return marker;
}

describe('npm start', () => {
  it('starts the app with the binary it found, although electron-vite alone would find none', async () => {
    const dist = tempDir();
    const marker = standIn(dist);
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_EXEC_PATH: '' };
    expect(findElectron(env)).toBe(join(dist, 'electron'));
    await run(process.execPath, ['scripts/electron-vite.ts', 'preview', '--skipBuild'], { cwd: repoRoot, env });
    expect(existsSync(marker)).toBe(true);
    expect(readFileSync(marker, 'utf8').trim()).toBe(`${repoRoot} .`);
  });

  it('is what package.json runs for start and dev', () => {
    const scripts = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.start).toBe('node scripts/electron-vite.ts preview');
    expect(scripts.dev).toBe('node scripts/electron-vite.ts dev');
  });
});

/** `--self-test` in real Electron: the smoke test every package gets on its own runner (release.yml), run here on the built app. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SELF_TEST_EXIT } from '../../main/app/self-test.ts';
import { fixture, repoRoot } from '../support/paths.ts';
import { findElectron, SKIP_REASON } from './electron-binary.ts';

const binary = findElectron();
if (!binary) process.stdout.write(`\n${SKIP_REASON}\n\n`);

/** Runs the app with `args` after the self-test flag; its exit code and what it printed. */
function selfTest(args: string[]): Promise<{ code: number | null; output: string }> {
  const home = mkdtempSync(join(tmpdir(), 'readout-self-test-'));
  return new Promise((resolve, reject) => {
    const child = spawn(binary!, [join(repoRoot, 'out/main/index.js'), '--no-sandbox', `--user-data-dir=${join(home, 'userData')}`, '--self-test', ...args], {
      env: { ...process.env, HOME: home, ELECTRON_ENABLE_LOGGING: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!binary)('readout --self-test', () => {
  it('reads the image it carries with the offline engine and exits 0, without a window', { timeout: 120_000 }, async () => {
    const { code, output } = await selfTest([]);
    expect(output).toContain('self-test: ok');
    expect(code).toBe(SELF_TEST_EXIT.ok);
  });

  it('exits with its own codes for text that does not match and for an image it cannot read', { timeout: 120_000 }, async () => {
    const mismatch = await selfTest([fixture('text/en-zh.png'), '--expect', 'words that are not there']);
    expect(mismatch.code, mismatch.output).toBe(SELF_TEST_EXIT.mismatch);
    const missing = await selfTest([join(tmpdir(), 'no-such-image.png')]);
    expect(missing.code, missing.output).toBe(SELF_TEST_EXIT.unreadable);
    expect(missing.output).toContain('no-such-image.png');
  });
});

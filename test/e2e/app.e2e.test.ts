import { join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import { repoRoot } from '../support/paths.ts';
import { findElectron, SKIP_REASON } from './electron-binary.ts';

const binary = findElectron();
if (!binary) process.stdout.write(`\n${SKIP_REASON}\n\n`);

describe.skipIf(!binary)('the packaged app (Electron)', () => {
  let app: ElectronApplication;

  beforeAll(async () => {
    app = await electron.launch({
      executablePath: binary!,
      args: [join(repoRoot, 'out/main/index.js'), '--no-sandbox'],
      env: { ...process.env, DASHSCOPE_API_KEY: '', LANG: 'en_US.UTF-8' },
    });
  });
  afterAll(() => app?.close());

  it('starts and shows its window with the offline engine', async () => {
    const page = await app.firstWindow();
    await expect.poll(() => page.title()).toBe('Readout');
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toContain(en.status.local);
  });

  it('runs the page sandboxed, without Node', async () => {
    const page = await app.firstWindow();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys(window.readout))).toEqual(['app']);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import { fixture, repoRoot } from '../support/paths.ts';
import { createApi } from '../../preload/bridge.ts';
import { findElectron, SKIP_REASON } from './electron-binary.ts';

const binary = findElectron();
if (!binary) process.stdout.write(`\n${SKIP_REASON}\n\n`);

describe.skipIf(!binary)('the app in Electron', () => {
  let app: ElectronApplication;
  const home = mkdtempSync(join(tmpdir(), 'readout-e2e-'));

  beforeAll(async () => {
    app = await electron.launch({
      executablePath: binary!,
      args: [join(repoRoot, 'out/main/index.js'), '--no-sandbox', `--user-data-dir=${join(home, 'userData')}`],
      env: { ...process.env, DASHSCOPE_API_KEY: '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), LANG: 'en_US.UTF-8' },
    });
  });
  afterAll(() => app?.close());

  it('starts and shows its window, offline engine first', async () => {
    const page = await app.firstWindow();
    await expect.poll(() => page.title()).toBe('Readout');
    await expect.poll(() => page.getByTestId('first-run').textContent()).toContain(en.firstRun.title);
  });

  it('runs the page sandboxed, without Node, with only the bridge', async () => {
    const page = await app.firstWindow();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // Exactly what preload/bridge.ts builds (review m14: the list here once missed `capture`).
    const bridgeKeys = Object.keys(createApi(async () => undefined, () => () => undefined)).sort();
    expect(bridgeKeys).toContain('capture');
    expect(await page.evaluate(() => Object.keys(window.readout).sort())).toEqual(bridgeKeys);
  });

  it('turns a file chosen in the (stubbed) open dialog into a history entry', { timeout: 60_000 }, async () => {
    const file = fixture('text/en-zh.png');
    await app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
    }, file);
    const page = await app.firstWindow();
    await page.getByTestId('open').click();
    await expect.poll(() => page.getByTestId('history-row').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('result-text').textContent(), { timeout: 30_000 }).toContain('离线识别中文和英文');
  });
  // Capture is in capture.e2e.test.ts: one file drives the screen, so two apps never freeze it at once.
});

/**
 * Settings › Integrations (issue 25) against the real services behind the bridge: the Local API turned on shows its
 * address and token, and a real HTTP request from here to the address shown, with the token shown, is answered (and
 * the old token refused once a new one is made); the port is checked before it is saved, and a taken port is said in
 * words; a folder comes from the (faked) folder picker, is listed with what its watcher says, live; the clipboard
 * switch is saved. Screenshots of the section (on, a watched folder, a failed one) in both languages and themes.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zh from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { createTestApp, type TestApp } from '../support/app-services.ts';
import { seriousFindings } from '../support/axe.ts';
import { DEFAULT_TEXT } from '../support/dashscope-server.ts';
import { fixture } from '../support/paths.ts';
import { useWindowSuite } from '../support/window-suite.ts';

const KEY = 'sk-test-valid-key-0001';
vi.setConfig({ expect: { poll: { timeout: 20_000 } } });
const suite = useWindowSuite();
const { server, tempDir } = suite;
const SHOTS = process.env.READOUT_SHOTS ?? '/tmp/shots/app-window';
mkdirSync(SHOTS, { recursive: true });
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

/** A port nothing listens on now (the OS's pick, let go at once). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The real services, reading through the DashScope stand-in, with the integrations started as the app starts them. */
async function integrationsApp(settings: Parameters<TestApp['settings']['update']>[0] = {}): Promise<TestApp> {
  const app = createTestApp(tempDir(), { ports: { integrationTimings: { folders: { settleMs: 50, rescanMs: 200, retryMs: 200 } } } });
  suite.app = app;
  app.settings.update({ baseUrl: server.baseURL, localApiPort: await freePort(), ...settings });
  await app.settings.setApiKey(KEY);
  await app.services.integrations.start();
  return app;
}

async function openIntegrations(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const page = await suite.open(options);
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-integrations').scrollIntoViewIfNeeded();
  return page;
}

const shown = (page: Page, testId: string): Promise<string> => page.getByTestId(`${testId}-value`).textContent().then((text) => text ?? '');

describe('Settings › Integrations', () => {
  it('turns the Local API on: the address and token shown answer a real request; a new token refuses the old', async () => {
    const app = await integrationsApp();
    const page = await openIntegrations();
    const section = page.getByTestId('settings-integrations');
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe(en.integrations.heading);
    // Off by default: nothing to copy yet.
    expect(await page.getByTestId('check-localApi').isChecked()).toBe(false);
    expect(await page.getByTestId('local-api-url').count()).toBe(0);

    await page.getByTestId('check-localApi').check();
    await expect.poll(() => page.getByTestId('local-api-state').textContent()).toBe(en.integrations.api.on);
    const url = await shown(page, 'local-api-url');
    expect(url).toBe(`http://127.0.0.1:${app.settings.get().localApiPort}`);
    // The token is masked until asked for.
    expect(await shown(page, 'local-api-token')).toMatch(/^•+$/);
    await page.getByTestId('local-api-token-show').click();
    const token = await shown(page, 'local-api-token');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(await shown(page, 'curl-v1')).toContain(`Authorization: Bearer ${token}`);

    // A real request to what the page shows, with what it shows.
    const image = new Blob([new Uint8Array(readFileSync(fixture('text/en-zh.png')))], { type: 'image/png' });
    const read = await fetch(`${url}/v1/read`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: image });
    expect(read.status).toBe(200);
    // An array of `readout --json` objects: one for an image.
    const reports = (await read.json()) as Array<{ ok: boolean; text: string }>;
    expect(reports.map((report) => [report.ok, report.text])).toEqual([[true, DEFAULT_TEXT]]);
    const search = await fetch(`${url}/v1/history?q=Readout`, { headers: { authorization: `Bearer ${token}` } });
    expect(search.status).toBe(200);
    expect((await fetch(`${url}/v1/history?q=Readout`)).status).toBe(401);

    // Copy puts the whole token on the clipboard, even while masked.
    await page.getByTestId('local-api-token-show').click();
    await page.getByTestId('local-api-token-copy').click();
    await expect.poll(() => app.clipboard.at(-1)).toBe(token);
    await page.getByTestId('curl-umi-copy').click();
    await expect.poll(() => app.clipboard.at(-1)).toContain(`${url}/api/ocr`);
    expect(await seriousFindings(page)).toEqual([]);

    // Regenerate asks first; then the old token is refused at once and the new one shown.
    await page.getByTestId('local-api-regenerate').click();
    await page.getByTestId('regenerate-confirm').waitFor();
    await page.getByTestId('regenerate-yes').click();
    await page.getByTestId('local-api-token-show').click();
    await expect.poll(() => shown(page, 'local-api-token')).not.toBe(token);
    const fresh = await shown(page, 'local-api-token');
    expect((await fetch(`${url}/v1/history?q=Readout`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await fetch(`${url}/v1/history?q=Readout`, { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(200);

    // Off again: the server stops.
    await page.getByTestId('check-localApi').uncheck();
    await expect.poll(() => app.services.integrations.status().localApi.state).toBe('off');
    await expect(fetch(`${url}/v1/history`)).rejects.toThrow();
  });

  it('checks the port before saving it, warns about the network, and says a taken port in words', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const busy = (taken.address() as { port: number }).port;
    try {
      const app = await integrationsApp({ localApi: true });
      const page = await openIntegrations();
      const port = page.getByTestId('field-localApiPort');
      const before = app.settings.get().localApiPort;
      await port.fill('80');
      await port.press('Enter');
      expect(await page.getByTestId('localApiPort-error').textContent()).toBe(fill(en.integrations.api.portRange, { min: 1024, max: 65535 }));
      expect(app.settings.get().localApiPort).toBe(before);

      await page.getByTestId('check-localApiLan').check();
      expect(await page.getByTestId('lan-warning').textContent()).toBe(en.integrations.api.lanWarning);
      await expect.poll(() => app.settings.get().localApiLan).toBe(true);
      await page.getByTestId('check-localApiLan').uncheck();

      await port.fill(String(busy));
      await port.blur();
      await expect.poll(() => app.settings.get().localApiPort).toBe(busy);
      await expect.poll(() => page.getByTestId('local-api-state').textContent()).toBe(fill(en.integrations.api.portInUse, { port: busy }));
      expect(await page.getByTestId('localApiPort-error').count()).toBe(0);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('adds a folder from the folder picker, lists it with its watcher’s state live, and removes it', async () => {
    const app = await integrationsApp();
    const folder = join(tempDir(), 'Scans');
    mkdirSync(folder);
    copyFileSync(fixture('text/en-zh.png'), join(folder, 'receipt.png'));
    const page = await openIntegrations();

    // Cancelled picker: nothing added.
    app.chooseFolder = null;
    await page.getByTestId('watch-add').click();
    expect(await page.getByTestId('watch-row').count()).toBe(0);

    app.chooseFolder = folder;
    await page.getByTestId('watch-add').click();
    const row = page.getByTestId('watch-row');
    await row.waitFor();
    expect(await row.getByTestId('watch-path').textContent()).toBe(folder);
    await expect.poll(() => app.settings.get().watchFolders).toEqual([{ path: folder, recursive: false, textBeside: false }]);
    // The file already there is read; the count and the last file arrive on integrations:changed.
    await expect.poll(() => row.getByTestId('watch-status').textContent()).toBe(
      [en.integrations.watch.state.watching, fill(en.integrations.watch.read, { count: 1 }), fill(en.integrations.watch.last, { file: 'receipt.png' })].join(' · '),
    );

    await row.getByTestId('watch-recursive').check();
    await row.getByTestId('watch-text-beside').check();
    await expect.poll(() => app.settings.get().watchFolders).toEqual([{ path: folder, recursive: true, textBeside: true }]);
    expect(await seriousFindings(page)).toEqual([]);

    // The same folder again is said, not added twice.
    await page.getByTestId('watch-add').click();
    expect(await page.getByTestId('watch-row').count()).toBe(1);

    await row.getByRole('button', { name: fill(en.integrations.watch.removeNamed, { folder: 'Scans' }) }).click();
    await expect.poll(() => app.settings.get().watchFolders).toEqual([]);
    expect(await page.getByTestId('watch-row').count()).toBe(0);
  });

  it('saves clipboard watching, off by default', async () => {
    const app = await integrationsApp();
    const page = await openIntegrations({ locale: 'zh-CN' });
    const check = page.getByTestId('check-clipboardWatch');
    expect(await page.getByTestId('clipboard-watch').getByRole('heading').textContent()).toBe(zh.integrations.clipboard.heading);
    expect(await check.isChecked()).toBe(false);
    await check.check();
    await expect.poll(() => app.settings.get().clipboardWatch).toBe(true);
    await page.reload();
    await page.getByTestId('open-settings').click();
    expect(await page.getByTestId('check-clipboardWatch').isChecked()).toBe(true);
  });

  for (const colorScheme of ['light', 'dark'] as const)
    for (const locale of ['en-US', 'zh-CN'] as const)
      it(`screenshots: ${locale}, ${colorScheme}`, async () => {
        const dir = tempDir();
        const scans = join(dir, 'Scans');
        const gone = join(dir, 'Old receipts');
        mkdirSync(scans);
        mkdirSync(gone);
        copyFileSync(fixture('text/en-zh.png'), join(scans, 'invoice-0113.png'));
        const app = await integrationsApp({ localApi: true, watchFolders: [{ path: scans, recursive: true, textBeside: false }, { path: gone, recursive: false, textBeside: true }] });
        rmSync(gone, { recursive: true });
        const page = await openIntegrations({ locale, colorScheme });
        const section = page.getByTestId('settings-integrations');
        await expect.poll(() => app.services.integrations.status().localApi.state).toBe('on');
        await expect.poll(() => page.getByTestId('watch-status').first().textContent()).toContain('invoice-0113.png');
        await expect.poll(() => page.getByTestId('watch-row').nth(1).locator('.error-text').count()).toBe(1);
        expect(await seriousFindings(page)).toEqual([]);
        // The window as the user sees it: the section's top (the Local API), then its folders, scrolled to.
        for (const [width, height] of [[640, 480], [1100, 720], [1440, 900]] as const) {
          await page.setViewportSize({ width, height });
          await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: join(SHOTS, `integrations-${locale}-${colorScheme}-${width}x${height}.png`) });
          await page.getByTestId('watched-folders').evaluate((element) => element.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: join(SHOTS, `integrations-folders-${locale}-${colorScheme}-${width}x${height}.png`) });
        }
        // The failed state of the Local API: its port taken by another program.
        const taken = createServer();
        await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
        try {
          await page.setViewportSize({ width: 1100, height: 720 });
          await page.getByTestId('field-localApiPort').fill(String((taken.address() as { port: number }).port));
          await page.getByTestId('field-localApiPort').press('Enter');
          await expect.poll(() => app.services.integrations.status().localApi.state).toBe('failed');
          await expect.poll(() => page.getByTestId('local-api-state').getAttribute('class')).toContain('state-failed');
          await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: join(SHOTS, `integrations-port-taken-${locale}-${colorScheme}-1100x720.png`) });
        } finally {
          await new Promise<void>((resolve) => taken.close(() => resolve()));
        }
      });
});

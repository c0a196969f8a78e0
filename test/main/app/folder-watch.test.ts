/**
 * Watched folders in the app (issue 25), through settings.update as the window sets them: a file dropped in the
 * folder becomes one history entry (once, across a restart of the app too), other files are counted as skipped, the
 * counts reach the window in 'integrations:changed', and a missing folder is 'failed' with its code until it appears.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationsStatus, WatchStatus } from '../../../preload/api.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

const render = (text: string): Promise<Buffer> =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="70"><rect width="100%" height="100%" fill="white"/><text x="14" y="48" font-family="DejaVu Sans, sans-serif" font-size="32" fill="black">${text}</text></svg>`))
    .png()
    .toBuffer();

/** The app over `dir`'s history, with the watcher's intervals short (the machine is loaded: states are waited for). */
async function startApp(dir: string): Promise<TestApp> {
  const app = createTestApp(dir, { ports: { integrationTimings: { folders: { settleMs: 40, rescanMs: 150, retryMs: 100 } } } });
  apps.push(app);
  app.settings.update({ engine: 'local' });
  await app.services.integrations.start();
  return app;
}

/** Resolves once `check` holds, on each integrations:changed the app pushes (and a slow poll as a safety net). */
function until<T>(app: TestApp, check: () => T | undefined | false, what: string, limitMs = 40_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = (): boolean => {
      const found = check();
      if (found) {
        clearInterval(timer);
        resolve(found);
        return true;
      }
      if (Date.now() - started > limitMs) {
        clearInterval(timer);
        reject(new Error(`waited for ${what}; status: ${JSON.stringify(app.services.integrations.status().watches)}`));
        return true;
      }
      return false;
    };
    const timer = setInterval(look, 50);
    look();
  });
}

const watchOf = (app: TestApp, path: string): WatchStatus | undefined => app.services.integrations.status().watches.find((w) => w.path === path);
const entriesNamed = (app: TestApp, name: string) => app.history.list({ limit: 200 }).items.filter((e) => e.fileName === name);

describe('watched folders in the app', () => {
  it('a file dropped in the folder becomes one entry, listed in the window; another file is skipped; once across a restart', async () => {
    const dir = tempDir();
    const folder = join(dir, 'inbox');
    mkdirSync(folder);
    const first = await startApp(dir);
    first.settings.update({ watchFolders: [{ path: folder, recursive: false, textBeside: false }] });
    await until(first, () => watchOf(first, folder)?.state === 'watching', 'watching');

    await writeFile(join(folder, 'note.png'), await render('Watched 7'));
    await writeFile(join(folder, 'notes.txt'), 'not an image');
    const status = await until(first, () => {
      const w = watchOf(first, folder);
      return w && w.read === 1 && w.skipped === 1 ? w : undefined;
    }, 'one read, one skipped');
    expect(status).toMatchObject({ state: 'watching', failed: 0, error: null, lastFile: join(folder, 'note.png') });
    const [entry] = entriesNamed(first, 'note.png');
    expect(entry).toMatchObject({ status: 'done' });
    expect(entry!.text).toMatch(/Watched/);
    expect(first.events.some((e) => e.event === 'history:changed' && (e.payload as { ids: number[] }).ids?.includes(entry!.id))).toBe(true);
    const pushed = first.events.filter((e) => e.event === 'integrations:changed').map((e) => (e.payload as IntegrationsStatus).watches[0]);
    expect(pushed.some((w) => w?.read === 1)).toBe(true);
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    // The app starts again on the same history: the file is remembered, a new one is read.
    const second = await startApp(dir);
    await until(second, () => watchOf(second, folder)?.state === 'watching', 'watching again');
    await writeFile(join(folder, 'later.png'), await render('Later 8'));
    await until(second, () => watchOf(second, folder)?.read === 1, 'later.png read');
    expect(entriesNamed(second, 'note.png')).toHaveLength(1);
    expect(entriesNamed(second, 'later.png')).toHaveLength(1);
  });

  it('a missing folder is failed with watch-folder-missing, and watched once it appears; removed from the settings, it stops', async () => {
    const dir = tempDir();
    const folder = join(dir, 'not-yet');
    const app = await startApp(dir);
    app.settings.update({ watchFolders: [{ path: folder, recursive: true, textBeside: false }] });
    const failed = await until(app, () => (watchOf(app, folder)?.state === 'failed' ? watchOf(app, folder) : undefined), 'failed');
    expect(failed.error).toMatchObject({ code: 'watch-folder-missing' });
    mkdirSync(join(folder, 'sub'), { recursive: true });
    await until(app, () => watchOf(app, folder)?.state === 'watching', 'watching once it is there');
    await writeFile(join(folder, 'sub', 'deep.png'), await render('Deep 9'));
    await until(app, () => watchOf(app, folder)?.read === 1, 'deep.png read (recursive)');

    // The folder goes away while watched: failed again, not a crash.
    rmSync(folder, { recursive: true, force: true });
    await until(app, () => watchOf(app, folder)?.state === 'failed', 'failed when gone');

    app.settings.update({ watchFolders: [] });
    expect(app.services.integrations.status().watches).toEqual([]);
  });
});

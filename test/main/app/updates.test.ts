/**
 * The update service with the real electron-updater (its AppImage updater) against a local HTTP server that serves
 * a release feed as electron-builder publishes it (latest-linux.yml beside the AppImage).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppImageUpdater } from 'electron-updater';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS, UpdateService, type UpdateFeed, type UpdatePorts } from '../../../main/app/updates.ts';
import { NodeHttpExecutor } from '../../support/node-http-executor.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
const RELEASE = Buffer.from('#!/bin/sh\necho "Readout 0.2.0"\n');
let latest = '0.2.0';
let feedUrl = '';
const requests: string[] = [];
const server: Server = createServer((request, response) => {
  requests.push(request.url ?? '');
  const sha512 = createHash('sha512').update(RELEASE).digest('base64');
  if (request.url?.startsWith('/latest-linux.yml')) {
    response.end(`version: ${latest}\nfiles:\n  - url: Readout-${latest}.AppImage\n    sha512: ${sha512}\n    size: ${RELEASE.length}\npath: Readout-${latest}.AppImage\nsha512: ${sha512}\nreleaseDate: '2026-11-28T10:00:00.000Z'\n`);
  } else if (request.url?.startsWith(`/Readout-${latest}.AppImage`)) {
    response.setHeader('content-length', RELEASE.length);
    response.end(RELEASE);
  } else {
    response.statusCode = 404;
    response.end();
  }
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The real updater, as a packaged 0.1.0 AppImage would run it, with the feed at the local server. */
function realFeed(dir: string, installs: string[]): UpdateFeed {
  writeFileSync(join(dir, 'Readout.AppImage'), 'old');
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: readout-updater\n`);
  process.env.APPIMAGE = join(dir, 'Readout.AppImage');
  const app = {
    version: '0.1.0', name: 'Readout', isPackaged: true, appUpdateConfigPath: join(dir, 'app-update.yml'), userDataPath: join(dir, 'user'),
    baseCachePath: join(dir, 'cache'), whenReady: async () => undefined, relaunch: () => undefined, quit: () => undefined, onQuit: () => undefined,
  };
  const updater = new AppImageUpdater(null, app);
  (updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeHttpExecutor();
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.logger = null;
  return {
    checkForUpdates: () => updater.checkForUpdates(),
    downloadUpdate: () => updater.downloadUpdate(),
    quitAndInstall: (silent, runAfter) => void installs.push(`install silent=${silent} runAfter=${runAfter}`),
  };
}

function harness(options: { enabled?: boolean; busy?: boolean; last?: number | null } = {}) {
  const dir = tempDir();
  const installs: string[] = [];
  const told: string[] = [];
  const timers: Array<{ ms: number; run: () => void }> = [];
  let last = options.last ?? null;
  const state = { enabled: options.enabled ?? true, busy: options.busy ?? false };
  const ports: UpdatePorts = {
    feed: realFeed(dir, installs),
    enabled: () => state.enabled,
    busy: () => state.busy,
    ready: (version) => told.push(version),
    lastCheck: { get: () => last, set: (at) => (last = at) },
    log: () => undefined,
    now: () => 1_000_000_000,
    setTimer: (run, ms) => {
      const timer = { ms, run };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
  };
  return { service: new UpdateService(ports), installs, told, timers, state, last: () => last };
}

describe('UpdateService with electron-updater and a release feed', () => {
  it('looks a little after start, downloads a newer version, says so once, and installs it on quit', async () => {
    const { service, installs, told, timers, last } = harness();
    service.start();
    expect(timers.map((t) => t.ms)).toEqual([FIRST_CHECK_DELAY_MS]);
    expect(await service.check()).toBe('ready');
    expect(requests.some((url) => url.startsWith('/Readout-0.2.0.AppImage'))).toBe(true);
    expect(told).toEqual(['0.2.0']);
    expect(last()).toBe(1_000_000_000);
    expect(await service.check()).toBe('ready');
    expect(told).toEqual(['0.2.0']);
    expect(service.installOnQuit()).toBe(true);
    expect(installs).toEqual(['install silent=true runAfter=false']);
  });

  it('never installs while a capture or a recognition runs', async () => {
    const { service, installs, state } = harness({ busy: true });
    expect(await service.check()).toBe('ready');
    expect(service.installOnQuit()).toBe(false);
    state.busy = false;
    expect(service.installOnQuit()).toBe(true);
    expect(installs).toHaveLength(1);
  });

  it('up to date: nothing to tell, next look in a day; a look yesterday waits for its day', async () => {
    latest = '0.1.0';
    try {
      const { service, told, timers } = harness();
      expect(await service.check()).toBe('idle');
      expect(told).toEqual([]);
      expect(timers.at(-1)?.ms).toBe(CHECK_INTERVAL_MS);
      const recent = harness({ last: 1_000_000_000 - 1000 });
      recent.service.start();
      expect(recent.timers.map((t) => t.ms)).toEqual([CHECK_INTERVAL_MS - 1000]);
    } finally {
      latest = '0.2.0';
    }
  });

  it('turned off: no look at all, and a failed look is tried again tomorrow', async () => {
    const off = harness({ enabled: false });
    off.service.start();
    expect(off.timers).toEqual([]);
    expect(await off.service.check()).toBe('off');
    const broken = harness();
    latest = 'not-a-version';
    try {
      expect(await broken.service.check()).toBe('failed');
      expect(broken.timers.at(-1)?.ms).toBe(CHECK_INTERVAL_MS);
      expect(broken.service.installOnQuit()).toBe(false);
    } finally {
      latest = '0.2.0';
    }
  });
});

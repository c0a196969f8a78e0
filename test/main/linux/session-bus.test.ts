import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalScreenshot, PortalError } from '../../../main/linux/screenshot-portal.ts';
import { connectSessionBus } from '../../../main/linux/session-bus.ts';
import { hasTrayHost } from '../../../main/linux/tray-host.ts';
import { DBUS_DAEMON, FakeScreenshotPortal, SessionBus } from '../../support/dbus-session.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
if (!DBUS_DAEMON) process.stdout.write('\nScreenshot portal tests SKIPPED: no dbus-daemon (Debian: apt-get install dbus-daemon).\n\n');

describe.skipIf(!DBUS_DAEMON)('the Screenshot portal, over a real session bus', () => {
  const bus = new SessionBus();
  const portal = new FakeScreenshotPortal();

  beforeAll(async () => {
    await bus.start();
    await portal.start(bus.address);
  });
  afterAll(() => {
    portal.stop();
    bus.stop();
  });

  it('asks for an interactive screenshot and reads the file the portal saved', async () => {
    const file = join(tempDir(), 'Screenshot from 2026-11-29.png');
    writeFileSync(file, Buffer.from('89504e470d0a1a0a', 'hex'));
    portal.answer = { kind: 'saved', uri: pathToFileURL(file).href };
    const shot = await portalScreenshot({ busAddress: bus.address });
    expect([...shot.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(portal.calls.at(-1)).toMatchObject({ parent: '', options: { interactive: true, handle_token: expect.stringMatching(/^readout_[0-9a-f]{16}$/) } });
  });

  it('follows the handle an older portal gives instead of the predicted one', async () => {
    const file = join(tempDir(), 'shot.png');
    writeFileSync(file, Buffer.from('89504e470d0a1a0a', 'hex'));
    portal.answer = { kind: 'other-path', uri: pathToFileURL(file).href };
    await expect(portalScreenshot({ busAddress: bus.address })).resolves.toMatchObject({ uri: pathToFileURL(file).href });
  });

  it('a cancelled picker, and one left open past the limit, end as a refusal', async () => {
    portal.answer = { kind: 'cancelled' };
    await expect(portalScreenshot({ busAddress: bus.address })).rejects.toMatchObject({ reason: 'refused', message: 'The screenshot was cancelled.' });
    portal.answer = { kind: 'silent' };
    await expect(portalScreenshot({ busAddress: bus.address, limitMs: 200 })).rejects.toBeInstanceOf(PortalError);
  });
});

describe.skipIf(!DBUS_DAEMON)('without a screenshot portal', () => {
  it('says the desktop has none, when nobody owns the portal name or it lacks Screenshot', async () => {
    const bus = new SessionBus();
    await bus.start();
    try {
      await expect(portalScreenshot({ busAddress: bus.address })).rejects.toMatchObject({ reason: 'missing' });
      const portal = new FakeScreenshotPortal();
      await portal.start(bus.address, { screenshot: false });
      await expect(portalScreenshot({ busAddress: bus.address })).rejects.toMatchObject({ reason: 'missing' });
      portal.stop();
    } finally {
      bus.stop();
    }
  });

  it('says so when there is no session bus at all', async () => {
    await expect(portalScreenshot({ busAddress: 'unix:path=/nonexistent/bus' })).rejects.toMatchObject({ reason: 'missing' });
  });
});

describe.skipIf(!DBUS_DAEMON)('hasTrayHost', () => {
  it('is true only while a StatusNotifierWatcher owns its name', async () => {
    const bus = new SessionBus();
    await bus.start();
    try {
      expect(await hasTrayHost(bus.address)).toBe(false);
      const watcher = await connectSessionBus(bus.address);
      await watcher.requestName('org.kde.StatusNotifierWatcher', 4);
      expect(await hasTrayHost(bus.address)).toBe(true);
      watcher.disconnect();
    } finally {
      bus.stop();
    }
    expect(await hasTrayHost('unix:path=/nonexistent/bus')).toBe(false);
  });
});

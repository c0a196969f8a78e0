/**
 * `readout capture` against the app (issue 25): the real command in a child process asks AppServices' control
 * endpoint, in-process on its real socket in the data folder, and the capture starts as the hotkey's does; with no app
 * running it exits 1 and says so; a socket file left by a crash is taken over; a second app leaves the first its own.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { controlEndpoint } from '../../../main/serve/control-endpoint.ts';
import { createTestApp, type TestApp } from '../../support/app-services.ts';
import { call } from '../../support/http-call.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function startApp(dir: string, logs: string[] = []): Promise<TestApp> {
  const app: TestApp = createTestApp(dir, { ports: { dataDir: dir, startCapture: () => void app.captureStarts++ } });
  apps.push(app);
  // The log is where a second app says it could not take the endpoint.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void logs.push(args.map(String).join(' '));
  try {
    await app.services.integrations.start();
  } finally {
    console.warn = warn;
  }
  return app;
}

describe.skipIf(process.platform === 'win32')('the control endpoint for readout capture', () => {
  it('the real command starts a capture in the running app, over the socket in its data folder (0600)', async () => {
    const dir = tempDir();
    const app = await startApp(dir);
    const socket = controlEndpoint(dir);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    // Not tied to the Local API setting: it is off.
    expect(app.services.integrations.status().localApi.state).toBe('off');
    const run = await runCli(['capture', '--data-dir', dir]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(app.captureStarts).toBe(1);
    // Only capture and health there: no reading, no history.
    expect((await call({ socketPath: socket, path: '/v1/health' })).status).toBe(200);
    expect((await call({ socketPath: socket, method: 'POST', path: '/v1/read', headers: { 'Content-Type': 'image/png' }, body: 'x' })).status).toBe(404);
    expect((await call({ socketPath: socket, path: '/v1/history?q=a' })).status).toBe(404);
    await app.close();
    apps.splice(0);
    // Closed at quit: the socket goes with it.
    expect(existsSync(socket)).toBe(false);
  });

  it('with no app running: exit 1 and the message', async () => {
    const dir = tempDir();
    const run = await runCli(['capture', '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('readout: Readout is not running: start it, then run readout capture again\n');
  });

  it('a socket file left by a crash is removed first; a second app leaves the running one its endpoint', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'control.sock'), '');
    const first = await startApp(dir);
    expect(first.services.integrations.control!.listening).toBe(true);
    const logs: string[] = [];
    const second = await startApp(dir, logs);
    expect(second.services.integrations.control!.listening).toBe(false);
    expect(logs.join('\n')).toMatch(/another Readout is already listening/);
    expect((await runCli(['capture', '--data-dir', dir])).code).toBe(0);
    expect(first.captureStarts).toBe(1);
    expect(second.captureStarts).toBe(0);
  });
});

/**
 * `readout serve` and `readout capture` as commands (real child processes, real sockets): the start line, a
 * request in hand answered after Ctrl+C and a clean exit, the refusal to listen beyond loopback without a token, and
 * `readout capture` against a control endpoint served in-process with a stand-in capture.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import { controlEndpoint } from '../../../main/serve/control-endpoint.ts';
import { startApiServer, type ApiServer } from '../../../main/serve/server.ts';
import { call } from '../../support/http-call.ts';
import { fixture, repoRoot } from '../../support/paths.ts';
import { runCli } from '../../support/run-cli.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-serve-cli-'));
  dirs.push(dir);
  return dir;
};
let child: ChildProcessWithoutNullStreams | null = null;
let control: ApiServer | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = null;
  await control?.close();
  control = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `readout serve ARGS` started, resolved with its URL once it says it listens. */
function serve(args: string[]): Promise<{ url: string; port: number; stderr: () => string; exited: Promise<number | null> }> {
  const proc = spawn(process.execPath, ['bin/readout.js', 'serve', ...args], { cwd: repoRoot, env: { ...process.env, DASHSCOPE_API_KEY: '', READOUT_API_TOKEN: '' } });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Readout API on (http:\/\/127\.0\.0\.1:(\d+)) \(Umi-OCR: POST \/api\/ocr; Readout: POST \/v1\/read\)\n/.exec(stdout);
      if (match) resolve({ url: match[1]!, port: Number(match[2]), stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`readout serve exited ${code} before listening: ${stderr}`)));
  });
}

describe('readout serve', () => {
  it('says where it listens, and on Ctrl+C answers the request in hand, closes the history and exits 0', async () => {
    const dataDir = tempDir();
    const server = await serve(['--engine', 'local', '--port', '0', '--data-dir', dataDir]);
    const image = readFileSync(fixture('text/en-zh.png'));
    // Expect: 100-continue: the server says "continue" once the request holds a reading slot, so it is in hand.
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/v1/read?file=en-zh.png', headers: { 'Content-Type': 'image/png', 'Content-Length': String(image.length), Expect: '100-continue' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.on('continue', async () => {
        child!.kill('SIGINT');
        while (!server.stderr().includes('stopping')) await new Promise((r) => setTimeout(r, 20));
        req.end(image);
      });
      req.flushHeaders();
    });
    const done = await answer;
    expect(done.status).toBe(200);
    expect(JSON.parse(done.body)[0]).toMatchObject({ ok: true, file: 'en-zh.png', text: 'Readout reads text 2026\n离线识别中文和英文' });
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toBe('readout: stopping: answering the requests in hand\n');
    const store = new HistoryStore(join(dataDir, 'history.sqlite'));
    try {
      expect(store.list().items.map((e) => [e.fileName, e.status])).toEqual([['en-zh.png', 'done']]);
    } finally {
      store.close();
    }
  }, 60_000);

  it('refuses to listen beyond loopback without READOUT_API_TOKEN, saying how (exit 2)', async () => {
    const run = await runCli(['serve', '--engine', 'local', '--host', '0.0.0.0', '--no-history']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--host 0.0.0.0 lets other computers reach the API: set READOUT_API_TOKEN');
    const bad = await runCli(['serve', '--port', '70000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port is 0 to 65535');
  });

  it('beyond loopback with a token, says every request needs it', async () => {
    const proc = spawn(process.execPath, ['bin/readout.js', 'serve', '--engine', 'local', '--no-history', '--host', '0.0.0.0', '--port', '0'], { cwd: repoRoot, env: { ...process.env, READOUT_API_TOKEN: 'a-token-long-enough-123' } });
    child = proc;
    const said = await new Promise<string>((resolve) => {
      let out = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.split('\n').length > 2) resolve(out);
      });
    });
    expect(said).toMatch(/^Readout API on http:\/\/0\.0\.0\.0:\d+ .*\nListening beyond this computer: every request needs the header Authorization: Bearer \$READOUT_API_TOKEN\n$/);
    proc.kill('SIGTERM');
    expect(await new Promise((resolve) => proc.on('close', resolve))).toBe(0);
  }, 30_000);
});

describe('readout capture', () => {
  it('asks the running app over its control socket (mode 0600), which starts a capture', async () => {
    const dataDir = tempDir();
    let captures = 0;
    control = await startApiServer({ socketPath: controlEndpoint(dataDir), token: null, reader: null, history: null, capture: () => void captures++, version: '1' });
    expect(statSync(controlEndpoint(dataDir)).mode & 0o777).toBe(0o600);
    const run = await runCli(['capture', '--data-dir', dataDir]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(captures).toBe(1);
    // The control endpoint serves capture and health only.
    expect((await call({ socketPath: controlEndpoint(dataDir), path: '/v1/health' })).json).toMatchObject({ ok: true });
    expect((await call({ socketPath: controlEndpoint(dataDir), path: '/v1/history?q=x' })).status).toBe(404);
    expect((await call({ socketPath: controlEndpoint(dataDir), method: 'POST', path: '/api/ocr', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(404);
  });

  it('with no app running: exit 1, saying to start it; a socket left by a crashed app is the same', async () => {
    const run = await runCli(['capture', '--data-dir', tempDir()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('readout: Readout is not running: start it, then run readout capture again\n');
    const crashed = tempDir();
    writeFileSync(controlEndpoint(crashed), '');
    expect((await runCli(['capture', '--data-dir', crashed])).stderr).toBe('readout: Readout is not running: start it, then run readout capture again\n');
    // The next app to start takes the place of the one that crashed.
    control = await startApiServer({ socketPath: controlEndpoint(crashed), token: null, reader: null, history: null, capture: () => {}, version: '1' });
    expect((await runCli(['capture', '--data-dir', crashed])).code).toBe(0);
  });
});

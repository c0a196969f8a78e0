/**
 * The local API under load (issue 25): `readout serve --engine local` answering 20 clients at once, each POSTing
 * images to /v1/read, against the command reading the same files, measured in the same run:
 * - `readout --engine local --concurrency 2 FILES...`, one process for them all;
 * - one `readout --engine local FILE` process per file, two at a time (the same two readings at once as the server's
 *   and the batch command's default --concurrency).
 * Files per second, and the peak resident memory of the whole process tree (bench/process-tree.ts's treeRssMb, every
 * 50 ms; for the per-file runs the sum over the processes running at that moment). The server's rate is counted from
 * its first answer (the engine loaded, as in an app that serves all day); its start-up is printed beside it. Each run
 * records into its own fresh history, as the API does by default. Timings are printed, never asserted.
 * Usage: node bench/serve.ts [files, default 40]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeRssMb } from './process-tree.ts';

const root = join(import.meta.dirname, '..');
const CLIENTS = 20;
const image = join(root, 'test', 'fixtures', 'text', 'en-zh.png');

/** Samples the memory of `pids()` (summed) every 50 ms until stopped; the peak in MB. */
function sampler(pids: () => number[]): { stop: () => number } {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, pids().reduce((sum, pid) => sum + treeRssMb(pid), 0));
  }, 50);
  return { stop: () => (clearInterval(timer), peak) };
}

const readout = (args: string[]): ChildProcess =>
  spawn(process.execPath, ['bin/readout.js', ...args], { cwd: root, env: { ...process.env, DASHSCOPE_API_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });

const exited = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.on('close', resolve));

function post(port: number, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/read?file=bench.png', headers: { 'Content-Type': 'image/png', 'Content-Length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function benchServer(files: string[]): Promise<{ ms: number; startMs: number; peakMb: number; failed: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'readout-bench-serve-'));
  const started = performance.now();
  const child = readout(['serve', '--engine', 'local', '--port', '0', '--data-dir', dataDir]);
  const memory = sampler(() => (child.pid ? [child.pid] : []));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on('close', (code) => reject(new Error(`readout serve exited ${code}`)));
  });
  const bodies = files.map((file) => readFileSync(file));
  // One reading first: the engine's models load on the first request, as they do once in a server's life.
  if ((await post(port, bodies[0]!)) !== 200) throw new Error('the warm-up request failed');
  const startMs = performance.now() - started;
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        if ((await post(port, body)) !== 200) failed++;
      }
    }),
  );
  const ms = performance.now() - t0;
  child.kill('SIGINT');
  await exited(child);
  const peakMb = memory.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return { ms, startMs, peakMb, failed };
}

async function benchBatch(files: string[]): Promise<{ ms: number; peakMb: number; code: number | null }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'readout-bench-cli-'));
  const t0 = performance.now();
  const child = readout(['--engine', 'local', '--concurrency', '2', '--json', '--data-dir', dataDir, ...files]);
  child.stdout!.resume();
  child.stderr!.resume();
  const memory = sampler(() => (child.pid ? [child.pid] : []));
  const code = await exited(child);
  const ms = performance.now() - t0;
  const peakMb = memory.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return { ms, peakMb, code };
}

async function benchPerFile(files: string[]): Promise<{ ms: number; peakMb: number; failed: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'readout-bench-each-'));
  const running = new Set<ChildProcess>();
  const memory = sampler(() => [...running].map((child) => child.pid).filter((pid): pid is number => pid !== undefined));
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < files.length) {
        const child = readout(['--engine', 'local', '--json', '--data-dir', dataDir, files[next++]!]);
        child.stdout!.resume();
        child.stderr!.resume();
        running.add(child);
        if ((await exited(child)) !== 0) failed++;
        running.delete(child);
      }
    }),
  );
  const ms = performance.now() - t0;
  const peakMb = memory.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return { ms, peakMb, failed };
}

export async function benchServe(count = 40): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'readout-bench-files-'));
  const files = Array.from({ length: count }, (_, i) => {
    const file = join(dir, `page-${String(i).padStart(3, '0')}.png`);
    copyFileSync(image, file);
    return file;
  });
  try {
    const server = await benchServer(files);
    const batch = await benchBatch(files);
    const each = await benchPerFile(files);
    const rate = (ms: number): string => (count / (ms / 1000)).toFixed(2);
    const rows = [
      ['readout serve, 20 clients (from its first answer)', rate(server.ms), (server.ms / 1000).toFixed(1), server.peakMb.toFixed(0), '1.00'],
      ['readout --concurrency 2 FILES (one process)', rate(batch.ms), (batch.ms / 1000).toFixed(1), batch.peakMb.toFixed(0), (server.ms / batch.ms).toFixed(2)],
      ['readout FILE, a process per file, 2 at a time', rate(each.ms), (each.ms / 1000).toFixed(1), each.peakMb.toFixed(0), (server.ms / each.ms).toFixed(2)],
    ];
    const widths = [50, 8, 8, 10, 16];
    const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
    return [
      `serve: ${count} copies of a 640x160 text image, offline engine, each run into a fresh history (${process.platform}, ${process.arch})`,
      line(['', 'files/s', 'seconds', 'peak MB', 'rate vs serve']),
      ...rows.map(line),
      `readout serve started and answered its first request in ${(server.startMs / 1000).toFixed(1)} s (the engine's models loaded); failures: serve ${server.failed}, per file ${each.failed}, batch exit ${batch.code}`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) process.stdout.write(`${await benchServe(Number(process.argv[2] ?? 40))}\n`);

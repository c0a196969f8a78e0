/**
 * Folder watching (issue 25) against the command reading the same files, measured in the same run:
 * - throughput: `readout --engine local --concurrency 2 FILES...` (the baseline) vs `readout watch DIR --once` over the
 *   same files (their settle looks, the ledger's SHA-256 and rows on top of the same readings): seconds, files per
 *   second, and the peak resident memory of the process tree (process-tree.ts);
 * - latency: files dropped one at a time into a running `readout watch` (default --settle 500): from the file's
 *   write to its JSON line, beside the reading's own durationMs (the rest is the settle wait and the ledger);
 * - idle cost: the CPU time a watcher spends over a folder of IDLE files already read (its walk every 5 s, the
 *   safety net for lost events), over 12 s.
 * Timings are printed, never asserted. Usage: node bench/watch.ts [files, default 30]
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WatchedFiles } from '../main/history/watched-files.ts';
import { historyFile } from '../main/paths.ts';
import { runTree } from './process-tree.ts';

const root = join(import.meta.dirname, '..');
const image = join(root, 'test', 'fixtures', 'text', 'en-zh.png');
const FILES = Number(process.argv[2] ?? 30);
const IDLE = 1000;
const env = { ...process.env, DASHSCOPE_API_KEY: '' };
const work = mkdtempSync(join(tmpdir(), 'readout-bench-watch-'));

const folder = (name: string, count: number): string => {
  const dir = join(work, name);
  mkdirSync(dir);
  for (let i = 0; i < count; i++) copyFileSync(image, join(dir, `shot-${String(i).padStart(4, '0')}.png`));
  return dir;
};

/** CPU seconds (user + system) a process has used, from /proc/PID/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const lines: string[] = [`watch: ${FILES} PNGs (${image.split('/').slice(-2).join('/')}), offline engine, --concurrency 2`];
try {
  const files = folder('cli', FILES);
  const cli = await runTree(process.execPath, ['bin/readout.js', '--engine', 'local', '--concurrency', '2', '--data-dir', join(work, 'd1'), '--json', ...Array.from({ length: FILES }, (_, i) => join(files, `shot-${String(i).padStart(4, '0')}.png`))], { cwd: root, env });
  const watched = folder('watch', FILES);
  const once = await runTree(process.execPath, ['bin/readout.js', 'watch', watched, '--once', '--engine', 'local', '--concurrency', '2', '--data-dir', join(work, 'd2'), '--json'], { cwd: root, env });
  const count = (out: string): number => out.split('\n').filter((l) => l.includes('"ok":true')).length;
  process.stderr.write('throughput measured\n');
  lines.push(
    `  readout FILES (baseline)   ${(cli.ms / 1000).toFixed(1)} s, ${(FILES / (cli.ms / 1000)).toFixed(2)} files/s, peak ${cli.peakMb.toFixed(0)} MB, ${count(cli.stdout)} read`,
    `  readout watch DIR --once   ${(once.ms / 1000).toFixed(1)} s, ${(FILES / (once.ms / 1000)).toFixed(2)} files/s, peak ${once.peakMb.toFixed(0)} MB, ${count(once.stdout)} read  (x${(once.ms / cli.ms).toFixed(2)} the time, x${(once.peakMb / cli.peakMb).toFixed(2)} the memory)`,
  );

  // Latency: one file at a time into a running watcher.
  const live = join(work, 'live');
  mkdirSync(live);
  const child = spawn(process.execPath, ['bin/readout.js', 'watch', live, '--engine', 'local', '--data-dir', join(work, 'd3'), '--json'], { cwd: root, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const until = async (ready: () => boolean): Promise<void> => {
    while (!ready()) await new Promise((r) => setTimeout(r, 5));
  };
  await until(() => err.includes('watching'));
  const latencies: number[] = [];
  const readings: number[] = [];
  const bytes = readFileSync(image);
  for (let i = 0; i < 10; i++) {
    const before = out.split('\n').length;
    const started = performance.now();
    writeFileSync(join(live, `drop-${i}.png`), bytes);
    await until(() => out.split('\n').length > before);
    latencies.push(performance.now() - started);
    readings.push(JSON.parse(out.trim().split('\n').at(-1)!).durationMs);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  lines.push(`  a file dropped into a running watcher: median ${median(latencies).toFixed(0)} ms from write to its line, of which the reading ${median(readings).toFixed(0)} ms (settle 500 ms: two looks)`);
  child.kill('SIGINT');
  await new Promise((r) => child.on('close', r));

  // Idle: a big folder already read (its ledger written here, rather than reading a thousand files), watched for 12 s.
  const idle = folder('idle', IDLE);
  const ledger = new WatchedFiles(historyFile(join(work, 'd4')));
  for (const name of readdirSync(idle)) {
    const path = join(realpathSync(idle), name);
    const info = statSync(path);
    ledger.done(path, { size: info.size, mtimeMs: info.mtimeMs, sha256: null }, [], null);
  }
  ledger.close();
  const idler = spawn(process.execPath, ['bin/readout.js', 'watch', idle, '--engine', 'local', '--data-dir', join(work, 'd4')], { cwd: root, env });
  let idleErr = '';
  idler.stderr.on('data', (c: Buffer) => (idleErr += c.toString()));
  await until(() => idleErr.includes('watching'));
  await new Promise((r) => setTimeout(r, 1000));
  const cpu0 = cpuSeconds(idler.pid!);
  await new Promise((r) => setTimeout(r, 12_000));
  const cpu1 = cpuSeconds(idler.pid!);
  lines.push(`  idle over ${IDLE} files already read: ${(((cpu1 - cpu0) / 12) * 100).toFixed(1)}% of one core (a walk every 5 s)`);
  idler.kill('SIGINT');
  await new Promise((r) => idler.on('close', r));
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`${lines.join('\n')}\n`);

/**
 * A command run as a child, its whole process tree's memory sampled from /proc (Linux) every 50 ms: the sum of the
 * resident sets (VmRSS) of the child and every process below it, the peak kept. Stopped at `killAfterMs`, as the
 * bad-input review stopped its cases, and past `killAboveMb`, so a baseline cannot take the machine down. Bench-only: timings and memory are printed, never asserted.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface TreeRun {
  code: number | null;
  ms: number;
  peakMb: number;
  killed: boolean;
  /** Stopped for passing `killAboveMb`. */
  capped: boolean;
  stdout: string;
  stderr: string;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The resident memory of `root` and all its descendants, in MB. */
export function treeRssMb(root: number): number {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rssKb(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

export function runTree(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; killAfterMs?: number; killAboveMb?: number }): Promise<TreeRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env });
    let peak = 0;
    let killed = false;
    let capped = false;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout.length < 1e6 ? (stdout += chunk.toString('utf8')) : undefined));
    child.stderr.on('data', (chunk: Buffer) => (stderr.length < 1e6 ? (stderr += chunk.toString('utf8')) : undefined));
    const sampler = setInterval(() => {
      if (!child.pid) return;
      peak = Math.max(peak, treeRssMb(child.pid));
      if (options.killAboveMb !== undefined && peak > options.killAboveMb && !capped) {
        capped = true;
        child.kill('SIGKILL');
      }
    }, 50);
    const killer =
      options.killAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, options.killAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ code, ms: performance.now() - started, peakMb: peak, killed, capped, stdout, stderr });
    });
  });
}

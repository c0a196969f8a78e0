import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

/** Keeps runs that name no --data-dir away from the real user's history. */
const isolatedHome = mkdtempSync(join(tmpdir(), 'readout-home-'));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `readout` command in a child process, as a user or script would. */
export function runCli(args: string[], options: { env?: Record<string, string | undefined>; stdin?: Buffer } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      DASHSCOPE_API_KEY: undefined,
      HOME: isolatedHome,
      XDG_CONFIG_HOME: join(isolatedHome, '.config'),
      APPDATA: join(isolatedHome, 'AppData'),
      ...options.env,
    };
    const child = spawn(process.execPath, ['bin/readout.js', ...args], {
      cwd: repoRoot,
      env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? Buffer.alloc(0));
  });
}

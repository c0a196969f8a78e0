/**
 * The real `readout` command as a long-running child (`readout watch`, `readout serve`): its output as it comes, a
 * wait for a line that says a state was reached (never a clock), signals, and its exit. run-cli.ts runs one to its end.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

const isolatedHome = mkdtempSync(join(tmpdir(), 'readout-home-'));

export class CliChild {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly #child: ChildProcessWithoutNullStreams;
  #listeners = new Set<() => void>();

  constructor(args: string[], env: Record<string, string | undefined> = {}) {
    const merged: Record<string, string | undefined> = {
      ...process.env,
      DASHSCOPE_API_KEY: undefined,
      HOME: isolatedHome,
      XDG_CONFIG_HOME: join(isolatedHome, '.config'),
      APPDATA: join(isolatedHome, 'AppData'),
      ...env,
    };
    this.#child = spawn(process.execPath, ['bin/readout.js', ...args], {
      cwd: repoRoot,
      env: Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    });
    this.#child.stdout.on('data', (chunk: Buffer) => ((this.stdout += chunk.toString('utf8')), this.#changed()));
    this.#child.stderr.on('data', (chunk: Buffer) => ((this.stderr += chunk.toString('utf8')), this.#changed()));
    this.exited = new Promise((resolve) => this.#child.on('exit', (code, signal) => (resolve({ code, signal }), this.#changed())));
  }

  get pid(): number {
    return this.#child.pid!;
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Resolves once `ready` holds of the output (checked at each chunk); rejects if the child exits first. */
  until(ready: (child: CliChild) => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      let gone = false;
      void this.exited.then(() => (gone = true));
      const check = (): void => {
        if (ready(this)) {
          this.#listeners.delete(check);
          resolve();
        } else if (gone || this.#child.exitCode !== null || this.#child.signalCode !== null) {
          this.#listeners.delete(check);
          reject(new Error(`the command exited before ${what}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
        }
      };
      this.#listeners.add(check);
      check();
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.#child.kill(signal);
  }
}

/** Waits for a condition that is not in the output (a row in a database), looking again every `everyMs`. */
export async function eventually<T>(look: () => T | null | undefined | false, what: string, tries = 600, everyMs = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = look();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}

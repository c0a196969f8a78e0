/**
 * The `readout` command, set out where any user can run it. A test that runs the command as another user (`nobody`,
 * to see a history it cannot write) must not depend on that user reaching the checkout: a clone may sit in a private
 * (0700) folder, and CI's own Node (.ci/run puts it in .cache/ of the checkout) with it. So the command's files
 * (bin/, main/, package.json, the runtime packages: package.json's dependencies and theirs) and the Node binary are
 * set out in a fresh temp folder that everyone can enter and read. A file already readable by everyone is hard-linked
 * where the file system allows (nothing copied, a fraction of a second); any other is copied and made readable.
 */
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { repoRoot } from './paths.ts';

export interface CommandForOthers {
  /** The Node binary to run, in the folder. */
  node: string;
  /** The folder: bin/readout.js runs from here as from the checkout. */
  root: string;
  remove(): void;
}

/** Whether a user who is neither owner nor in the group can enter every folder down to `path` (not `path` itself). */
export function enterableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === parse(dir).root) return true;
  }
}

/** package.json's dependencies and, in turn, theirs (optional and peer ones that are installed), by name. */
function runtimePackages(): string[] {
  const seen = new Set<string>();
  const pending = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {});
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const manifest = join(repoRoot, 'node_modules', name, 'package.json');
    // One not at the top (nested under the package that needs it) comes along with that package's folder.
    if (seen.has(name) || !existsSync(manifest)) continue;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) pending.push(...Object.keys(pkg[field] ?? {}));
  }
  return [...seen];
}

/** `from` (a file or a folder, recursively) at `to`: folders 0755, files linked or copied readable by everyone. */
function setOut(from: string, to: string): void {
  const stat = statSync(from);
  if (stat.isDirectory()) {
    mkdirSync(to, { recursive: true });
    chmodSync(to, 0o755);
    for (const name of readdirSync(from)) setOut(join(from, name), join(to, name));
    return;
  }
  if (!stat.isFile()) return;
  const executable = (stat.mode & 0o100) !== 0;
  const readable = (stat.mode & 0o004) !== 0 && (!executable || (stat.mode & 0o001) !== 0);
  if (readable) {
    try {
      linkSync(from, to);
      return;
    } catch {
      // Another file system, or links not allowed: copied below.
    }
  }
  copyFileSync(from, to);
  chmodSync(to, executable ? 0o755 : 0o644);
}

export function commandForOthers(): CommandForOthers {
  const root = mkdtempSync(join(tmpdir(), 'readout-command-'));
  const remove = (): void => rmSync(root, { recursive: true, force: true });
  try {
    chmodSync(root, 0o755);
    if (!enterableByOthers(root)) throw new Error(`other users cannot enter ${dirname(root)} (the temp folder, $TMPDIR); point TMPDIR at one they can`);
    for (const part of ['bin', 'main', 'package.json']) setOut(join(repoRoot, part), join(root, part));
    for (const name of runtimePackages()) setOut(join(repoRoot, 'node_modules', name), join(root, 'node_modules', name));
    chmodSync(join(root, 'node_modules'), 0o755);
    for (const scope of readdirSync(join(root, 'node_modules'))) chmodSync(join(root, 'node_modules', scope), 0o755);
    mkdirSync(join(root, 'node'), { mode: 0o755 });
    chmodSync(join(root, 'node'), 0o755);
    const node = join(root, 'node', parse(process.execPath).base);
    setOut(process.execPath, node);
    return { node, root, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

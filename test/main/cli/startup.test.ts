/**
 * What the command loads before it answers: --help and usage errors must not wait for sharp, the OpenAI SDK,
 * SQLite or onnxruntime (issue 12: `readout --help` took 520 ms against 30 ms for `node -e 0`). Every module the
 * command loads is recorded through a module hook (node:module registerHooks) and checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

async function loadedBy(args: string[]): Promise<{ code: number | null; modules: string[] }> {
  const dir = tempDir();
  const hook = join(dir, 'record-loads.mjs');
  const record = join(dir, 'loaded.txt');
  writeFileSync(
    hook,
    `import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
const seen = [];
registerHooks({ load(url, context, next) { seen.push(url); return next(url, context); } });
process.on('exit', () => writeFileSync(${JSON.stringify(record)}, seen.join('\\n')));
`,
  );
  const run = await runCli(args, { env: { NODE_OPTIONS: `--import ${pathToFileURL(hook).href}` } });
  return { code: run.code, modules: readFileSync(record, 'utf8').split('\n') };
}

const HEAVY = /node_modules\/(sharp|@img|openai|onnxruntime-node|@gutenye)\/|node:sqlite/;

describe('the command starts with only what it needs', () => {
  it('answers --help from three modules of its own, zod not among them', async () => {
    const { code, modules } = await loadedBy(['--help']);
    expect(code).toBe(0);
    expect(modules.filter((url) => url.startsWith('file:') && !url.includes('record-loads'))).toHaveLength(3);
    expect(modules.some((url) => url.includes('/zod/'))).toBe(false);
  });

  it.each([[['--region', 'mars', 'x.png']], [['--concurrency', '0', 'x.png']], [['history', '--help']], [['--version']]])('loads nothing heavy for %j', async (args) => {
    const { modules } = await loadedBy(args);
    expect(modules.filter((url) => HEAVY.test(url))).toEqual([]);
  });
});

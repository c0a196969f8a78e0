/**
 * The `readout` command: the app's services with no window. What a command needs is loaded when it runs: --help, a
 * usage error or --version never load sharp, the OpenAI SDK, SQLite or onnxruntime (the command starts in tens of
 * milliseconds, not half a second).
 */
import { readFileSync } from 'node:fs';
import { USAGE } from './cli/usage.ts';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  // The reader went away (`readout *.png | head -1`): stop the work and end quietly, as Unix tools do, instead of
  // dying on an unhandled EPIPE with a stack trace (bad-input review L2). Other write errors are real ones.
  let readerGone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
    controller.abort();
  });
  const io = {
    stdout: (text: string) => void (readerGone || process.stdout.write(text)),
    stderr: (text: string) => void (readerGone || process.stderr.write(text)),
    stdin: process.stdin,
    signal: controller.signal,
  };
  const quietly = (code: number): number => (readerGone ? 0 : code);
  // `readout --help` alone is answered before the argument schemas (zod, a few dozen modules) load.
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const { parseCli, UsageError } = await import('./cli/args.ts');
  try {
    // A file really named "history" (or like another command) can still be read as ./history.
    const { runSubcommand } = await import('./cli/subcommands.ts');
    const ran = await runSubcommand(argv, { ...io, stdinIsTty: process.stdin.isTTY === true, stderrIsTty: process.stderr.isTTY === true }, process.env);
    if (ran !== undefined) return quietly(ran);
    const command = parseCli(argv, process.env);
    if (command.kind === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (command.kind === 'version') {
      io.stdout(`${version()}\n`);
      return 0;
    }
    const { runRecognize } = await import('./cli/run.ts');
    return quietly(await runRecognize(command.options, io));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`readout: ${error.message}\nTry 'readout --help'.\n`);
      return 2;
    }
    throw error;
  }
}

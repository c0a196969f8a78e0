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
    // A file really named "history" can still be read as ./history.
    if (argv[0] === 'history') {
      const rest = argv.slice(1);
      if (rest.length === 0 || rest.some((arg) => arg === '--help' || arg === '-h')) {
        io.stdout((await import('./cli/history-usage.ts')).HISTORY_USAGE);
        return 0;
      }
      const { runHistory } = await import('./cli/history.ts');
      return quietly(await runHistory(argv.slice(1), io, process.env));
    }
    // The same for a file named "languages".
    if (argv[0] === 'languages') {
      const rest = argv.slice(1);
      if (rest.some((arg) => arg === '--help' || arg === '-h')) {
        io.stdout((await import('./cli/languages-usage.ts')).LANGUAGES_USAGE);
        return 0;
      }
      const { runLanguages } = await import('./cli/languages.ts');
      return quietly(await runLanguages(rest, { ...io, stderrIsTty: process.stderr.isTTY === true }, process.env));
    }
    // The same for a file named "watch": `readout watch FOLDER` (issue 25).
    if (argv[0] === 'watch') {
      const rest = argv.slice(1);
      if (rest.length === 0 || rest.some((arg) => arg === '--help' || arg === '-h')) {
        io.stdout((await import('./cli/watch-usage.ts')).WATCH_USAGE);
        return 0;
      }
      const { runWatch } = await import('./cli/watch.ts');
      return quietly(await runWatch(rest, io, process.env));
    }
    // The same for a file named "batch".
    if (argv[0] === 'batch') {
      const rest = argv.slice(1);
      if (rest.length === 0 || rest.some((arg) => arg === '--help' || arg === '-h')) {
        io.stdout((await import('./cli/batch-usage.ts')).BATCH_USAGE);
        return 0;
      }
      const { runBatch } = await import('./cli/batch.ts');
      return quietly(await runBatch(rest, { ...io, stdinIsTty: process.stdin.isTTY === true, stderrIsTty: process.stderr.isTTY === true }, process.env));
    }
    // The same for files named "serve" and "capture": the local API and its trigger (issue 25).
    if (argv[0] === 'serve') {
      const rest = argv.slice(1);
      if (rest.some((arg) => arg === '--help' || arg === '-h')) {
        io.stdout((await import('./cli/serve-usage.ts')).SERVE_USAGE);
        return 0;
      }
      const { runServe } = await import('./cli/serve.ts');
      return quietly(await runServe(rest, io, process.env));
    }
    if (argv[0] === 'capture') {
      const rest = argv.slice(1);
      if (rest.some((arg) => arg === '--help' || arg === '-h')) {
        io.stdout((await import('./cli/capture-usage.ts')).CAPTURE_USAGE);
        return 0;
      }
      const { runCapture } = await import('./cli/capture.ts');
      return quietly(await runCapture(rest, io));
    }
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

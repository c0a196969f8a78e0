/**
 * The commands that take the place of a file's name: `readout history`, `languages`, `watch`, `batch`, `serve` and
 * `capture`. Each loads only when it runs, and its help loads only its own usage text, so `readout <command> --help`
 * starts as fast as `readout --help`. A file really named like one is still read as ./history.
 */
import type { CliIo } from './run.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The command's streams, and whether a person is at them (a progress bar, a question). */
export interface SubcommandIo extends CliIo {
  stdinIsTty: boolean;
  stderrIsTty: boolean;
}

interface Subcommand {
  /** With no arguments at all the command shows its usage (its arguments are required); else it runs as it is. */
  bareShowsUsage: boolean;
  usage(): Promise<string>;
  run(rest: string[], io: SubcommandIo, env: Env): Promise<number>;
}

const SUBCOMMANDS = new Map<string, Subcommand>([
  ['history', { bareShowsUsage: true, usage: async () => (await import('./history-usage.ts')).HISTORY_USAGE, run: async (rest, io, env) => (await import('./history.ts')).runHistory(rest, io, env) }],
  ['languages', { bareShowsUsage: false, usage: async () => (await import('./languages-usage.ts')).LANGUAGES_USAGE, run: async (rest, io, env) => (await import('./languages.ts')).runLanguages(rest, io, env) }],
  // Issue 25: watching a folder, the local API and its capture trigger.
  ['watch', { bareShowsUsage: true, usage: async () => (await import('./watch-usage.ts')).WATCH_USAGE, run: async (rest, io, env) => (await import('./watch.ts')).runWatch(rest, io, env) }],
  ['serve', { bareShowsUsage: false, usage: async () => (await import('./serve-usage.ts')).SERVE_USAGE, run: async (rest, io, env) => (await import('./serve.ts')).runServe(rest, io, env) }],
  ['capture', { bareShowsUsage: false, usage: async () => (await import('./capture-usage.ts')).CAPTURE_USAGE, run: async (rest, io) => (await import('./capture.ts')).runCapture(rest, io) }],
  // Issue 26: DashScope's Batch API.
  ['batch', { bareShowsUsage: true, usage: async () => (await import('./batch-usage.ts')).BATCH_USAGE, run: async (rest, io, env) => (await import('./batch.ts')).runBatch(rest, io, env) }],
]);

/** Runs `argv` as a subcommand when its first word names one; undefined when it does not (the words are files). */
export async function runSubcommand(argv: string[], io: SubcommandIo, env: Env): Promise<number | undefined> {
  const command = argv[0] === undefined ? undefined : SUBCOMMANDS.get(argv[0]);
  if (!command) return undefined;
  const rest = argv.slice(1);
  if ((rest.length === 0 && command.bareShowsUsage) || rest.some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout(await command.usage());
    return 0;
  }
  return command.run(rest, io, env);
}

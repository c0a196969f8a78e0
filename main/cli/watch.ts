/**
 * `readout watch FOLDER`: the watch room (main/watch/) with the command's reading (open-reading.ts: the same engine,
 * task and history flags as `readout`) and its ledger: the history's watched_files table, or the state file with
 * --no-history (or when the history cannot be opened).
 */
import { realpathSync } from 'node:fs';
import { z } from 'zod';
import { errorMessage } from '../errors.ts';
import { defaultDataDir, historyFile } from '../paths.ts';
import type { FileReport } from '../reading/report.ts';
import type { WatchLedger } from '../watch/ledger.ts';
import { isInside } from '../watch/scan.ts';
import type { WatchEvent } from '../watch/watcher.ts';
import { firstIssue, parseFlags, positiveInt, READ_FLAGS, readOptions, UsageError } from './args.ts';
import { printable, printableText } from './printable.ts';
import type { CliIo } from './run.ts';

const watchSchema = z.object({
  recursive: z.boolean().default(false),
  'text-beside': z.boolean().default(false),
  settle: positiveInt('--settle').max(600_000, '--settle is at most 600000 (ten minutes)').default(500),
  once: z.boolean().default(false),
});

/** A report's header in text mode: which file (and page) the text below is. */
const header = (report: FileReport): string =>
  `==> ${printable(report.file)}${report.page ? ` (page ${report.page} of ${report.pages})` : ''} <==\n`;

export async function runWatch(argv: string[], io: CliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const parsed = parseFlags(argv, { ...READ_FLAGS, recursive: { type: 'boolean' }, 'text-beside': { type: 'boolean' }, settle: { type: 'string' }, once: { type: 'boolean' } });
  const own = watchSchema.safeParse(parsed.values);
  if (!own.success) throw firstIssue(own.error);
  const { recursive, settle, once } = own.data;
  const options = readOptions(parsed.values, env, () => {
    if (parsed.positionals.length === 0) throw new UsageError('watch needs a FOLDER');
    if (parsed.positionals.length > 1) throw new UsageError(`watch takes one FOLDER (got ${parsed.positionals.length}); start one watcher per folder`);
  });
  const folder = parsed.positionals[0]!;
  // Loaded once the flags are good, so a usage error answers at once (test/main/cli/startup.test.ts's rule).
  const [{ isFolderError, watchableFolder, watchFolder }, { openReading }, { WatchedFiles }, { StateFileLedger, stateFileFor }] = await Promise.all([
    import('../watch/watcher.ts'),
    import('./open-reading.ts'),
    import('../history/watched-files.ts'),
    import('../watch/state-file-ledger.ts'),
  ]);
  let root: string;
  try {
    root = await watchableFolder(folder);
  } catch (error) {
    if (isFolderError(error)) {
      io.stderr(`readout: ${printable(error.message)}\n`);
      return 2;
    }
    throw error;
  }

  const dataDir = options.dataDir ?? defaultDataDir();
  const reading = await openReading(options, io);
  let ledger: WatchLedger;
  try {
    ledger = reading.history ? new WatchedFiles(historyFile(dataDir)) : new StateFileLedger(stateFileFor(dataDir, root), root);
  } catch (error) {
    await reading.close();
    io.stderr(`readout: ${printable(errorMessage(error))}\n`);
    return 2;
  }

  // Ctrl+C reaches us through io.signal (cli.ts); SIGTERM (a service manager, `kill`) stops the same way.
  const stop = new AbortController();
  const onTerm = (): void => stop.abort();
  process.once('SIGTERM', onTerm);
  io.signal?.addEventListener('abort', onTerm, { once: true });
  if (io.signal?.aborted) stop.abort();

  let failures = 0;
  const realData = (() => {
    try {
      return realpathSync(dataDir);
    } catch {
      return dataDir;
    }
  })();
  const onEvent = (event: WatchEvent): void => {
    switch (event.type) {
      case 'ready':
        if (!once) io.stderr(`readout: watching ${printable(event.folder)} for new images and PDFs; Ctrl+C to stop\n`);
        return;
      case 'report': {
        const report = event.report;
        if (!report.ok) {
          failures++;
          io.stderr(`readout: ${printable(report.error!.message)}\n`);
        }
        if (report.translation?.error) io.stderr(`readout: ${printable(report.file)}: the translation failed (the text was read and kept): ${printable(report.translation.error.message)}\n`);
        if (options.json) return io.stdout(`${JSON.stringify(report)}\n`);
        if (!report.ok) return;
        const text = report.text ?? '';
        io.stdout(`${header(report)}${printableText(text)}${text.endsWith('\n') ? '' : '\n'}`);
        if (report.translation?.status === 'done') io.stdout(`\n${printableText(report.translation.text)}${report.translation.text.endsWith('\n') ? '' : '\n'}`);
        for (const warning of report.warnings ?? []) io.stderr(`readout: warning: ${printable(report.file)}: ${warning.message}\n`);
        return;
      }
      case 'read':
        return;
      case 'moved':
        return io.stderr(`readout: moved: ${printable(event.from)} -> ${printable(event.file)}, read before\n`);
      case 'skipped':
        return io.stderr(`readout: skipped ${printable(event.file)}: ${event.reason}\n`);
      case 'failed':
        failures++;
        return io.stderr(`readout: ${printable(event.error.message)}\n`);
      case 'warning':
        return io.stderr(`readout: warning: ${printable(event.message)}\n`);
    }
  };

  let gone = false;
  try {
    await watchFolder({
      folder,
      recursive,
      reader: reading.reader,
      ledger,
      besideText: own.data['text-beside'],
      settleMs: settle,
      concurrency: options.concurrency,
      once,
      // The history and the state files, when the data folder lies inside the watched one.
      ignore: (path) => isInside(realData, path),
      onEvent,
      signal: stop.signal,
    });
  } catch (error) {
    // The folder went away while watched: said, with the files in hand finished and recorded.
    if (!isFolderError(error)) throw error;
    io.stderr(`readout: ${printable(error.message)}\n`);
    gone = true;
  } finally {
    process.removeListener('SIGTERM', onTerm);
    ledger.close();
    await reading.close();
  }
  return gone || (once && failures > 0) ? 1 : 0;
}

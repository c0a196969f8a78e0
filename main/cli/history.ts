/** `readout history ...`: the app's history from the command line. */
import { z } from 'zod';
import { ReadoutError } from '../errors.ts';
import { EXPORT_FORMATS, exportEntries } from '../history/export.ts';
import { exportSearchablePdf, exportToFile, FILE_EXPORT_FORMATS } from '../history/export-file.ts';
import { retryEntry } from '../jobs/retry.ts';
import { firstLine, shownText } from '../history/rows.ts';
import type { HistoryStore } from '../history/store.ts';
import { STATUSES, type Entry, type HistoryFilter } from '../history/types.ts';
import { ENGINE_FLAGS, engineOptions, firstIssue, parseFlags, positiveInt, UsageError } from './args.ts';
import { HISTORY_USAGE } from './history-usage.ts';
import { openHistory } from './open-history.ts';
import { historyError } from '../history/database.ts';
import { defaultDataDir, historyFile } from '../paths.ts';
import type { CliIo } from './run.ts';
import { printable, printableJson, printableText } from './printable.ts';

const id = z.coerce.number({ error: 'an entry ID is a number' }).int('an entry ID is a whole number').positive('an entry ID is a positive number');
const listSchema = z.object({
  limit: positiveInt('--limit').max(500, '--limit is at most 500').default(20),
  status: z.enum(STATUSES as [string, ...string[]], { error: `--status must be one of ${STATUSES.join(', ')}` }).optional(),
  engine: z.enum(['qwen', 'local'], { error: '--engine must be qwen or local' }).optional(),
  json: z.boolean().default(false),
});

const LIST_FLAGS = { limit: { type: 'string' }, status: { type: 'string' }, engine: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } } as const;

function validate<T extends z.ZodType>(schema: T, values: unknown): z.infer<T> {
  const result = schema.safeParse(values);
  if (!result.success) throw firstIssue(result.error);
  return result.data;
}

const listLine = (entry: Entry, width = 60): string => {
  const line = firstLine(entry) || (entry.error ? `(${entry.error.code})` : '(no text)');
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
};

const summary = (entry: Entry): string =>
  `${String(entry.id).padStart(6)}  ${new Date(entry.createdAt).toISOString().slice(0, 16).replace('T', ' ')}  ${entry.status.padEnd(9)}  ${entry.engine.padEnd(5)}  ${listLine(entry)}`;

const toFilter = (o: { status?: string; engine?: string }): HistoryFilter => ({
  status: o.status ? [o.status as Entry['status']] : undefined,
  engine: o.engine ? [o.engine as Entry['engine']] : undefined,
});

type Command = (argv: string[], io: CliIo, env: Readonly<Record<string, string | undefined>>) => Promise<number>;

/** Runs `work` on the history; SQLite's and the file system's failures come out as one clear error (M6). */
function withStore(dataDir: unknown, work: (store: HistoryStore) => Promise<number> | number, options: { readOnly?: boolean } = {}): Promise<number> {
  const path = historyFile(typeof dataDir === 'string' ? dataDir : defaultDataDir());
  let store: HistoryStore;
  try {
    store = openHistory(typeof dataDir === 'string' ? dataDir : undefined, options);
  } catch (error) {
    return Promise.reject(historyError(error, path));
  }
  return Promise.resolve()
    .then(() => work(store))
    .catch((error: unknown) => Promise.reject(historyError(error, path)))
    .finally(() => store.close());
}

const READ_ONLY = { readOnly: true };

const list: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, LIST_FLAGS);
  if (positionals.length > 0) throw new UsageError(`list takes no arguments (got ${positionals[0]})`);
  const o = validate(listSchema, values);
  return withStore(values['data-dir'], (store) => {
    for (const entry of store.list({ filter: toFilter(o), limit: o.limit }).items) io.stdout(o.json ? `${printableJson(JSON.stringify(entry))}\n` : `${printable(summary(entry))}\n`);
    return 0;
  }, READ_ONLY);
};

const search: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, LIST_FLAGS);
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('search needs a query');
  const o = validate(listSchema, values);
  return withStore(values['data-dir'], (store) => {
    for (const hit of store.search(query, { filter: toFilter(o), limit: o.limit }).items) {
      const snippet = hit.snippet.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');
      io.stdout(o.json ? `${printableJson(JSON.stringify({ ...hit.entry, snippet: hit.snippet }))}\n` : `${printable(summary(hit.entry))}\n        ${printable(snippet)}\n`);
    }
    return 0;
  }, READ_ONLY);
};

const show: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('show takes one entry ID');
  const entryId = validate(id, positionals[0]);
  return withStore(values['data-dir'], (store) => {
    const entry = store.get(entryId);
    if (!entry) throw new ReadoutError('history-not-found', `There is no history entry ${entryId}.`);
    if (values.json) io.stdout(`${printableJson(JSON.stringify(entry))}\n`);
    else {
      // Stored text and a server's message are printed escaped (bad-input review 2, L1): printable.ts.
      io.stdout(`${printable(summary(entry))}\n${entry.error ? `error: ${printable(entry.error.code)}: ${printable(entry.error.message)}\n` : ''}\n${printableText(shownText(entry))}\n`);
      // Its translation after it, headed by language and model (issue 24).
      const t = entry.translation;
      if (t) io.stdout(`\ntranslation (${printable(t.sourceLang)} -> ${printable(t.targetLang)}, ${printable(t.model)}, ${t.status})${t.error ? `: ${printable(t.error.message)}` : ''}\n${printableText(t.text)}\n`);
    }
    return 0;
  }, READ_ONLY);
};

const exportSchema = z.object({
  format: z.enum(FILE_EXPORT_FORMATS, { error: `--format must be one of ${FILE_EXPORT_FORMATS.join(', ')}` }),
  query: z.string().optional(),
  out: z.string().min(1).optional(),
  images: z.boolean().default(false),
  id: id.optional(),
  document: id.optional(),
});

const exportCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, {
    format: { type: 'string' }, query: { type: 'string' }, out: { type: 'string' }, images: { type: 'boolean' }, id: { type: 'string' }, document: { type: 'string' }, 'data-dir': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`export takes no arguments (got ${positionals[0]})`);
  const o = validate(exportSchema, values);
  if (o.images && !o.out) throw new UsageError('--images needs --out: the images are written beside that file');
  if (o.format === 'pdf' && !o.out) throw new UsageError('--format pdf needs --out: a PDF is written to a file');
  return withStore(values['data-dir'], (store) => {
    const single = o.id === undefined ? null : store.get(o.id);
    if (o.id !== undefined && !single) throw new ReadoutError('history-not-found', `There is no history entry ${o.id}.`);
    const pages = o.document === undefined ? null : store.documentPages(o.document);
    if (pages?.length === 0) throw new ReadoutError('history-not-found', `There is no document ${o.document}.`);
    const entries: Iterable<Entry> = single ? [single] : pages ?? store.iterate({ query: o.query });
    if (o.format === 'pdf') {
      return exportSearchablePdf(store, entries, o.out!).then((count) => {
        io.stderr(`readout: exported ${count} ${count === 1 ? 'page' : 'pages'} to ${o.out}\n`);
        return 0;
      });
    }
    if (!o.out) {
      exportEntries(entries, o.format, io.stdout);
      return 0;
    }
    return exportToFile(store, entries, o.format, o.out, { images: o.images }).then((count) => {
      io.stderr(`readout: exported ${count} ${count === 1 ? 'entry' : 'entries'} to ${o.out}\n`);
      return 0;
    });
  }, READ_ONLY);
};

const deleteCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, { 'older-than': { type: 'string' }, 'include-pinned': { type: 'boolean' }, 'data-dir': { type: 'string' } });
  const olderThan = values['older-than'];
  if ((olderThan === undefined) === (positionals.length === 0)) throw new UsageError('delete takes entry IDs or --older-than DAYS (one of them)');
  return withStore(values['data-dir'], (store) => {
    const removed =
      olderThan !== undefined
        ? store.deleteOlderThan(validate(positiveInt('--older-than'), olderThan), { includePinned: values['include-pinned'] === true })
        : store.delete(positionals.map((p) => validate(id, p)));
    io.stderr(`readout: deleted ${removed} ${removed === 1 ? 'entry' : 'entries'}\n`);
    return 0;
  });
};

const retry: Command = async (argv, io, env) => {
  const { values, positionals } = parseFlags(argv, { ...ENGINE_FLAGS, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('retry takes one entry ID');
  const entryId = validate(id, positionals[0]);
  const engine = await (await import('./open-reading.ts')).engineFor(engineOptions(values, env));
  return withStore(values['data-dir'], async (store) => {
    const entry = store.get(entryId);
    if (!entry) throw new ReadoutError('history-not-found', `There is no history entry ${entryId}.`);
    try {
      const outcome = await retryEntry(store, entryId, engine, { prompt: entry.prompt ?? '', signal: io.signal, onDelta: values.json ? undefined : (delta) => io.stdout(printableText(delta)) });
      if (!outcome.ok) {
        io.stderr(`readout: entry ${entryId}: ${printable(outcome.failure.message)}\n`);
        return 1;
      }
      io.stdout(values.json ? `${printableJson(JSON.stringify(store.get(entryId)))}\n` : outcome.result.text.endsWith('\n') ? '' : '\n');
      return 0;
    } finally {
      await engine.close?.();
    }
  });
};

const prune: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, { 'max-mb': { type: 'string' }, 'data-dir': { type: 'string' } });
  if (positionals.length > 0 || values['max-mb'] === undefined) throw new UsageError('prune takes --max-mb N');
  const maxMb = validate(z.coerce.number({ error: '--max-mb needs a number' }).min(0, '--max-mb cannot be negative'), values['max-mb']);
  return withStore(values['data-dir'], (store) => {
    const pruned = store.pruneImages(maxMb * 1024 * 1024);
    io.stderr(`readout: dropped the images of ${pruned} ${pruned === 1 ? 'entry' : 'entries'}\n`);
    return 0;
  });
};

const storage: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } });
  return withStore(values['data-dir'], (store) => {
    const report = store.storage();
    const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    io.stdout(values.json ? `${JSON.stringify(report)}\n` : `${report.entries} entries, ${mb(report.databaseBytes)} on disk, of which images ${mb(report.imageBytes)}\n`);
    return 0;
  }, READ_ONLY);
};

const COMMANDS: Record<string, Command> = { list, search, show, export: exportCommand, delete: deleteCommand, retry, prune, storage };

export async function runHistory(argv: string[], io: CliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout(HISTORY_USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown history command "${name}" (one of ${Object.keys(COMMANDS).join(', ')})`);
  try {
    return await command(rest, io, env);
  } catch (error) {
    if (error instanceof ReadoutError) {
      io.stderr(`readout: ${printable(error.message)}\n`);
      return 1;
    }
    throw error;
  }
}

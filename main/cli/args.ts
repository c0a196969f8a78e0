/** Command-line parsing and validation; anything wrong here is a usage error (exit status 2). */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { z } from 'zod';
import { MODES, type Mode } from '../ocr/prompts.ts';
import { protocolFor, REGIONS, type Region } from '../ocr/models.ts';
import type { QwenApi } from '../ocr/qwen.ts';
import { BUILT_IN_LANGUAGES, builtInLanguage, LANGUAGE_PACKS, packFor, type PackCode } from '../languages/catalog.ts';
import { DEFAULT_TASK, parseResultSchema, TASK_OF_MODE, TASKS, type TaskRequest } from '../ocr/tasks.ts';
import { errorMessage } from '../errors.ts';
import { readNamedFileSync, utf8Text } from '../named-file.ts';
import { printable } from './printable.ts';
import { regionOf } from '../ocr/regions.ts';
import { languageCode, TRANSLATE_CODES } from '../translate/languages.ts';
import { DEFAULT_TRANSLATE_MODEL } from '../translate/models.ts';
import type { TranslateFlags } from '../reading/translate-read.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliOptions extends EngineOptions {
  files: string[];
  /** What to ask for: --task, or the task that does --mode's job. */
  task: TaskRequest;
  prompt: string | undefined;
  minPixels: number | undefined;
  maxPixels: number | undefined;
  concurrency: number;
  json: boolean;
  history: boolean;
  /** Only scan for QR codes and barcodes: no recognition, no history. */
  codesOnly: boolean;
  /** PDFs: the pages to read ("1-3,7"), all when absent. */
  pages: string | undefined;
  /** PDFs: the most pages a document may have to be read whole without --pages (pdf/page-limit.ts's 500 when absent). */
  maxPages: number | undefined;
  /** PDFs: take a page's own text layer instead of reading it: when it has one, always, or never. */
  pdfText: 'auto' | 'always' | 'never';
  /** PDFs: the password of an encrypted one (never stored). */
  password: string | undefined;
  /** The offline engine reads with this installed language pack (languages/catalog.ts); null: the built-in models. */
  lang: PackCode | null;
  /** --translate and --translate-model: each text, once read, translated (reading/translate-read.ts); null when not asked. */
  translate: TranslateFlags | null;
}

export type ParsedCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'recognize'; options: CliOptions };

export const positiveInt = (flag: string) =>
  z.coerce
    .number({ error: `${flag} needs a whole number` })
    .int(`${flag} needs a whole number`)
    .positive(`${flag} must be greater than 0`);

/** The flags that choose and reach an engine: shared by `readout <file>` and `readout history retry`. */
export const ENGINE_FLAGS = {
  engine: { type: 'string' },
  region: { type: 'string' },
  'base-url': { type: 'string' },
  api: { type: 'string' },
  model: { type: 'string' },
  'no-stream': { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

const engineSchema = z.object({
  engine: z.enum(['qwen', 'local'], { error: '--engine must be qwen or local' }).optional(),
  region: z.enum(Object.keys(REGIONS) as [Region, ...Region[]], { error: '--region must be cn, intl or us' }).default('cn'),
  'base-url': z.url({ protocol: /^https?$/, error: '--base-url must be an http(s) URL' }).optional(),
  api: z.enum(['compatible', 'native'], { error: '--api must be compatible or native' }).optional(),
  model: z.string().min(1).optional(),
  'no-stream': z.boolean().default(false),
  'data-dir': z.string().min(1).optional(),
});

export interface EngineOptions {
  engine: 'qwen' | 'local';
  baseURL: string;
  /** DashScope's native protocol for its own regions, the compatible one for any other endpoint, unless --api says. */
  api: QwenApi;
  model: string | undefined;
  stream: boolean;
  apiKey: string | undefined;
  dataDir: string | undefined;
}

export function firstIssue(error: z.ZodError): UsageError {
  return new UsageError(error.issues[0]?.message ?? 'invalid options');
}

/** Validates the engine flags; `readout` with a key uses Qwen, without one the offline engine. */
export function engineOptions(values: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>): EngineOptions {
  const result = engineSchema.safeParse(values);
  if (!result.success) throw firstIssue(result.error);
  const o = result.data;
  const apiKey = env.DASHSCOPE_API_KEY?.trim() || undefined;
  const engine = o.engine ?? (apiKey ? 'qwen' : 'local');
  if (engine === 'qwen' && !apiKey && !o['base-url']) {
    throw new UsageError('--engine qwen needs an API key: set DASHSCOPE_API_KEY (or give --base-url for a server that needs none)');
  }
  const api = protocolFor(o.api, o['base-url'] !== undefined);
  return { engine, baseURL: o['base-url'] ?? REGIONS[o.region], api, model: o.model, stream: !o['no-stream'], apiKey, dataDir: o['data-dir'] };
}

export interface ParsedFlags {
  /** Unvalidated: every command runs these through its zod schema. */
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseFlags(argv: string[], options: ParseArgsOptionsConfig): ParsedFlags {
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
    return { values: parsed.values as ParsedFlags['values'], positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function parseCli(argv: string[], env: Readonly<Record<string, string | undefined>>): ParsedCommand {
  const parsed = parseFlags(argv, { ...READ_FLAGS, 'codes-only': { type: 'boolean' }, version: { type: 'boolean', short: 'v' } });
  if (parsed.values.help) return { kind: 'help' };
  if (parsed.values.version) return { kind: 'version' };
  const options = readOptions(parsed.values, env, () => {
    if (parsed.positionals.length === 0) throw new UsageError('no files given (use - to read an image from stdin)');
  });
  if (parsed.positionals.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  return { kind: 'recognize', options: { ...options, files: parsed.positionals } };
}

/** The flags of every command that reads (`readout`, `readout serve`, `readout watch`), in parseFlags' form. */
export const READ_FLAGS = {
  ...ENGINE_FLAGS,
  mode: { type: 'string' },
  task: { type: 'string' },
  schema: { type: 'string' },
  rotate: { type: 'boolean' },
  prompt: { type: 'string' },
  'min-pixels': { type: 'string' },
  'max-pixels': { type: 'string' },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
  'no-history': { type: 'boolean' },
  pages: { type: 'string' },
  'pdf-text': { type: 'string' },
  'max-pages': { type: 'string' },
  password: { type: 'string' },
  lang: { type: 'string' },
  translate: { type: 'string' },
  'translate-model': { type: 'string' },
} as const;

const readSchema = z
  .object({
    mode: z.enum(MODES, { error: `--mode must be one of ${MODES.join(', ')}` }).optional(),
    task: z.enum(TASKS, { error: `--task must be one of ${TASKS.join(', ')}` }).optional(),
    schema: z.string().min(1).optional(),
    rotate: z.boolean().default(false),
    prompt: z.string().optional(),
    'min-pixels': positiveInt('--min-pixels').optional(),
    'max-pixels': positiveInt('--max-pixels').optional(),
    concurrency: positiveInt('--concurrency').max(16, '--concurrency is at most 16').default(2),
    json: z.boolean().default(false),
    'no-history': z.boolean().default(false),
    'codes-only': z.boolean().default(false),
    pages: z.string().regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, '--pages takes pages and ranges, like 1-3,7').optional(),
    'pdf-text': z.enum(['auto', 'always', 'never'], { error: '--pdf-text must be auto, always or never' }).default('auto'),
    'max-pages': positiveInt('--max-pages').max(Number.MAX_SAFE_INTEGER, '--max-pages is too large').optional(),
    password: z.string().optional(),
    lang: z.string().min(1, '--lang needs a language code').optional(),
    translate: z.string().min(1, '--translate needs a language, like en, zh, ja or Japanese').optional(),
    'translate-model': z.string().trim().min(1, '--translate-model needs a model name').max(200).optional(),
  })
  .refine((o) => !o['min-pixels'] || !o['max-pixels'] || o['min-pixels'] <= o['max-pixels'], {
    message: '--min-pixels must not be larger than --max-pixels',
  });

/**
 * READ_FLAGS' values (parsed with parseFlags, any command's own flags beside them) as validated options, the files
 * left empty for the command to fill: one set of rules for every command that reads. `checkArguments` runs once the
 * flags are valid and before the engine's checks, so a command's own argument errors come in the order they always have.
 */
export function readOptions(values: ParsedFlags['values'], env: Readonly<Record<string, string | undefined>>, checkArguments?: () => void): CliOptions {
  const result = readSchema.safeParse(values);
  if (!result.success) throw firstIssue(result.error);
  const o = result.data;
  checkArguments?.();
  const lang = o.lang === undefined ? null : languageOf(o.lang);
  // A pack is read by the offline engine: --lang picks it even where a key would pick Qwen.
  if (lang !== null && values.engine === 'qwen') throw new UsageError('--lang picks a language pack of the offline engine (Qwen-VL-OCR reads every language itself): use --engine local, or leave --lang out');
  const engine = engineOptions(lang === null ? values : { ...values, engine: 'local' }, env);
  const task = taskOf(o, engine.api);
  const translate = translateFlags(o, engine, o['codes-only']);
  return {
    ...engine,
    files: [],
    task,
    prompt: o.prompt,
    minPixels: o['min-pixels'],
    maxPixels: o['max-pixels'],
    concurrency: o.concurrency,
    json: o.json,
    history: !o['no-history'] && !o['codes-only'],
    codesOnly: o['codes-only'],
    pages: o.pages?.replace(/\s+/g, ''),
    maxPages: o['max-pages'],
    pdfText: o['pdf-text'],
    password: o.password,
    lang: lang === 'built-in' ? null : lang,
    translate,
  };
}

/** --translate's language as a code (a code or a name), its model, and the key it needs, or a usage error saying what is wrong. */
function translateFlags(o: { translate?: string; 'translate-model'?: string }, engine: EngineOptions, codesOnly: boolean): TranslateFlags | null {
  if (o.translate === undefined) {
    if (o['translate-model'] !== undefined) throw new UsageError('--translate-model chooses the model for --translate: give --translate LANG too');
    return null;
  }
  if (codesOnly) throw new UsageError('--codes-only reads no text, so there is nothing to --translate');
  const targetLang = languageCode(o.translate);
  if (!targetLang) throw new UsageError(`--translate ${o.translate}: not a language Readout translates to; use a code (${TRANSLATE_CODES.join(', ')}) or a name such as Japanese`);
  // Whichever engine read the text, the translation goes to the region's endpoint (or --base-url) with the key.
  if (!engine.apiKey && regionOf(engine.baseURL) !== null) {
    throw new UsageError('--translate needs a DashScope API key: set DASHSCOPE_API_KEY (export DASHSCOPE_API_KEY=sk-...), or give --base-url for a server that needs none');
  }
  return { targetLang, model: o['translate-model'] ?? DEFAULT_TRANSLATE_MODEL };
}

/** --lang's pack, 'built-in' for a language the built-in models read, or a usage error naming the codes there are. */
function languageOf(code: string): PackCode | 'built-in' {
  if (builtInLanguage(code)) return 'built-in';
  const pack = packFor(code);
  if (!pack) throw new UsageError(`--lang ${code}: there is no such language; the offline engine reads ${[...BUILT_IN_LANGUAGES, ...LANGUAGE_PACKS].map((l) => l.code).join(', ')} (see readout languages)`);
  return pack.code;
}

/** A key-information schema is a few field names and descriptions: a megabyte is far past any. */
const MAX_SCHEMA_BYTES = 1024 * 1024;

/** --task (or --mode's task), --schema and --rotate as one request, checked against each other and the protocol. */
function taskOf(o: { mode?: Mode; task?: TaskRequest['task']; schema?: string; rotate: boolean }, api: QwenApi): TaskRequest {
  if (o.mode && o.task) throw new UsageError('--task replaces --mode: give one of them');
  const task = o.task ?? (o.mode ? TASK_OF_MODE[o.mode] : o.schema ? 'key-info' : DEFAULT_TASK);
  if (o.schema && task !== 'key-info') throw new UsageError('--schema goes with --task key-info');
  if (task === 'advanced' && api !== 'native') throw new UsageError("--task advanced needs DashScope's native API: add --api native (it is the default without --base-url)");
  if (!o.schema) return { task, rotate: o.rotate };
  // The same gate as an input (named-file.ts): a regular file of at most 1 MB, UTF-8, nothing of it echoed raw (review 2, M2, L4).
  const named = `--schema ${printable(o.schema)}`;
  let bytes: Buffer;
  try {
    bytes = readNamedFileSync(o.schema, MAX_SCHEMA_BYTES);
  } catch (error) {
    throw new UsageError(`${named}: ${errorMessage(error)}`);
  }
  const json = utf8Text(bytes);
  if (json === null) throw new UsageError(`${named}: it is not UTF-8 text (save it as UTF-8)`);
  const schema = parseResultSchema(json);
  if (!schema.ok) throw new UsageError(`${named}: ${printable(schema.reason)}`);
  return { task, schema: schema.schema, rotate: o.rotate };
}

/** Command-line parsing and validation; anything wrong here is a usage error (exit status 2). */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MODES, type Mode } from '../ocr/prompts.ts';
import { REGIONS, type Region } from '../ocr/models.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliOptions {
  files: string[];
  engine: 'qwen' | 'local';
  baseURL: string;
  model: string | undefined;
  mode: Mode;
  prompt: string | undefined;
  minPixels: number | undefined;
  maxPixels: number | undefined;
  concurrency: number;
  stream: boolean;
  json: boolean;
  dataDir: string | undefined;
  history: boolean;
  apiKey: string | undefined;
}

export type ParsedCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'recognize'; options: CliOptions };

const positiveInt = (flag: string) =>
  z.coerce
    .number({ error: `${flag} needs a whole number` })
    .int(`${flag} needs a whole number`)
    .positive(`${flag} must be greater than 0`);

const schema = z
  .object({
    engine: z.enum(['qwen', 'local'], { error: '--engine must be qwen or local' }).optional(),
    region: z.enum(Object.keys(REGIONS) as [Region, ...Region[]], { error: '--region must be cn, intl or us' }).default('cn'),
    'base-url': z.url({ protocol: /^https?$/, error: '--base-url must be an http(s) URL' }).optional(),
    model: z.string().min(1).optional(),
    mode: z.enum(MODES, { error: `--mode must be one of ${MODES.join(', ')}` }).default('text'),
    prompt: z.string().optional(),
    'min-pixels': positiveInt('--min-pixels').optional(),
    'max-pixels': positiveInt('--max-pixels').optional(),
    concurrency: positiveInt('--concurrency').max(16, '--concurrency is at most 16').default(2),
    'no-stream': z.boolean().default(false),
    json: z.boolean().default(false),
    'data-dir': z.string().min(1).optional(),
    'no-history': z.boolean().default(false),
  })
  .refine((o) => !o['min-pixels'] || !o['max-pixels'] || o['min-pixels'] <= o['max-pixels'], {
    message: '--min-pixels must not be larger than --max-pixels',
  });

export function parseCli(argv: string[], env: Readonly<Record<string, string | undefined>>): ParsedCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        engine: { type: 'string' },
        region: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        mode: { type: 'string' },
        prompt: { type: 'string' },
        'min-pixels': { type: 'string' },
        'max-pixels': { type: 'string' },
        concurrency: { type: 'string' },
        'no-stream': { type: 'boolean' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
        'no-history': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) return { kind: 'help' };
  if (parsed.values.version) return { kind: 'version' };

  const result = schema.safeParse(parsed.values);
  if (!result.success) throw new UsageError(result.error.issues[0]?.message ?? 'invalid options');
  const o = result.data;
  if (parsed.positionals.length === 0) throw new UsageError('no files given (use - to read an image from stdin)');
  if (parsed.positionals.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');

  const apiKey = env.DASHSCOPE_API_KEY?.trim() || undefined;
  const engine = o.engine ?? (apiKey ? 'qwen' : 'local');
  if (engine === 'qwen' && !apiKey && !o['base-url']) {
    throw new UsageError('--engine qwen needs an API key: set DASHSCOPE_API_KEY (or give --base-url for a server that needs none)');
  }
  return {
    kind: 'recognize',
    options: {
      files: parsed.positionals,
      engine,
      baseURL: o['base-url'] ?? REGIONS[o.region],
      model: o.model,
      mode: o.mode,
      prompt: o.prompt,
      minPixels: o['min-pixels'],
      maxPixels: o['max-pixels'],
      concurrency: o.concurrency,
      stream: !o['no-stream'],
      json: o.json,
      dataDir: o['data-dir'],
      history: !o['no-history'],
      apiKey,
    },
  };
}

/** `readout languages ...`: the offline engine's language packs, listed, added and removed. */
import { z } from 'zod';
import { ReadoutError } from '../errors.ts';
import { packCode, LanguagePacks, type LanguageInfo } from '../languages/packs.ts';
import { defaultDataDir } from '../paths.ts';
import { firstIssue, parseFlags, UsageError } from './args.ts';
import { LANGUAGES_USAGE } from './languages-usage.ts';
import { printable } from './printable.ts';
import type { CliIo } from './run.ts';

export interface LanguagesIo extends CliIo {
  /** Whether stderr is a terminal: the download's progress is redrawn there, and left out of logs. */
  stderrIsTty?: boolean;
}

const FLAGS = { json: { type: 'boolean' }, 'data-dir': { type: 'string' }, from: { type: 'string', multiple: true }, registry: { type: 'string' } } as const;

const registry = z.url({ protocol: /^https?$/, error: '--registry must be an http(s) URL' }).optional();

export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

const STATUS_HEADING: Record<LanguageInfo['status'], string> = {
  'built-in': 'Built in',
  installed: 'Installed',
  available: 'Available (readout languages add CODE)',
};

function describe(language: LanguageInfo): string {
  const name = language.vertical ? `${language.name} (also vertical)` : language.name;
  const size =
    language.status === 'built-in' ? '' : language.status === 'installed' ? `${megabytes(language.diskBytes!)} on disk` : `${megabytes(language.downloadBytes!)} download, ${megabytes(language.diskBytes!)} on disk`;
  return `  ${language.code.padEnd(9)}${name.padEnd(30)}${size}`.trimEnd();
}

function table(languages: readonly LanguageInfo[]): string {
  return (['built-in', 'installed', 'available'] as const)
    .map((status) => languages.filter((language) => language.status === status))
    .map((group) => (group.length === 0 ? '' : `${STATUS_HEADING[group[0]!.status]}\n${group.map(describe).join('\n')}\n`))
    .filter(Boolean)
    .join('\n');
}

function codeArgument(positionals: string[], verb: string): string {
  if (positionals.length !== 1) throw new UsageError(`${verb} takes one language code (ja, ko or zh-Hant)`);
  return positionals[0]!;
}

function usageCode(code: string): ReturnType<typeof packCode> {
  try {
    return packCode(code);
  } catch (error) {
    if (error instanceof ReadoutError) throw new UsageError(error.message);
    throw error;
  }
}

export async function runLanguages(argv: string[], io: LanguagesIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const verb = argv[0] === 'add' || argv[0] === 'remove' ? argv[0] : undefined;
  const rest = verb ? argv.slice(1) : argv;
  const { values, positionals } = parseFlags(rest, FLAGS);
  const checked = registry.safeParse(values.registry);
  if (!checked.success) throw firstIssue(checked.error);
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(process.platform, env);
  const packs = new LanguagePacks(dataDir, { registry: checked.data });
  const from = (values as { from?: string[] }).from ?? [];
  if (verb !== 'add' && from.length > 0) throw new UsageError('--from goes with languages add');

  if (verb === undefined) {
    if (positionals.length > 0) throw new UsageError(`unknown languages command "${positionals[0]}" (add or remove)`);
    const languages = packs.list();
    io.stdout(values.json ? languages.map((language) => `${JSON.stringify(language)}\n`).join('') : table(languages));
    return 0;
  }
  const code = usageCode(codeArgument(positionals, verb));
  try {
    if (verb === 'remove') {
      const info = packs.list().find((language) => language.code === code)!;
      if (!packs.remove(code)) throw new ReadoutError('language-not-installed', `${info.name} (${code}) is not installed.`);
      io.stderr(`readout: removed ${info.name} (${code})\n`);
      return 0;
    }
    let shown = -1;
    const installed = await packs.add(code, {
      files: from,
      signal: io.signal,
      onProgress: (received, total) => {
        // Whole percents only, redrawn in place on a terminal; a log gets nothing until the end.
        const percent = Math.floor((received / total) * 100);
        if (!io.stderrIsTty || percent === shown) return;
        shown = percent;
        io.stderr(`\rreadout: downloading ${code}: ${megabytes(received)} of ${megabytes(total)} (${percent}%)`);
      },
    });
    if (shown >= 0) io.stderr('\n');
    const info = packs.list().find((language) => language.code === code)!;
    io.stdout(values.json ? `${JSON.stringify({ ...info, folder: installed.folder })}\n` : `${info.name} (${code}) installed: ${megabytes(installed.bytes)} in ${printable(installed.folder)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ReadoutError) {
      io.stderr(`readout: ${printable(error.message)}\n`);
      return 1;
    }
    throw error;
  }
}

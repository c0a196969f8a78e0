/**
 * What every reading command opens from its flags (`readout`, `readout serve`, `readout watch`): the engine, the
 * history (a convenience: when it cannot be opened the files are read anyway, and the command says so), the
 * translator for --translate, and the FileReader that reads with them as `readout` does.
 */
import { errorMessage } from '../errors.ts';
import { knownDamage } from '../history/damage.ts';
import type { HistoryStore } from '../history/store.ts';
import { downloadSize, packFor, type PackCode } from '../languages/catalog.ts';
import { LanguagePacks } from '../languages/packs.ts';
import { createEngine } from '../ocr/create-engine.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import { LocalEngine } from '../ocr/local.ts';
import { REGIONS, regionOf } from '../ocr/regions.ts';
import { promptForTask } from '../ocr/tasks.ts';
import { defaultDataDir, historyFile } from '../paths.ts';
import { FileReader } from '../reading/file-reader.ts';
import { Translator } from '../translate/translator.ts';
import { UsageError, type CliOptions, type EngineOptions } from './args.ts';
import { megabytes } from './languages.ts';
import { openHistory } from './open-history.ts';
import { printable } from './printable.ts';

export interface Reading {
  reader: FileReader;
  engine: OcrEngine;
  history: HistoryStore | undefined;
  /** The engine's worker let go and the history closed: after the last read. */
  close(): Promise<void>;
}

/** A DashScope region's compatible endpoint for any of its URLs; another server's URL as given. */
const compatibleBase = (baseURL: string): string => {
  const region = regionOf(baseURL);
  return region ? REGIONS[region] : baseURL;
};

export function engineFor(options: EngineOptions & { lang?: PackCode | null }): Promise<OcrEngine> {
  if (options.lang) return Promise.resolve(packEngine(options.lang, options.dataDir ?? defaultDataDir()));
  return createEngine(
    options.engine === 'local'
      ? { engine: 'local' }
      : { engine: 'qwen', baseURL: options.baseURL, api: options.api, apiKey: options.apiKey, model: options.model, stream: options.stream },
  );
}

/** The offline engine reading with an installed pack; a pack that is not installed is a usage error that says how to add it. */
function packEngine(code: PackCode, dataDir: string): OcrEngine {
  const installed = new LanguagePacks(dataDir).installed(code);
  if (!installed) {
    const pack = packFor(code)!;
    throw new UsageError(`--lang ${code}: the ${pack.name} pack is not installed. Add it with: readout languages add ${code} (a ${megabytes(downloadSize(pack))} download)`);
  }
  return new LocalEngine().withPack(installed);
}

/** The history is a convenience here: when it cannot be opened, say so and read the files anyway. */
export function tryOpenHistory(options: Pick<CliOptions, 'history' | 'dataDir'>, io: { stderr: (text: string) => void }): HistoryStore | undefined {
  if (!options.history) return undefined;
  const file = historyFile(options.dataDir ?? defaultDataDir());
  try {
    const store = openHistory(options.dataDir);
    const damage = knownDamage(file);
    if (damage) {
      io.stderr(`readout: warning: the history at ${printable(file)} is damaged (${printable(damage)}); new entries are still recorded. Save what can be read with \`readout history export\`, then move the file away.\n`);
    }
    return store;
  } catch (error) {
    io.stderr(`readout: warning: not recording into the history: ${errorMessage(error)}\n`);
    return undefined;
  }
}

export async function openReading(options: CliOptions, io: { stderr: (text: string) => void }): Promise<Reading> {
  const engine = await engineFor(options);
  const history = tryOpenHistory(options, io);
  const dataDir = options.dataDir ?? defaultDataDir();
  // Over the compatible endpoint of the region (or --base-url), whichever engine reads and whichever protocol it uses.
  const translator = options.translate ? new Translator({ baseURL: compatibleBase(options.baseURL), apiKey: options.apiKey }) : null;
  const installed = options.engine === 'local' ? new LanguagePacks(dataDir).list().filter((l) => l.status === 'installed').map((l) => l.code as PackCode) : [];
  const reader = new FileReader({
    engine,
    prompt: options.prompt?.trim() ? options.prompt : promptForTask(options.task),
    mode: options.prompt?.trim() ? null : options.task.task,
    task: options.task,
    minPixels: options.minPixels,
    maxPixels: options.maxPixels,
    pdf: { pages: options.pages, maxPages: options.maxPages, text: options.pdfText, password: options.password },
    installed,
    history,
    historyFile: historyFile(dataDir),
    translate: translator && options.translate ? { translator, flags: options.translate } : null,
  });
  return {
    reader,
    engine,
    history,
    close: async () => {
      await engine.close?.();
      history?.close();
    },
  };
}

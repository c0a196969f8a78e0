/**
 * `readout --translate LANG [--translate-model MODEL]` (issue 24): each file's text, once read, translated over the
 * compatible endpoint of the region (or --base-url) with DASHSCOPE_API_KEY, whichever engine read it. The translation
 * is kept with its history entry where there is one; a failed translation keeps the text and the entry, and is said
 * in one line.
 */
import type { HistoryStore } from '../history/store.ts';
import type { Translation } from '../history/types.ts';
import { errorCode, errorMessage } from '../errors.ts';
import type { Word } from '../ocr/words.ts';
import { joinLines, splitLines } from '../translate/lines.ts';
import { translateEntry } from '../translate/translate-entry.ts';
import { Translator } from '../translate/translator.ts';
import { failureOf } from '../recognize.ts';

export interface TranslateFlags {
  /** A code (translate/languages.ts). */
  targetLang: string;
  model: string;
}

/** `--json`'s translation object: the contract's text, model, sourceLang and targetLang, and the rest as the window has it. */
export interface TranslationReport {
  text: string;
  model: string;
  sourceLang: string;
  targetLang: string;
  status: 'done' | 'failed';
  lines: string[] | null;
  usage: { inputTokens: number | null; outputTokens: number | null };
  cost: number | null;
  error: { code: string; message: string } | null;
}

const reportOf = (t: Translation): TranslationReport => ({
  text: t.text,
  model: t.model,
  sourceLang: t.sourceLang,
  targetLang: t.targetLang,
  status: t.status === 'done' ? 'done' : 'failed',
  lines: t.lines,
  usage: t.usage,
  cost: t.cost,
  error: t.error ? { code: t.error.code, message: t.error.message } : null,
});

/**
 * Translates one file's text: through its history entry where it has one (kept there), else directly. Never throws:
 * a failure comes back as a failed report with the error's code and words.
 */
export async function translateRead(
  translator: Translator,
  flags: TranslateFlags,
  read: { text: string; words: Word[] | null; entryId: number | null },
  history: HistoryStore | undefined,
  signal?: AbortSignal,
): Promise<TranslationReport> {
  try {
    if (history && read.entryId !== null && history.get(read.entryId)) {
      return reportOf(await translateEntry(history, translator, read.entryId, { targetLang: flags.targetLang, model: flags.model }, undefined, signal));
    }
    const lines = read.words && read.words.length > 0 ? read.words.map((word) => word.text) : null;
    const done = await translator.translate({ text: lines ? joinLines(lines) : read.text, targetLang: flags.targetLang, sourceLang: 'auto', model: flags.model, terms: [] }, () => undefined, signal);
    return { text: done.text, model: done.model, sourceLang: 'auto', targetLang: flags.targetLang, status: 'done', lines: lines ? splitLines(done.text, lines.length) : null, usage: done.usage, cost: done.cost, error: null };
  } catch (error) {
    const { partialText } = failureOf(error);
    return { text: partialText ?? '', model: flags.model, sourceLang: 'auto', targetLang: flags.targetLang, status: 'failed', lines: null, usage: { inputTokens: null, outputTokens: null }, cost: null, error: { code: errorCode(error), message: errorMessage(error) } };
  }
}

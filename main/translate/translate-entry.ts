/**
 * Translates one history entry and keeps the result with it, for the window and for `readout` alike: the text it
 * shows (the user's edit, or its lines joined one per line where it has lines, for the in-place view), a pending
 * translation kept at once (replacing any before it), the whole text so far handed on as it streams, then the done
 * or failed translation. The entry and its text are never touched: a failed translation keeps what was read.
 */
import type { HistoryStore } from '../history/store.ts';
import { shownText } from '../history/rows.ts';
import type { Entry, Translation } from '../history/types.ts';
import { failureOf } from '../recognize.ts';
import { ReadoutError } from '../errors.ts';
import { joinLines, splitLines } from './lines.ts';
import type { TextListener, Translator } from './translator.ts';

export interface TranslateEntryOptions {
  targetLang: string;
  sourceLang?: string;
  model: string;
  terms?: ReadonlyArray<{ source: string; target: string }>;
}

/** What is sent for an entry: its lines one per line where the engine gave lines and the user has not edited it. */
export function entrySource(entry: Entry): { text: string; lineCount: number | null } {
  const lines = entry.editedText === null && entry.words && entry.words.length > 0 ? entry.words.map((word) => word.text) : null;
  return lines ? { text: joinLines(lines), lineCount: lines.length } : { text: shownText(entry), lineCount: null };
}

export async function translateEntry(
  history: HistoryStore,
  translator: Translator,
  entryId: number,
  options: TranslateEntryOptions,
  onText: TextListener = () => undefined,
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<Translation> {
  const entry = history.get(entryId);
  if (!entry) throw new ReadoutError('history-not-found', `There is no history entry ${entryId}.`);
  const { text, lineCount } = entrySource(entry);
  if (!text.trim()) throw new ReadoutError('invalid-request', 'This entry has no text to translate.');
  const base: Translation = {
    targetLang: options.targetLang,
    sourceLang: options.sourceLang ?? 'auto',
    model: options.model,
    status: 'pending',
    text: '',
    lines: null,
    usage: { inputTokens: null, outputTokens: null },
    cost: null,
    region: translator.region,
    error: null,
    createdAt: now(),
  };
  history.saveTranslation(entryId, base);
  let soFar = '';
  try {
    const done = await translator.translate(
      { text, targetLang: base.targetLang, sourceLang: base.sourceLang, model: base.model, terms: options.terms ?? [] },
      (whole) => {
        soFar = whole;
        onText(whole);
      },
      signal,
    );
    const kept: Translation = {
      ...base,
      status: 'done',
      text: done.text,
      lines: lineCount === null ? null : splitLines(done.text, lineCount),
      usage: done.usage,
      cost: done.cost,
    };
    history.saveTranslation(entryId, kept);
    return kept;
  } catch (error) {
    const { code, message, retryable, partialText } = failureOf(error);
    history.saveTranslation(entryId, { ...base, status: 'failed', text: partialText || soFar, error: { code, message, retryable } });
    throw error;
  }
}

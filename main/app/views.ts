/** What the renderer may see of history entries: no paths, no source details beyond their kind and a file name. */
import type { EntrySummary, EntryView, ErrorView, TranslationView } from '../../preload/api.ts';
import { shownText } from '../history/rows.ts';
import { previewLine } from '../text/preview.ts';
import { failureOf } from '../recognize.ts';
import type { Entry, Translation } from '../history/types.ts';
import type { PackCode } from '../languages/catalog.ts';
import { scriptWarnings } from '../languages/script-warnings.ts';

/** A PDF's page as the window names it: its number, the document's length, and the document. */
const pageOf = (entry: Entry): EntryView['page'] => (entry.document ? { number: entry.document.page, of: entry.document.pages, document: entry.document.id } : null);

/** `installed`: the language packs installed now, for the entry's warnings (languages/script-warnings.ts). */
export function toEntryView(entry: Entry, installed: readonly PackCode[] = []): EntryView {
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    sourceKind: entry.source.kind,
    fileName: entry.fileName,
    text: entry.text,
    editedText: entry.editedText,
    engine: entry.engine,
    model: entry.model,
    mode: entry.mode,
    status: entry.status,
    error: entry.error,
    usage: entry.usage,
    cost: entry.cost,
    durationMs: entry.durationMs,
    confidence: entry.confidence,
    width: entry.width,
    height: entry.height,
    pinned: entry.pinned,
    attempts: entry.attempts,
    hasImage: entry.hasImage,
    words: entry.words,
    region: entry.region as EntryView['region'],
    codes: entry.codes,
    page: pageOf(entry),
    fallback: entry.fallback ? { from: entry.fallback } : null,
    translation: entry.translation ? toTranslationView(entry.translation) : null,
    warnings: entry.status === 'done' ? scriptWarnings(entry, installed).map(({ script, pack, installed: has }) => ({ script, pack, installed: has })) : [],
  };
}

/** An entry's translation as the window sees it (its billing region stays in main). */
export function toTranslationView(translation: Translation): TranslationView {
  const { targetLang, sourceLang, model, status, text, lines, createdAt, usage, cost, error } = translation;
  return { targetLang, sourceLang, model, status, text, lines, createdAt, usage, cost, error };
}

const PREVIEW_LENGTH = 160;

export function toEntrySummary(entry: Entry): EntrySummary {
  // Its first words, without Markdown's syntax (review L19).
  const preview = previewLine(shownText(entry)).slice(0, PREVIEW_LENGTH);
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    sourceKind: entry.source.kind,
    fileName: entry.fileName,
    preview,
    engine: entry.engine,
    model: entry.model,
    status: entry.status,
    error: entry.error,
    pinned: entry.pinned,
    hasImage: entry.hasImage,
    width: entry.width,
    height: entry.height,
    page: pageOf(entry),
    mode: entry.mode,
    code: !preview && entry.codes?.[0] ? { format: entry.codes[0].format, text: entry.codes[0].text.slice(0, PREVIEW_LENGTH) } : null,
  };
}

export function toErrorView(error: unknown): ErrorView {
  const { code, message, retryable } = failureOf(error);
  return { code, message, retryable };
}

export const dataUrl = (mime: string, bytes: Uint8Array): string => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

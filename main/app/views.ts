/** What the renderer may see of history entries: no paths, no source details beyond their kind and a file name. */
import type { EntrySummary, EntryView, ErrorView } from '../../preload/api.ts';
import { errorCode, errorMessage, ReadoutError } from '../errors.ts';
import type { Entry } from '../history/types.ts';

export function toEntryView(entry: Entry): EntryView {
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
    width: entry.width,
    height: entry.height,
    pinned: entry.pinned,
    attempts: entry.attempts,
    hasImage: entry.hasImage,
  };
}

const PREVIEW_LENGTH = 160;

export function toEntrySummary(entry: Entry): EntrySummary {
  const shown = (entry.editedText ?? entry.text).trimStart();
  const firstLine = shown.split('\n').find((line) => line.trim()) ?? '';
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    sourceKind: entry.source.kind,
    fileName: entry.fileName,
    preview: firstLine.trim().slice(0, PREVIEW_LENGTH),
    engine: entry.engine,
    model: entry.model,
    status: entry.status,
    error: entry.error,
    pinned: entry.pinned,
    hasImage: entry.hasImage,
  };
}

export function toErrorView(error: unknown): ErrorView {
  return { code: errorCode(error), message: errorMessage(error), retryable: error instanceof ReadoutError && error.retryable };
}

export const dataUrl = (mime: string, bytes: Uint8Array): string => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

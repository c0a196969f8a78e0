/** Between SQLite rows and Entry objects. */
import type { EngineName } from '../ocr/engine.ts';
import type { Entry, EntryStatus, Source } from './types.ts';
import { parseWords } from '../ocr/words.ts';
import { parseCodes } from '../codes/code.ts';

export interface EntryRow {
  id: number;
  created_at: number;
  updated_at: number;
  source_kind: string;
  source: string;
  file_name: string | null;
  text: string;
  edited_text: string | null;
  engine: string;
  model: string;
  mode: string | null;
  prompt: string | null;
  status: string;
  error_code: string | null;
  error_message: string | null;
  retryable: number;
  input_tokens: number | null;
  output_tokens: number | null;
  image_tokens: number | null;
  cost: number | null;
  duration_ms: number | null;
  confidence: number | null;
  words: string | null;
  region: string | null;
  codes: string | null;
  document_id: number | null;
  page: number | null;
  document_pages: number | null;
  request_id: string | null;
  width: number | null;
  height: number | null;
  sent_width: number | null;
  sent_height: number | null;
  pinned: number;
  tags: string;
  attempts: number;
  has_image: number;
  fallback: string | null;
}

/** The columns every entry query selects; `has_image` comes from the images table. */
export const ENTRY_COLUMNS = `e.id, e.created_at, e.updated_at, e.source_kind, e.source, e.file_name, e.text, e.edited_text,
  e.engine, e.model, e.mode, e.prompt, e.status, e.error_code, e.error_message, e.retryable, e.input_tokens,
  e.output_tokens, e.image_tokens, e.cost, e.duration_ms, e.confidence, e.words, e.region, e.codes, e.document_id, e.page,
  (SELECT d.pages FROM documents d WHERE d.id = e.document_id) AS document_pages, e.request_id, e.width, e.height, e.sent_width,
  e.sent_height, e.pinned, e.tags, e.attempts, e.fallback, EXISTS (SELECT 1 FROM images i WHERE i.entry_id = e.id AND i.image IS NOT NULL) AS has_image`;

export function toEntry(row: EntryRow): Entry {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    source: JSON.parse(row.source) as Source,
    fileName: row.file_name,
    text: row.text,
    editedText: row.edited_text,
    engine: row.engine as EngineName,
    model: row.model,
    mode: row.mode,
    prompt: row.prompt,
    status: row.status as EntryStatus,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '', retryable: row.retryable === 1 } : null,
    usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens, imageTokens: row.image_tokens },
    cost: row.cost,
    durationMs: row.duration_ms,
    confidence: row.confidence,
    words: parseWords(row.words),
    region: row.region,
    codes: parseCodes(row.codes),
    document: row.document_id !== null && row.page !== null ? { id: row.document_id, page: row.page, pages: row.document_pages ?? row.page } : null,
    requestId: row.request_id,
    width: row.width,
    height: row.height,
    sentWidth: row.sent_width,
    sentHeight: row.sent_height,
    pinned: row.pinned === 1,
    tags: JSON.parse(row.tags) as string[],
    attempts: row.attempts,
    hasImage: row.has_image === 1,
    fallback: row.fallback,
  };
}

/** The text a user sees: their edit when there is one. */
export const shownText = (entry: Pick<Entry, 'text' | 'editedText'>): string => entry.editedText ?? entry.text;

/** The first line of the shown text that has anything on it; '' when there is none. */
export const firstLine = (entry: Pick<Entry, 'text' | 'editedText'>): string =>
  shownText(entry).split('\n').find((line) => line.trim()) ?? '';

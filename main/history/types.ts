import type { EngineName } from '../ocr/engine.ts';
import type { Word } from '../ocr/words.ts';
import type { Code } from '../codes/code.ts';

export type EntryStatus = 'pending' | 'done' | 'failed' | 'cancelled';
export const STATUSES: readonly EntryStatus[] = ['pending', 'done', 'failed', 'cancelled'];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the image came from. */
export type Source =
  | { kind: 'region'; displayId: string; rect: Rect }
  | { kind: 'file'; path: string; name: string }
  | { kind: 'clipboard' }
  | { kind: 'drop'; name: string | null };

export type SourceKind = Source['kind'];
export const SOURCE_KINDS: readonly SourceKind[] = ['region', 'file', 'clipboard', 'drop'];

export interface Entry {
  id: number;
  createdAt: number;
  updatedAt: number;
  source: Source;
  fileName: string | null;
  text: string;
  /** The user's edit, kept apart from what the engine read. */
  editedText: string | null;
  engine: EngineName;
  model: string;
  mode: string | null;
  prompt: string | null;
  status: EntryStatus;
  error: { code: string; message: string; retryable: boolean } | null;
  usage: { inputTokens: number | null; outputTokens: number | null; imageTokens: number | null };
  cost: number | null;
  durationMs: number | null;
  /** How sure the engine was of the text, 0 to 1 (the offline engine); null where it did not say. */
  confidence: number | null;
  /** The text with its places on the original image (ocr/words.ts); null where the engine gave none. */
  words: Word[] | null;
  /** The DashScope region that billed it (cn, intl, us); null for the offline engine and other servers. */
  region: string | null;
  /** QR codes and barcodes found beside the text (codes/code.ts); null where none were looked for. */
  codes: Code[] | null;
  /** A page of a PDF document: the document, this page's number, and how many it has. */
  document: { id: number; page: number; pages: number } | null;
  requestId: string | null;
  width: number | null;
  height: number | null;
  sentWidth: number | null;
  sentHeight: number | null;
  pinned: boolean;
  tags: string[];
  attempts: number;
  hasImage: boolean;
  /** Read offline in place of Qwen, and why: Qwen's error code, or 'asked' (the user chose it); null otherwise. */
  fallback: string | null;
  /** Its translation (issue 24), where one was asked for; get() fills it, lists leave it out. */
  translation?: Translation | null;
}

/** An entry's translation: one per entry, replaced when redone (translations table). */
export interface Translation {
  /** Language codes (translate/languages.ts); source 'auto' when detected. */
  targetLang: string;
  sourceLang: string;
  model: string;
  status: 'pending' | 'done' | 'failed';
  text: string;
  /** One translation per line of the entry's words, or null where the lines could not be matched. */
  lines: string[] | null;
  usage: { inputTokens: number | null; outputTokens: number | null };
  cost: number | null;
  /** The DashScope region that billed it; null for another server. */
  region: string | null;
  error: { code: string; message: string; retryable: boolean } | null;
  createdAt: number;
}

export interface StoredImage {
  mime: string;
  image: Uint8Array | null;
  thumbnail: Uint8Array | null;
}

export interface HistoryFilter {
  status?: EntryStatus[];
  engine?: EngineName[];
  source?: SourceKind[];
  /** Inclusive bounds on the creation time, ms since the epoch. */
  from?: number;
  to?: number;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null on the last one. */
  nextCursor: string | null;
}

/** A piece of a snippet; `match` pieces are what the query found. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  entry: Entry;
  snippet: SnippetPart[];
}

/** What one DashScope region billed in one month (the usage the server reported, priced at that region's list). */
export interface UsageTotal {
  /** YYYY-MM, local time. */
  month: string;
  region: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
}

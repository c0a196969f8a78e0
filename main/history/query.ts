/**
 * SQL for filters, cursors and search terms. Search is substring search in any language: FTS5's trigram index
 * answers terms of three characters or more; shorter terms (common in Chinese) fall back to LIKE, which walks
 * the newest entries first and stops once a page is full.
 */
import { ReadoutError } from '../errors.ts';
import type { HistoryFilter } from './types.ts';

export type SqlValue = string | number | null;

export interface Clause {
  sql: string;
  params: SqlValue[];
}

const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 200;

export function filterClauses(filter: HistoryFilter = {}): Clause[] {
  const clauses: Clause[] = [];
  const oneOf = (column: string, values: readonly string[] | undefined): void => {
    if (values && values.length > 0) clauses.push({ sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] });
  };
  oneOf('e.status', filter.status);
  oneOf('e.engine', filter.engine);
  oneOf('e.source_kind', filter.source);
  if (filter.from !== undefined) clauses.push({ sql: 'e.created_at >= ?', params: [filter.from] });
  if (filter.to !== undefined) clauses.push({ sql: 'e.created_at <= ?', params: [filter.to] });
  return clauses;
}

export function encodeCursor(createdAt: number, id: number): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

export function cursorClause(cursor: string | null | undefined): Clause[] {
  if (!cursor) return [];
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || !decoded.every(Number.isSafeInteger)) {
    throw new ReadoutError('history-bad-cursor', 'That page cursor is not valid; start again from the first page.');
  }
  return [{ sql: '(e.created_at, e.id) < (?, ?)', params: decoded as [number, number] }];
}

export function searchTerms(query: string): string[] {
  return query
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_TERMS)
    .map((term) => term.slice(0, MAX_TERM_LENGTH));
}

const likePattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const ftsPhrase = (term: string): string => `"${term.replace(/"/g, '""')}"`;

/** Every term must appear in the text, the edited text or the file name. */
export function termClauses(terms: string[]): Clause[] {
  const long = terms.filter((t) => Array.from(t).length >= 3);
  const short = terms.filter((t) => Array.from(t).length < 3);
  const clauses: Clause[] = [];
  if (long.length > 0) {
    clauses.push({
      sql: 'e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)',
      params: [long.map(ftsPhrase).join(' AND ')],
    });
  }
  for (const term of short) {
    const pattern = likePattern(term);
    clauses.push({
      sql: "(e.text LIKE ? ESCAPE '\\' OR e.edited_text LIKE ? ESCAPE '\\' OR e.file_name LIKE ? ESCAPE '\\')",
      params: [pattern, pattern, pattern],
    });
  }
  return clauses;
}

export function where(clauses: Clause[]): Clause {
  if (clauses.length === 0) return { sql: '', params: [] };
  return { sql: `WHERE ${clauses.map((c) => c.sql).join(' AND ')}`, params: clauses.flatMap((c) => c.params) };
}

/**
 * SQL for filters, cursors and search. Search is substring search in any language through FTS5's trigram index,
 * which keeps no positions (migration 4): a term of three characters or more asks for all of its trigrams, and LIKE
 * confirms them adjacent in the rows found. One- and two-character terms (common in Chinese) become the set of
 * indexed trigrams that start with them (migration 3 makes that set complete). A short term so common that the set is
 * huge falls back to LIKE alone, which is then fast because matches turn up at once, newest first.
 */
import type { DatabaseSync } from 'node:sqlite';
import { ReadoutError } from '../errors.ts';
import type { HistoryFilter } from './types.ts';

export type SqlValue = string | number | null;

export interface Clause {
  sql: string;
  params: SqlValue[];
}

/** Where rows come from and the key that orders them, newest first. */
export interface Source {
  from: string;
  key: string;
  clauses: Clause[];
}

const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 200;
/** Past this many trigrams a short term is common enough that scanning from the newest entry is quicker. */
const MAX_EXPANSION = 256;
/** Sorts after every character, to end a prefix range over the vocabulary. */
const PREFIX_END = '\u{10FFFF}';

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

export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify([id])).toString('base64url');
}

export function cursorClause(key: string, cursor: string | null | undefined): Clause[] {
  if (!cursor) return [];
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 1 || !Number.isSafeInteger(decoded[0])) {
    throw new ReadoutError('history-bad-cursor', 'That page cursor is not valid; start again from the first page.');
  }
  return [{ sql: `${key} < ?`, params: [decoded[0] as number] }];
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
const phrase = (term: string): string => `"${term.replace(/"/g, '""')}"`;

/** The term in text, edited text, file name, codes or translation, ASCII letters in any case. */
function likeClause(term: string): Clause {
  const pattern = likePattern(term);
  return {
    sql: "(e.text LIKE ? ESCAPE '\\' OR e.edited_text LIKE ? ESCAPE '\\' OR e.file_name LIKE ? ESCAPE '\\' OR e.codes_text LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM translations t WHERE t.entry_id = e.id AND t.text LIKE ? ESCAPE '\\'))",
    params: [pattern, pattern, pattern, pattern, pattern],
  };
}

/** Every three-character window of a term: what the index can be asked for. */
function trigrams(term: string): string[] {
  const chars = Array.from(term);
  return [...new Set(chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')))];
}

/** The indexed trigrams that start with a short term, or null when there are too many to be worth it. */
function expandShortTerm(db: DatabaseSync, term: string): string[] | null {
  const prefix = term.toLowerCase();
  const rows = db
    .prepare('SELECT term FROM entries_fts_vocab WHERE term >= ? AND term < ? LIMIT ?')
    .all(prefix, prefix + PREFIX_END, MAX_EXPANSION + 1) as Array<{ term: string }>;
  return rows.length > MAX_EXPANSION ? null : rows.map((r) => r.term);
}

/** Where to read from for a list (no terms) or a search (every term must appear in text, edit or file name). */
export function rowSource(db: DatabaseSync, terms: string[]): Source {
  const match: string[] = [];
  const scans: Clause[] = [];
  for (const term of terms) {
    if (Array.from(term).length >= 3) {
      match.push(trigrams(term).map(phrase).join(' AND '));
      scans.push(likeClause(term));
      continue;
    }
    const expansion = expandShortTerm(db, term);
    if (expansion === null) {
      scans.push(likeClause(term));
    } else if (expansion.length === 0) {
      // The term occurs nowhere: nothing can match.
      scans.push({ sql: '0', params: [] });
    } else {
      match.push(`(${expansion.map(phrase).join(' OR ')})`);
    }
  }
  if (match.length === 0) return { from: 'entries e', key: 'e.id', clauses: scans };
  return {
    from: 'entries_fts f JOIN entries e ON e.id = f.rowid',
    key: 'f.rowid',
    clauses: [{ sql: 'entries_fts MATCH ?', params: [match.join(' AND ')] }, ...scans],
  };
}

export function where(clauses: Clause[]): Clause {
  if (clauses.length === 0) return { sql: '', params: [] };
  return { sql: `WHERE ${clauses.map((c) => c.sql).join(' AND ')}`, params: clauses.flatMap((c) => c.params) };
}

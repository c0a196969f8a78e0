/**
 * What a result's text holds beyond lines (review M15): a table (tables.ts), key information as JSON (Qwen's
 * key-info task), or a formula in LaTeX (the formula task), so the window can show it as a grid, a field list or a
 * formula, with the raw text one click away.
 */
import { findTable, type Table, type TableSource } from './tables.ts';

export interface Field {
  /** The field's path, nested names joined by " › ". */
  key: string;
  value: string;
}

export type Structure =
  | { kind: 'table'; table: Table; source: TableSource }
  | { kind: 'fields'; fields: Field[]; json: string }
  | { kind: 'latex'; latex: string };

/** The text inside a Markdown code fence around the whole answer (```json … ```), else the text. */
const unfenced = (text: string): string => /^\s*```[\w-]*\s*\n([\s\S]*?)\n?```\s*$/.exec(text)?.[1] ?? text;

const scalar = (value: unknown): string => (value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** An object's leaves as fields: nested objects by path, a list of scalars on one line, a list of objects by number. */
function flatten(value: unknown, path: string, into: Field[]): void {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) into.push({ key: path, value: value.map(scalar).join(', ') });
    else value.forEach((item, i) => flatten(item, `${path} › ${i + 1}`, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path} › ${key}` : key, into);
  } else into.push({ key: path, value: scalar(value) });
}

/** Key information: a JSON object (fenced or not) as its fields, and the JSON pretty-printed. */
export function fieldsOf(text: string): { fields: Field[]; json: string } | null {
  const body = unfenced(text).trim();
  if (!body.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const fields: Field[] = [];
  flatten(parsed, '', fields);
  return fields.length > 0 ? { fields, json: JSON.stringify(parsed, null, 2) } : null;
}

/** LaTeX commands a formula is written with; plain text hardly ever holds them. */
const LATEX = /\\(?:frac|sqrt|sum|int|prod|lim|begin|left|right|alpha|beta|gamma|theta|pi|sigma|cdot|times|le|ge|infty|mathrm|mathbf|partial)\b|\$\$|\\\[|\^\{|_\{/;

/** A formula: the formula task's answer, or text written in LaTeX; its $$ or \[ \] delimiters taken off. */
export function latexOf(text: string, task: string | null): string | null {
  const body = unfenced(text).trim();
  if (body === '' || (task !== 'formula' && !LATEX.test(body))) return null;
  return body.replace(/^\$\$([\s\S]*)\$\$$/, '$1').replace(/^\\\[([\s\S]*)\\\]$/, '$1').trim();
}

/** The structure `text` holds, if any; `task` is the task it was read with (entry.mode). */
export function findStructure(text: string, task: string | null): Structure | null {
  const fields = fieldsOf(text);
  if (fields) return { kind: 'fields', ...fields };
  const table = findTable(text);
  if (table) return { kind: 'table', ...table };
  const latex = latexOf(text, task);
  return latex ? { kind: 'latex', latex } : null;
}

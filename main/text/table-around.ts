/**
 * The text beside a result's table (a title above it, a total or a note under it), found the way tables.ts finds the
 * table, so an export that writes the table as a table (Markdown, Word) keeps the rest of the text too.
 */
import { findTable } from './tables.ts';

const DIVIDER = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const PIPE_ROW = /^\s*\|.*\|\s*$/;

/** The lines of a table's span [start, end) within `lines`, as tables.ts reads them. */
function span(lines: readonly string[], source: 'tabs' | 'markdown'): [number, number] | null {
  if (source === 'tabs') {
    // The longest run of lines with tabs in them (the first of equals), as tableFromTabs takes it.
    let best: [number, number] | null = null;
    let start = -1;
    for (let i = 0; i <= lines.length; i++) {
      const tabbed = i < lines.length && lines[i]!.includes('\t');
      if (tabbed && start < 0) start = i;
      if (!tabbed && start >= 0) {
        if (!best || i - start > best[1] - best[0]) best = [start, i];
        start = -1;
      }
    }
    return best;
  }
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.includes('|') || !DIVIDER.test(lines[i + 1]!) || !lines[i + 1]!.includes('-')) continue;
    let j = i + 2;
    while (j < lines.length && (PIPE_ROW.test(lines[j]!) || (lines[j]!.includes('|') && lines[j]!.trim() !== ''))) j++;
    return [i, j];
  }
  return null;
}

/** What stands before and after the table in `text` (each trimmed of blank lines); null where it holds none. */
export function aroundTable(text: string): { before: string; after: string } | null {
  const found = findTable(text);
  if (!found) return null;
  const clean = (part: string): string => part.replace(/^\s*\n|\n\s*$/g, '').replace(/^\n+|\n+$/g, '');
  if (found.source === 'html') {
    // The first table, as tableFromHtml reads it: from its <table> to the first </table> after it.
    const open = text.search(/<table\b/i);
    const close = /<\/table\s*>/gi;
    close.lastIndex = open;
    const match = close.exec(text);
    const end = match ? match.index + match[0].length : text.length;
    return { before: clean(text.slice(0, open)), after: clean(text.slice(end)) };
  }
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const at = span(lines, found.source);
  if (!at) return { before: '', after: '' };
  return { before: clean(lines.slice(0, at[0]).join('\n')), after: clean(lines.slice(at[1]).join('\n')) };
}

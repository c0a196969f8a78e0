/**
 * A PDF's pages shown as one document in the history list: pages of one document that sit together in the list
 * (they are read one after another) are put in page order and marked, the first with the document's header.
 */
import type { Row } from './hooks/useHistory.ts';

export interface ListRow extends Row {
  /** first: the document's first row, which carries its header; member: any of its rows (the first too). */
  group: { first: boolean; pages: number } | null;
}

export function groupDocuments(rows: readonly Row[]): ListRow[] {
  const out: ListRow[] = [];
  for (let i = 0; i < rows.length; ) {
    const document = rows[i]!.entry.page?.document;
    let end = i + 1;
    if (document !== undefined) while (end < rows.length && rows[end]!.entry.page?.document === document) end++;
    const run = rows.slice(i, end);
    if (run.length < 2) {
      out.push({ ...run[0]!, group: null });
    } else {
      const ordered = [...run].sort((a, b) => a.entry.page!.number - b.entry.page!.number || a.entry.id - b.entry.id);
      ordered.forEach((row, k) => out.push({ ...row, group: { first: k === 0, pages: row.entry.page!.of } }));
    }
    i = end;
  }
  return out;
}

/** Snippets as plain parts (matched or not), so no caller ever renders stored text as HTML. */
import type { SnippetPart } from './types.ts';

const fold = (text: string): string => text.toLowerCase();

/** Ranges of every term's occurrences in `text`, ASCII letters matched without regard to case. */
function matchRanges(text: string, terms: string[]): Array<[number, number]> {
  const haystack = fold(text);
  const ranges: Array<[number, number]> = [];
  for (const term of terms.map(fold).filter(Boolean)) {
    for (let at = haystack.indexOf(term); at !== -1; at = haystack.indexOf(term, at + term.length)) {
      ranges.push([at, at + term.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/**
 * Characters of context before the first match: few, so that the match shows even in a one-line list row (the list
 * is at most 22% of the window: at 1100 px a row's text is about 20 characters wide).
 */
const LEAD = 8;

/**
 * A window of `text` from a little before the first match, about `width` characters, with every match in it marked;
 * its lines joined with " · " so a line break still shows ("…B503 · roadmap before Friday…"). The window never
 * starts further back to fill its width near the end: that pushed a late match past a narrow row's ellipsis (M5).
 */
export function makeSnippet(text: string, terms: string[], width = 120): SnippetPart[] {
  const flat = text
    .split(/\s*\n\s*/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' · ');
  const ranges = matchRanges(flat, terms);
  const first = ranges[0]?.[0] ?? 0;
  // From the start of a word (Latin letters and digits; CJK text breaks anywhere), so the context reads whole.
  let start = Math.max(0, first - LEAD);
  while (start > 0 && start < first && /\w/.test(flat[start - 1]!) && /\w/.test(flat[start]!)) start++;
  while (start < first && /\s/.test(flat[start]!)) start++;
  const end = Math.min(flat.length, start + width);
  const parts: SnippetPart[] = [];
  let cursor = start;
  if (start > 0) parts.push({ text: '…', match: false });
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a > cursor) parts.push({ text: flat.slice(cursor, a), match: false });
    parts.push({ text: flat.slice(a, b), match: true });
    cursor = b;
  }
  if (cursor < end) parts.push({ text: flat.slice(cursor, end), match: false });
  if (end < flat.length) parts.push({ text: '…', match: false });
  return parts;
}

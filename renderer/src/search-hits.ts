/**
 * Where a search's terms occur in the result's text as shown (review M5), so the panel can mark each hit and F3
 * can go from one to the next. Terms are split as the history's search splits them (main/history/query.ts,
 * searchTerms), letters matched without regard to case. Offsets are the shown text's own: marks are elements
 * around the text, never text of their own, so the panel's selection still maps back to words by offset.
 */

export type Hit = readonly [start: number, end: number];

/** The same limits as the history's search: more terms, or longer ones, are not what it looked for. */
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 200;

const escape = (term: string): string => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every occurrence of every term, in text order; occurrences that overlap or touch are one hit. */
export function hitRanges(text: string, query: string): Hit[] {
  const terms = query
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_TERMS)
    .map((term) => term.slice(0, MAX_TERM_LENGTH));
  if (terms.length === 0 || !text) return [];
  // Each term on its own, at every place it starts (a lookahead finds occurrences that overlap, "aa" twice in
  // "aaa"); a regular expression matches on the text itself, so no case folding (which can change a string's
  // length) moves an offset.
  const found: Array<[number, number]> = [];
  for (const term of new Set(terms)) {
    for (const match of text.matchAll(new RegExp(`(?=(${escape(term)}))`, 'giu'))) {
      found.push([match.index, match.index + match[1]!.length]);
    }
  }
  return merge(found);
}

function merge(ranges: Array<[number, number]>): Hit[] {
  const sorted = ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** A piece of shown text, cut further where hits begin and end: `hit` is the hit's index, or null between hits. */
export interface HitPiece<P> {
  piece: P;
  text: string;
  hit: number | null;
}

/**
 * Cuts consecutive pieces of the text (starting at `offset` in it) at the hits' edges, so each cut lies wholly inside
 * one hit or wholly outside every hit. The cuts' texts joined are the pieces' texts joined.
 */
export function cutAtHits<P extends { text: string }>(pieces: readonly P[], offset: number, hits: readonly Hit[]): Array<HitPiece<P>> {
  const cuts: Array<HitPiece<P>> = [];
  let at = offset;
  let h = 0;
  for (const piece of pieces) {
    const end = at + piece.text.length;
    let cursor = at;
    while (cursor < end) {
      while (h < hits.length && hits[h]![1] <= cursor) h++;
      const hit = hits[h];
      if (!hit || hit[0] >= end) {
        cuts.push({ piece, text: piece.text.slice(cursor - at), hit: null });
        cursor = end;
      } else if (hit[0] > cursor) {
        cuts.push({ piece, text: piece.text.slice(cursor - at, hit[0] - at), hit: null });
        cursor = hit[0];
      } else {
        const stop = Math.min(end, hit[1]);
        cuts.push({ piece, text: piece.text.slice(cursor - at, stop - at), hit: h });
        cursor = stop;
      }
    }
    at = end;
  }
  return cuts;
}

/** The hit `step` away from `current`, wrapping at either end (F3 past the last goes to the first). */
export function stepHit(current: number, step: number, total: number): number {
  if (total <= 0) return 0;
  return (((current + step) % total) + total) % total;
}

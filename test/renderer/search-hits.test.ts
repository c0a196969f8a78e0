/** A search's hits in the shown text (review M5): where each term occurs, and the text cut at their edges. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtHits, hitRanges, stepHit } from '../../renderer/src/search-hits.ts';

const unit = fc.constantFrom('a', 'A', 'b', 'é', 'É', '会', '议', '.', '*', ' ', '\n');
const text = fc.string({ unit, maxLength: 40 });
const query = fc.string({ unit, minLength: 1, maxLength: 8 });

/** Every place a term starts, by brute force: the same letters, case aside. */
function occurrences(source: string, term: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let i = 0; i + term.length <= source.length; i++) {
    if (source.slice(i, i + term.length).toLowerCase() === term.toLowerCase()) found.push([i, i + term.length]);
  }
  return found;
}

describe('hitRanges', () => {
  it('finds each term in any case, English and Chinese, and merges hits that touch', () => {
    expect(hitRanges('The Roadmap, then the roadmap', 'roadmap')).toEqual([[4, 11], [22, 29]]);
    expect(hitRanges('会议记录：会议室', '会议')).toEqual([[0, 2], [5, 7]]);
    expect(hitRanges('roadmap before Friday', 'Friday ROAD')).toEqual([[0, 4], [15, 21]]);
    expect(hitRanges('aaaa', 'aa')).toEqual([[0, 4]]);
    expect(hitRanges('1+1=2 (a.b)', '1+1 (a.b)')).toEqual([[0, 3], [6, 11]]);
    expect(hitRanges('anything', '   ')).toEqual([]);
    expect(hitRanges('', 'a')).toEqual([]);
  });

  it('covers every occurrence of every term, with hits in order, apart, and made only of occurrences', () => {
    fc.assert(
      fc.property(text, query, (source, q) => {
        const hits = hitRanges(source, q);
        const terms = q.trim().split(/\s+/).filter(Boolean);
        const all = terms.flatMap((term) => occurrences(source, term));
        for (const [start, end] of all) expect(hits.some(([s, e]) => s <= start && end <= e)).toBe(true);
        hits.forEach(([start, end], i) => {
          expect(end).toBeGreaterThan(start);
          if (i > 0) expect(start).toBeGreaterThan(hits[i - 1]![1]);
          // Each character of a hit lies in some occurrence.
          for (let at = start; at < end; at++) expect(all.some(([s, e]) => s <= at && at < e)).toBe(true);
        });
      }),
    );
  });
});

describe('cutAtHits', () => {
  it('cuts pieces at the hits without losing or adding a character', () => {
    const pieces = fc.array(fc.record({ text: fc.string({ unit, maxLength: 8 }), marked: fc.boolean() }), { maxLength: 8 });
    fc.assert(
      fc.property(pieces, query, fc.nat(5), (parts, q, lead) => {
        const prefix = 'x'.repeat(lead);
        const whole = prefix + parts.map((part) => part.text).join('');
        const hits = hitRanges(whole, q).filter(([start]) => start >= lead);
        const cuts = cutAtHits(parts, lead, hits);
        expect(cuts.map((cut) => cut.text).join('')).toBe(parts.map((part) => part.text).join(''));
        let at = lead;
        for (const cut of cuts) {
          expect(cut.text.length).toBeGreaterThan(0);
          const end = at + cut.text.length;
          if (cut.hit === null) expect(hits.some(([s, e]) => s < end && at < e)).toBe(false);
          else expect(hits[cut.hit]![0] <= at && end <= hits[cut.hit]![1]).toBe(true);
          // A cut never leaves its piece.
          expect(cut.piece.text.includes(cut.text)).toBe(true);
          at = end;
        }
      }),
    );
  });
});

describe('stepHit', () => {
  it('wraps at either end', () => {
    expect(stepHit(0, 1, 3)).toBe(1);
    expect(stepHit(2, 1, 3)).toBe(0);
    expect(stepHit(0, -1, 3)).toBe(2);
    expect(stepHit(0, 1, 0)).toBe(0);
  });
});

/** A PDF's pages grouped in the history list: every row kept, each document's pages together and in page order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntrySummary } from '../../preload/api.ts';
import { groupDocuments } from '../../renderer/src/document-rows.ts';

const row = (id: number, page: { document: number; number: number; of: number } | null) => ({
  entry: { id, page: page && { number: page.number, of: page.of, document: page.document } } as unknown as EntrySummary,
  snippet: null,
});

describe('groupDocuments', () => {
  it('puts a document’s pages in page order under one header, and leaves other rows where they are', () => {
    const rows = [row(9, null), row(8, { document: 1, number: 3, of: 3 }), row(7, { document: 1, number: 2, of: 3 }), row(6, { document: 1, number: 1, of: 3 }), row(5, { document: 2, number: 1, of: 1 }), row(4, null)];
    const grouped = groupDocuments(rows);
    expect(grouped.map((r) => r.entry.id)).toEqual([9, 6, 7, 8, 5, 4]);
    expect(grouped.map((r) => r.group)).toEqual([null, { first: true, pages: 3 }, { first: false, pages: 3 }, { first: false, pages: 3 }, null, null]);
  });

  it('keeps every row once, whatever the mix', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.record({ document: fc.integer({ min: 1, max: 3 }), number: fc.integer({ min: 1, max: 5 }) }), { nil: null }), { maxLength: 40 }), (pages) => {
        const rows = pages.map((p, i) => row(i + 1, p && { ...p, of: 5 }));
        const grouped = groupDocuments(rows);
        expect(grouped.map((r) => r.entry.id).sort((a, b) => a - b)).toEqual(rows.map((r) => r.entry.id));
        // Within each run of one document, pages ascend.
        for (let i = 1; i < grouped.length; i++) {
          const [a, b] = [grouped[i - 1]!.entry.page, grouped[i]!.entry.page];
          if (a && b && a.document === b.document && grouped[i]!.group && !grouped[i]!.group!.first) expect(b.number).toBeGreaterThanOrEqual(a.number);
        }
      }),
    );
  });
});

/** A search's count of matches (review M5): the same entries its pages hold, stopped past the cap. */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, MATCH_COUNT_CAP } from '../../../main/history/store.ts';
import { newEntry, result } from '../../support/entries.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
let store: HistoryStore;

beforeEach(() => {
  store = new HistoryStore(join(tempDir(), 'history.sqlite'));
});
afterEach(() => store.close());

function add(text: string, overrides: Parameters<typeof newEntry>[0] = {}): number {
  const id = store.createPending(newEntry(overrides));
  store.complete(id, result(text));
  return id;
}

/** Every page of a search, followed to its end. */
function allHits(query: string): number {
  let total = 0;
  let cursor: string | null = null;
  do {
    const page = store.search(query, { cursor, limit: 500 });
    total += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}

describe('HistoryStore.countMatches', () => {
  it('counts what the search finds, in English and Chinese, long and short terms, with filters', () => {
    add('The roadmap before Friday');
    add('会议记录：roadmap 项目');
    add('会议 room B503');
    const failed = store.createPending(newEntry());
    store.fail(failed, { code: 'network', message: 'offline', retryable: true });
    add('nothing here');
    expect(store.countMatches('roadmap')).toEqual({ count: 2, more: false });
    expect(store.countMatches('ROAD')).toEqual({ count: 2, more: false });
    expect(store.countMatches('会议')).toEqual({ count: 2, more: false });
    expect(store.countMatches('会')).toEqual({ count: 2, more: false });
    expect(store.countMatches('会议 roadmap')).toEqual({ count: 1, more: false });
    expect(store.countMatches('absent')).toEqual({ count: 0, more: false });
    expect(store.countMatches('roadmap', { filter: { status: ['failed'] } })).toEqual({ count: 0, more: false });
  });

  it('stops past the cap and says there are more', () => {
    for (let i = 0; i < 12; i++) add(`invoice ${i}`);
    expect(store.countMatches('invoice', { cap: 10 })).toEqual({ count: 10, more: true });
    expect(store.countMatches('invoice', { cap: 12 })).toEqual({ count: 12, more: false });
    expect(store.countMatches('invoice')).toEqual({ count: 12, more: false });
    expect(MATCH_COUNT_CAP).toBeGreaterThanOrEqual(1000);
  });

  it('agrees with the pages of the same search for any query over a small alphabet', () => {
    const alphabet = ['a', 'b', '中', '文', ' ', '\n'];
    const texts = fc.sample(fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 12 }).map((chars) => chars.join('')), { numRuns: 60, seed: 22 });
    for (const text of texts) add(text);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 5 }).map((chars) => chars.join('')), (query) => {
        fc.pre(query.trim() !== '');
        const { count, more } = store.countMatches(query);
        expect(more).toBe(false);
        expect(count).toBe(allHits(query));
      }),
      { numRuns: 150 },
    );
  });
});

import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import { newEntry, result } from '../../support/entries.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
let clock = 1_800_000_000_000;
let store: HistoryStore;

beforeEach(() => {
  clock = 1_800_000_000_000;
  store = new HistoryStore(join(tempDir(), 'history.sqlite'), { now: () => (clock += 1000) });
  return () => store.close();
});

function add(text: string, overrides: Parameters<typeof newEntry>[0] = {}): number {
  const id = store.createPending(newEntry(overrides));
  store.complete(id, result(text));
  return id;
}

describe('HistoryStore lifecycle', () => {
  it('writes a pending entry with its image before anything else, then completes it', () => {
    const id = store.createPending(newEntry());
    expect(store.get(id)).toMatchObject({ status: 'pending', text: '', hasImage: true, attempts: 1, usage: { imageTokens: 477 } });
    expect(store.image(id)?.image).toEqual(new Uint8Array(1000).fill(7));
    store.complete(id, result('识别结果 text'));
    expect(store.get(id)).toMatchObject({
      status: 'done',
      text: '识别结果 text',
      usage: { inputTokens: 489, outputTokens: 20, imageTokens: 477 },
      cost: 0.0025,
      durationMs: 900,
      requestId: 'req-1',
      error: null,
    });
  });

  it('keeps partial text and the error of a failed entry, and tells cancelled apart', () => {
    const failed = store.createPending(newEntry());
    store.fail(failed, { code: 'interrupted', message: 'dropped', retryable: true, partialText: 'half of' });
    expect(store.get(failed)).toMatchObject({ status: 'failed', text: 'half of', error: { code: 'interrupted', retryable: true } });
    const cancelled = store.createPending(newEntry());
    store.fail(cancelled, { code: 'cancelled', message: 'Cancelled.', retryable: false });
    expect(store.get(cancelled)?.status).toBe('cancelled');
  });

  it('retries from the stored image, counting attempts', () => {
    const id = store.createPending(newEntry());
    store.fail(id, { code: 'server', message: 'HTTP 500', retryable: true });
    const stored = store.beginRetry(id, 'local', 'PP-OCRv4');
    expect(stored.image).toEqual(new Uint8Array(1000).fill(7));
    expect(store.get(id)).toMatchObject({ status: 'pending', engine: 'local', error: null, attempts: 2 });
    expect(() => store.beginRetry(id, 'local', 'PP-OCRv4')).toThrow(/still being read/);
    expect(() => store.beginRetry(999, 'local', 'x')).toThrow(/no history entry 999/);
  });

  it('marks pending entries of dead processes as interrupted, leaving live ones', () => {
    const mine = store.createPending(newEntry());
    const orphan = store.createPending(newEntry());
    const other = store.createPending(newEntry());
    // As if two other processes wrote these: one has since died, one still runs.
    const raw = new DatabaseSync(join(tempDir(), 'history.sqlite'));
    raw.prepare('UPDATE entries SET owner_pid = ? WHERE id = ?').run(999_999, orphan);
    raw.prepare('UPDATE entries SET owner_pid = ? WHERE id = ?').run(888_888, other);
    raw.close();
    expect(store.recoverInterrupted((pid) => pid === 888_888)).toBe(1);
    expect(store.get(orphan)).toMatchObject({ status: 'failed', error: { code: 'interrupted', retryable: true } });
    expect(store.get(mine)?.status).toBe('pending');
    expect(store.get(other)?.status).toBe('pending');
  });

  it('edits without losing the original, pins and tags', () => {
    const id = add('orignal txet');
    store.edit(id, 'original text');
    store.setPinned(id, true);
    store.setTags(id, [' work ', 'work', 'receipts', '']);
    expect(store.get(id)).toMatchObject({ text: 'orignal txet', editedText: 'original text', pinned: true, tags: ['work', 'receipts'] });
  });
});

describe('HistoryStore listing and search', () => {
  it('pages newest first by cursor, with no gaps or repeats', () => {
    const ids = Array.from({ length: 7 }, (_, i) => add(`entry ${i}`));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = store.list({ limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect(() => store.list({ cursor: 'garbage' })).toThrow(/cursor is not valid/);
  });

  it('filters by status, engine, source and date', () => {
    const a = add('one', { engine: 'local', model: 'PP-OCRv4', source: { kind: 'clipboard' } });
    const b = add('two');
    const pending = store.createPending(newEntry());
    expect(store.list({ filter: { status: ['pending'] } }).items.map((e) => e.id)).toEqual([pending]);
    expect(store.list({ filter: { source: ['clipboard'] } }).items.map((e) => e.id)).toEqual([a]);
    const created = store.get(b)!.createdAt;
    expect(store.list({ filter: { from: created, to: created } }).items.map((e) => e.id)).toEqual([b]);
    expect(store.list({ filter: { status: ['done'], source: ['file'] } }).items.map((e) => e.id)).toEqual([b]);
  });

  it('finds substrings in English regardless of case, and in Chinese of any length', () => {
    const en = add('The Quick brown fox');
    const zh = add('今天的会议记录：项目进度');
    const both = add('发票 Invoice number 42');
    const ids = (q: string) => store.search(q).items.map((h) => h.entry.id);
    expect(ids('quick')).toEqual([en]);
    expect(ids('QUICK BROWN')).toEqual([en]);
    expect(ids('ick bro')).toEqual([en]);
    expect(ids('会议记录')).toEqual([zh]);
    expect(ids('会议')).toEqual([zh]);
    expect(ids('票')).toEqual([both]);
    expect(ids('发票 invoice')).toEqual([both]);
    expect(ids('fox 会议')).toEqual([]);
    expect(ids('100%')).toEqual([]);
  });

  it('finds one- and two-character terms anywhere, even at the very end or as the whole text', () => {
    const end = add('以中结尾');
    const whole = add('中');
    const english = add('the quick XaByZ');
    const ids = (q: string) => store.search(q).items.map((h) => h.entry.id).sort();
    expect(ids('尾')).toEqual([end]);
    expect(ids('结尾')).toEqual([end]);
    expect(ids('中')).toEqual([end, whole].sort());
    expect(ids('ab')).toEqual([english]);
    expect(ids('Z')).toEqual([english]);
    expect(ids('zz')).toEqual([]);
  });

  it('falls back to scanning for a short term too common to expand, with the same answers', () => {
    // 的 followed by 300 different characters: more trigrams than are worth expanding.
    const many = Array.from({ length: 300 }, (_, i) => add(`的${String.fromCodePoint(0x4e00 + i)}${String.fromCodePoint(0x5e00 + i)}`));
    const other = add('没有那个字');
    const found: number[] = [];
    let cursor: string | null = null;
    do {
      const page = store.search('的', { limit: 100, cursor });
      found.push(...page.items.map((h) => h.entry.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(found).toEqual([...many].reverse());
    expect(found).not.toContain(other);
  });

  it('finds only adjacent characters, not the same trigrams scattered, and takes % and _ literally', () => {
    const scattered = add('abc xbcd');
    const together = add('the abcd here');
    const percent = add('growth of 100% this year');
    const ids = (q: string) => store.search(q).items.map((h) => h.entry.id);
    expect(ids('abcd')).toEqual([together]);
    expect(ids('abc')).toEqual([together, scattered]);
    expect(ids('100%')).toEqual([percent]);
    expect(ids('10_')).toEqual([]);
  });

  it('searches edited text and file names too', () => {
    const edited = add('teh cat');
    store.edit(edited, 'the cat sat');
    const named = add('nothing here', { source: { kind: 'file', path: '/x/receipt-march.png', name: 'receipt-march.png' } });
    expect(store.search('cat sat').items.map((h) => h.entry.id)).toEqual([edited]);
    expect(store.search('receipt').items.map((h) => h.entry.id)).toEqual([named]);
  });

  it('highlights every match in a snippet', () => {
    add(`${'前文 '.repeat(40)}找到关键词，再次出现关键词 after`);
    const [hit] = store.search('关键词').items;
    expect(hit!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['关键词', '关键词']);
    expect(hit!.snippet[0]).toEqual({ text: '…', match: false });
  });

  it('keeps search working after edits and deletes (the index follows the table)', () => {
    const id = add('temporary words');
    store.edit(id, 'permanent words');
    expect(store.search('permanent').items).toHaveLength(1);
    store.delete([id]);
    expect(store.search('words').items).toHaveLength(0);
  });
});

describe('HistoryStore clean-up', () => {
  it('deletes one or many', () => {
    const [a, b, c] = [add('a'), add('b'), add('c')];
    expect(store.delete([a, c])).toBe(2);
    expect(store.list().items.map((e) => e.id)).toEqual([b]);
    expect(store.image(a)).toBeNull();
  });

  it('deletes entries older than N days, sparing pinned ones unless asked', () => {
    const old = add('old');
    const oldPinned = add('old pinned');
    store.setPinned(oldPinned, true);
    clock += 10 * 86_400_000;
    const fresh = add('fresh');
    expect(store.deleteOlderThan(5)).toBe(1);
    expect(store.list().items.map((e) => e.id).sort()).toEqual([oldPinned, fresh].sort());
    expect(store.deleteOlderThan(5, { includePinned: true })).toBe(1);
    expect(store.get(old)).toBeNull();
  });

  it('prunes the oldest unpinned images to fit a cap, keeping their text', () => {
    const ids = Array.from({ length: 5 }, (_, i) => add(`text ${i}`));
    store.setPinned(ids[0]!, true);
    // Each entry stores 1100 bytes; keep at most three entries' worth.
    expect(store.pruneImages(3300)).toBe(2);
    expect(ids.map((id) => store.get(id)!.hasImage)).toEqual([true, false, false, true, true]);
    expect(store.get(ids[1]!)!.text).toBe('text 1');
    expect(store.storage().imageBytes).toBe(3300);
    expect(() => store.beginRetry(ids[1]!, 'qwen', 'qwen-vl-ocr')).toThrow(/no stored image/);
    expect(store.pruneImages(1_000_000)).toBe(0);
  });

  it('reports storage', () => {
    add('x');
    const report = store.storage();
    expect(report.entries).toBe(1);
    expect(report.imageBytes).toBe(1100);
    expect(report.databaseBytes).toBeGreaterThan(4096);
  });
});

describe('HistoryStore usage ledger', () => {
  it('adds each billed answer to its region and month, and keeps the sum when entries are deleted', () => {
    const bill = (region: 'cn' | 'intl' | null, cost: number) => {
      const id = store.createPending(newEntry());
      store.complete(id, result('x', { region, cost }));
      return id;
    };
    const first = bill('cn', 0.0025);
    bill('cn', 0.0025);
    bill('intl', 0.0001);
    bill(null, 0.5);
    // A month later (local time), a new row.
    clock += 40 * 24 * 3600 * 1000;
    bill('cn', 0.001);
    expect(store.get(first)?.region).toBe('cn');
    const totals = store.usageTotals();
    const month = (ms: number) => `${new Date(ms).getFullYear()}-${String(new Date(ms).getMonth() + 1).padStart(2, '0')}`;
    expect(totals).toEqual([
      { month: month(clock), region: 'cn', requests: 1, inputTokens: 489, outputTokens: 20, cost: 0.001 },
      { month: month(1_800_000_000_000), region: 'cn', requests: 2, inputTokens: 978, outputTokens: 40, cost: 0.005 },
      { month: month(1_800_000_000_000), region: 'intl', requests: 1, inputTokens: 489, outputTokens: 20, cost: 0.0001 },
    ]);
    store.delete(store.list().items.map((entry) => entry.id));
    expect(store.usageTotals()).toEqual(totals);
  });
});

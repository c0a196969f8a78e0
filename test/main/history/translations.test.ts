/** An entry's translation in the history (issue 24): kept, replaced when redone, gone with its entry, searchable, billed. */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import type { Translation } from '../../../main/history/types.ts';
import { newEntry, result } from '../../support/entries.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
let store: HistoryStore;
let clock = 1_800_000_000_000;

beforeEach(() => {
  store = new HistoryStore(join(tempDir(), 'history.sqlite'), { now: () => (clock += 1000) });
  return () => store.close();
});

function add(text: string): number {
  const id = store.createPending(newEntry());
  store.complete(id, result(text));
  return id;
}

const translation = (overrides: Partial<Translation> = {}): Translation => ({
  targetLang: 'en',
  sourceLang: 'auto',
  model: 'qwen-mt-flash',
  status: 'done',
  text: 'Invoice number and total amount',
  lines: ['Invoice number', 'total amount'],
  usage: { inputTokens: 20, outputTokens: 8 },
  cost: 0.00003,
  region: 'cn',
  error: null,
  createdAt: 1_800_000_500_000,
  ...overrides,
});

describe('translations in the history', () => {
  it('is kept with its entry and read back whole', () => {
    const id = add('发票号码\n合计金额');
    expect(store.get(id)?.translation).toBeNull();
    expect(store.saveTranslation(id, translation())).toBe(true);
    expect(store.get(id)?.translation).toEqual(translation());
  });

  it('redone to another language replaces the first', () => {
    const id = add('发票号码');
    store.saveTranslation(id, translation());
    store.saveTranslation(id, translation({ targetLang: 'ja', text: '請求書番号', lines: null }));
    expect(store.get(id)?.translation).toMatchObject({ targetLang: 'ja', text: '請求書番号', lines: null });
    expect(store.search('Invoice').items).toHaveLength(0);
    expect(store.search('請求書').items.map((hit) => hit.entry.id)).toEqual([id]);
  });

  it('is searchable by its words, long and short, beside the entry text', () => {
    const id = add('发票号码');
    add('something else');
    store.saveTranslation(id, translation());
    expect(store.search('invoice').items.map((hit) => hit.entry.id)).toEqual([id]);
    expect(store.search('total amount').items.map((hit) => hit.entry.id)).toEqual([id]);
    expect(store.search('发票').items.map((hit) => hit.entry.id)).toEqual([id]);
    expect(store.countMatches('Invoice').count).toBe(1);
    // The snippet shows the words found, from the translation where only it holds them.
    expect(store.search('invoice').items[0]!.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase())).toEqual(['invoice']);
  });

  it('the entry text is still found after its edit, with the translation kept in the index', () => {
    const id = add('发票号码');
    store.saveTranslation(id, translation());
    store.edit(id, 'edited words');
    expect(store.search('edited').items.map((hit) => hit.entry.id)).toEqual([id]);
    expect(store.search('Invoice').items.map((hit) => hit.entry.id)).toEqual([id]);
  });

  it('goes when its entry is deleted, and is not kept for a deleted entry', () => {
    const id = add('发票号码');
    store.saveTranslation(id, translation());
    store.delete([id]);
    expect(store.translation(id)).toBeNull();
    expect(store.search('Invoice').items).toHaveLength(0);
    expect(store.saveTranslation(id, translation())).toBe(false);
  });

  it('a done translation is billed in its region; a failed one is not', () => {
    const id = add('发票号码');
    const before = store.usageTotals().find((row) => row.region === 'cn')?.requests ?? 0;
    store.saveTranslation(id, translation({ status: 'failed', error: { code: 'network', message: 'down', retryable: false } }));
    expect(store.usageTotals().find((row) => row.region === 'cn')?.requests ?? 0).toBe(before);
    store.saveTranslation(id, translation());
    expect(store.usageTotals().find((row) => row.region === 'cn')?.requests).toBe(before + 1);
    expect(store.get(id)?.translation?.error).toBeNull();
  });
});

describe('translations in exports', () => {
  it('json, md and txt carry the translation with its entry; entries without one are as before', async () => {
    const { exportEntries } = await import('../../../main/history/export.ts');
    const id = add('发票号码');
    add('untranslated');
    store.saveTranslation(id, translation());
    const out = (format: 'json' | 'md' | 'txt'): string => {
      let text = '';
      exportEntries(store.iterate(), format, (chunk) => (text += chunk));
      return text;
    };
    const json = JSON.parse(out('json')) as Array<{ id: number; translation: unknown }>;
    expect(json.find((e) => e.id === id)?.translation).toMatchObject({ targetLang: 'en', text: 'Invoice number and total amount' });
    expect(json.find((e) => e.id !== id)?.translation).toBeNull();
    expect(out('md')).toContain('### Translation (auto → en, qwen-mt-flash)\n\nInvoice number and total amount\n');
    expect(out('txt')).toContain('发票号码\n\nInvoice number and total amount');
  });
});

describe('translations in the window’s readable exports', () => {
  it('txt puts the translation after the text; md under its own heading; an entry without one is as before', async () => {
    const { readableMarkdown, readableText } = await import('../../../main/history/export-readable.ts');
    const id = add('发票号码');
    const other = add('untranslated');
    store.saveTranslation(id, translation());
    const entry = store.get(id)!;
    expect(readableText([entry], { mode: 'lines' })).toBe('发票号码\n\nInvoice number and total amount\n');
    expect(readableText([store.get(other)!], { mode: 'lines' })).toBe('untranslated\n');
    expect(readableMarkdown([entry], { mode: 'lines', timeZone: 'UTC' })).toContain('\n### Translation (auto → en, qwen-mt-flash)\n\nInvoice number and total amount\n');
  });
});

import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportEntries, type ExportFormat } from '../../../main/history/export.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { newEntry, result } from '../../support/entries.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
let store: HistoryStore;

beforeEach(() => {
  store = new HistoryStore(join(tempDir(), 'history.sqlite'));
  const first = store.createPending(newEntry({ source: { kind: 'file', path: '/a/receipt.png', name: 'receipt.png' } }));
  store.complete(first, result('Total: "42", paid\n发票'));
  const second = store.createPending(newEntry({ source: { kind: 'clipboard' } }));
  store.complete(second, result('=HYPERLINK("http://evil")'));
  store.edit(second, '=SUM(A1:A9) edited');
  return () => store.close();
});

const run = (format: ExportFormat, withImages = false): string => {
  let out = '';
  exportEntries(store.iterate(), format, (chunk) => (out += chunk), withImages ? { imageLink: (e) => `images/${e.id}.png` } : {});
  return out;
};

describe('exportEntries', () => {
  it('keeps the text\'s places and the engine\'s confidence in JSON, and reads back no words where the column holds junk', () => {
    const words = [{ text: 'Readout', box: [[1, 2], [30, 2], [30, 12], [1, 12]], confidence: 0.99 }];
    const id = store.createPending(newEntry());
    store.complete(id, result('Readout', { engine: 'local', confidence: 0.97, words }));
    const exported = (JSON.parse(run('json')) as Array<Record<string, unknown>>).find((e) => e.id === id)!;
    expect(exported).toMatchObject({ confidence: 0.97, words });
    expect(store.get(1)!.words).toBeNull();
    const db = new DatabaseSync(join(tempDir(), 'history.sqlite'));
    db.prepare('UPDATE entries SET words = ? WHERE id = ?').run('[{"text":1}]', id);
    db.close();
    expect(store.get(id)!.words).toBeNull();
  });

  it('writes valid JSON with every entry, newest first', () => {
    const parsed = JSON.parse(run('json', true)) as Array<Record<string, unknown>>;
    expect(parsed.map((e) => e.id)).toEqual([2, 1]);
    expect(parsed[1]).toMatchObject({ text: 'Total: "42", paid\n发票', source: { kind: 'file', name: 'receipt.png' }, image: 'images/1.png' });
    expect(parsed[0]).toMatchObject({ text: '=HYPERLINK("http://evil")', editedText: '=SUM(A1:A9) edited' });
    let empty = '';
    exportEntries([], 'json', (c) => (empty += c));
    expect(JSON.parse(empty)).toEqual([]);
  });

  it('writes RFC 4180 CSV that spreadsheets will not run as formulas', () => {
    const csv = run('csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,created_at,source,status,engine,model,text,edited_text,input_tokens,output_tokens,cost,pinned,tags,codes');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain(`'=SUM(A1:A9) edited`);
    expect(csv).toContain('"Total: ""42"", paid\n发票"');
  });

  it('writes Markdown with the shown text and image links', () => {
    const md = run('md', true);
    expect(md).toContain('· receipt.png');
    expect(md).toContain('![receipt.png](images/1.png)');
    expect(md).toContain('=SUM(A1:A9) edited');
    expect(md).not.toContain('HYPERLINK');
  });

  it('writes plain text, one entry after another', () => {
    expect(run('txt')).toBe('=SUM(A1:A9) edited\n\nTotal: "42", paid\n发票\n');
  });
});

describe('codes in the history', () => {
  const code = (text: string) => ({ format: 'QRCode', text, box: [[1, 1], [9, 1], [9, 9], [1, 9]], bytes: text.length, binary: false });

  it('exports them in JSON, CSV and as inline code in Markdown (a javascript: address stays text), and finds the entry by them', () => {
    const id = store.createPending(newEntry());
    store.complete(id, result('scan to pay', { codes: [code('javascript:alert(1)'), code('https://example.org/pay?id=7')] }));
    expect(JSON.parse(run('json')).find((e: { id: number }) => e.id === id).codes).toHaveLength(2);
    expect(run('csv')).toContain('"javascript:alert(1)\nhttps://example.org/pay?id=7"');
    const md = run('md');
    expect(md).toContain('- QRCode: ``javascript:alert(1)``');
    expect(md).not.toMatch(/\]\(javascript:/);
    expect(store.search('example.org/pay').items.map((hit) => hit.entry.id)).toEqual([id]);
    expect(store.search('pa').items.map((hit) => hit.entry.id)).toContain(id);
  });

  it('keeps the codes when a retry brings none', () => {
    const id = store.createPending(newEntry());
    store.complete(id, result('first', { codes: [code('kept')] }));
    store.complete(id, result('second'));
    expect(store.get(id)?.codes?.map((c) => c.text)).toEqual(['kept']);
  });
});

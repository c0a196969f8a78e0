/**
 * The searchable-PDF export against bad-input review 2's export classes, each input made here: written a page at a
 * time from the stored images (H5), never from the original file, whatever it has become (H6), an entry of 100,000
 * words (M6), boxes at +-1e308, NaN or of the wrong shape (L2). Every PDF is read back with pdf.js, as a reader would.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSearchablePdf, exportToFile } from '../../../main/history/export-file.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { writeSearchablePdf, type SearchablePage } from '../../../main/pdf/searchable.ts';
import { newEntry, result } from '../../support/entries.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
let png: Buffer;
beforeAll(async () => {
  // A page image as the pipeline stores it: an 8-bit RGB PNG (encode.ts), 1000x700.
  png = await sharp({ create: { width: 1000, height: 700, channels: 3, background: '#f4f4f4' } }).png({ compressionLevel: 6 }).toBuffer();
});

async function readPdf(path: string) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
}

async function pageText(doc: Awaited<ReturnType<typeof readPdf>>, n: number): Promise<{ text: string; items: Array<{ str: string; transform: number[] }> }> {
  const content = await (await doc.getPage(n)).getTextContent();
  const items = content.items.filter((item): item is typeof item & { str: string; transform: number[] } => 'str' in item);
  return { text: items.map((item) => item.str).join(''), items };
}

function storeWith(dataDir: string): HistoryStore {
  return new HistoryStore(join(dataDir, 'history.sqlite'));
}

const word = (text: string, x: number, y: number) => ({ text, box: [[x, y], [x + 80, y], [x + 80, y + 20], [x, y + 20]], confidence: null });

describe('the searchable-PDF export', () => {
  it('writes each entry as its stored image with its text findable (Chinese too), at the words’ places', async () => {
    const dir = tempDir();
    const store = storeWith(dir);
    try {
      const first = store.createPending(newEntry({ image: { data: png, mime: 'image/png', thumbnail: null }, width: 1000, height: 700 }));
      store.complete(first, result('发票 Total 42', { words: [word('发票', 100, 50), word('Total', 300, 600)] }));
      const second = store.createPending(newEntry({ image: { data: png, mime: 'image/png', thumbnail: null }, width: 1000, height: 700 }));
      store.complete(second, result('第二页\nsecond page'));
      const out = join(dir, 'out.pdf');
      expect(await exportSearchablePdf(store, store.iterate(), out)).toBe(2);
      const doc = await readPdf(out);
      expect(doc.numPages).toBe(2);
      const view = (await doc.getPage(2)).getViewport({ scale: 1 });
      expect([Math.round(view.width), Math.round(view.height)]).toEqual([595, Math.round(700 * 0.595)]);
      const { text, items } = await pageText(doc, 2);
      expect(text.replace(/\s/g, '')).toBe('发票Total');
      // 发票 is near the top of the page, Total near the bottom: y grows upwards.
      expect(items[0]!.transform[5]).toBeGreaterThan(view.height * 0.8);
      expect(items.at(-1)!.transform[5]).toBeLessThan(view.height * 0.2);
      expect((await pageText(doc, 1)).text.replace(/\s/g, '')).toBe('第二页secondpage');
      // The page carries its image.
      const ops = await (await doc.getPage(1)).getOperatorList();
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      expect(ops.fnArray).toContain(pdfjs.OPS.paintImageXObject);
      await doc.cleanup();
    } finally {
      store.close();
    }
  });

  it('never reads the original file again: a FIFO, a link to /dev/zero or a bomb in its place changes nothing (H6)', async () => {
    const dir = tempDir();
    const store = storeWith(dir);
    try {
      const original = join(dir, 'scan.pdf');
      const documentId = store.createDocument('scan.pdf', 1);
      const id = store.createPending(newEntry({ source: { kind: 'file', path: original, name: 'scan.pdf' }, document: { id: documentId, page: 1 }, image: { data: png, mime: 'image/png', thumbnail: null }, width: 1000, height: 700 }));
      store.complete(id, result('contract page one', { engine: 'pdf', model: 'PDF text layer' }));
      const outputs: Buffer[] = [];
      const exportNow = async (name: string) => {
        const out = join(dir, name);
        expect(await exportSearchablePdf(store, store.documentPages(documentId), out)).toBe(1);
        outputs.push(readFileSync(out));
        const doc = await readPdf(out);
        expect((await pageText(doc, 1)).text).toBe('contract page one');
        await doc.cleanup();
      };
      execFileSync('mkfifo', [original]);
      await exportNow('fifo.pdf');
      execFileSync('rm', [original]);
      symlinkSync('/dev/zero', original);
      await exportNow('zero.pdf');
      execFileSync('rm', [original]);
      // A PDF whose unused object stream inflates to 2 GB (pdf-lib parsed every object stream on load).
      const zeros = execFileSync('python3', ['-c', 'import zlib,sys; sys.stdout.buffer.write(zlib.compress(bytes(64*1024*1024), 9))'], { maxBuffer: 1 << 30 });
      writeFileSync(original, Buffer.concat([Buffer.from(`%PDF-1.7\n1 0 obj << /Type /ObjStm /N 1 /First 2000000000 /Filter /FlateDecode /Length ${zeros.length} >>\nstream\n`), zeros, Buffer.from('\nendstream endobj\n%%EOF\n')]));
      await exportNow('bomb.pdf');
      // The same bytes each time: the original was never part of it.
      expect(outputs[1]!.equals(outputs[0]!) && outputs[2]!.equals(outputs[0]!)).toBe(true);
    } finally {
      store.close();
    }
  });

  it('exports an entry of 100,000 words, its operators pushed in pieces (M6)', async () => {
    const dir = tempDir();
    const store = storeWith(dir);
    try {
      const words = Array.from({ length: 100_000 }, (_, i) => word(i === 99_999 ? 'needle' : `w${i}`, (i % 12) * 80, Math.floor(i / 12) % 680));
      const id = store.createPending(newEntry({ image: { data: png, mime: 'image/png', thumbnail: null }, width: 1000, height: 700 }));
      store.complete(id, result(words.map((w) => w.text).join(' '), { words }));
      const out = join(dir, 'many.pdf');
      expect(await exportSearchablePdf(store, store.iterate(), out)).toBe(1);
      const doc = await readPdf(out);
      // pdf.js joins the words of a line into one item: every word is in the page's text.
      const { text } = await pageText(doc, 1);
      expect(text.match(/w\d+/g)?.length).toBe(99_999);
      expect(text).toContain('needle');
      await doc.cleanup();
    } finally {
      store.close();
    }
  });

  it('writes no NaN or Infinity: boxes at +-1e308, NaN, Infinity or of the wrong shape are clamped or left out (L2)', async () => {
    const dir = tempDir();
    const out = join(dir, 'huge.pdf');
    const huge = [[1e308, -1e308], [-1e308, 1e308], [1e308, 1e308], [-1e308, -1e308]];
    const page: SearchablePage = {
      image: png,
      mime: 'image/png',
      width: 1000,
      height: 700,
      text: 'huge',
      words: [
        { text: 'huge', box: huge },
        { text: 'nan', box: [[Number.NaN, 0], [1, 0], [1, 1], [0, 1]] },
        { text: 'infinite', box: [[Infinity, 0], [1, 0], [1, 1], [0, 1]] },
        { text: 'strings', box: [['1', '2'], [3, 4], [5, 6], [7, 8]] },
        { text: 'short', box: [[1, 2]] },
        { text: 'tiny', box: [[5e-324, 5e-324], [1e-300, 0], [1e-300, 1e-300], [0, 1e-300]] },
        { text: 'fine', box: [[10, 10], [90, 10], [90, 30], [10, 30]] },
      ],
    };
    // A history by hand can also give the page itself no size, or an absurd one.
    const sizes: Array<[number, number]> = [[1000, 700], [Number.NaN, 700], [1e308, 1e-308], [0, 0]];
    const file = await open(out, 'w');
    expect(await writeSearchablePdf(file, sizes.map(([width, height]) => ({ ...page, width, height })))).toBe(4);
    await file.close();
    const bytes = readFileSync(out).toString('latin1');
    expect(bytes).not.toMatch(/NaN|Infinity|\de[+-]?\d/);
    const doc = await readPdf(out);
    for (let n = 1; n <= sizes.length; n++) {
      const { items } = await pageText(doc, n);
      const found = items.map((item) => item.str);
      expect(found).toContain('huge');
      expect(found).toContain('fine');
      expect(found).toContain('tiny');
      expect(found).not.toContain('nan');
      expect(found).not.toContain('strings');
      for (const item of items) expect(item.transform.every(Number.isFinite)).toBe(true);
    }
    await doc.cleanup();
  });

  it('writes a page with its text alone where the stored image is not an image, and JPEG as it is', async () => {
    const dir = tempDir();
    const out = join(dir, 'mixed.pdf');
    const jpeg = await sharp(png).jpeg().toBuffer();
    const alpha = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    const pages: SearchablePage[] = [
      { image: jpeg, mime: 'image/jpeg', width: 1000, height: 700, text: 'jpeg page', words: null },
      { image: alpha, mime: 'image/png', width: 300, height: 200, text: 'alpha page', words: null },
      { image: new Uint8Array(1000).fill(7), mime: 'image/png', width: 800, height: 600, text: 'junk page', words: null },
    ];
    const file = await open(out, 'w');
    await writeSearchablePdf(file, pages);
    await file.close();
    const doc = await readPdf(out);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    for (const [i, expected] of ['jpeg page', 'alpha page', 'junk page'].entries()) {
      expect((await pageText(doc, i + 1)).text).toBe(expected);
      const ops = await (await doc.getPage(i + 1)).getOperatorList();
      expect(ops.fnArray.includes(pdfjs.OPS.paintImageXObject)).toBe(i < 2);
    }
    await doc.cleanup();
  });

  it('refuses at once an output that is a FIFO, and leaves no file where nothing could be exported', async () => {
    const dir = tempDir();
    const store = storeWith(dir);
    try {
      const id = store.createPending(newEntry({ image: { data: png, mime: 'image/png', thumbnail: null } }));
      store.complete(id, result('text'));
      const fifo = join(dir, 'out.pdf');
      execFileSync('mkfifo', [fifo]);
      await expect(exportSearchablePdf(store, store.iterate(), fifo)).rejects.toThrow(/out\.pdf: the export could not be written \(it is not a regular file\)/);
      // The text formats too (a write to a FIFO with no reader waits for ever), and a link to a device.
      await expect(exportToFile(store, store.iterate(), 'md', fifo)).rejects.toThrow(/out\.pdf: the export could not be written \(it is not a regular file\)/);
      symlinkSync('/dev/zero', join(dir, 'zero.md'));
      await expect(exportToFile(store, store.iterate(), 'md', join(dir, 'zero.md'))).rejects.toThrow(/it is not a regular file/);
      const empty = join(dir, 'empty.pdf');
      await expect(exportSearchablePdf(store, [], empty)).rejects.toThrow(/none of these entries has an image/);
      expect(() => readFileSync(empty)).toThrow();
    } finally {
      store.close();
    }
  });
});

describe('readout history export --format pdf', () => {
  it('exports 5,000 entries within a 160 MB heap: memory does not grow with the count (H5)', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    const store = storeWith(dir);
    try {
      const text = '合同条款第一条双方同意按页识别'.repeat(20);
      const words = Array.from({ length: 40 }, (_, i) => word(`词${i}`, (i % 10) * 90, Math.floor(i / 10) * 100));
      for (let i = 0; i < 5_000; i++) {
        const id = store.createPending(newEntry({ image: { data: png, mime: 'image/png', thumbnail: null }, width: 1000, height: 700 }));
        store.complete(id, result(`${i} ${text}`, { words }));
      }
    } finally {
      store.close();
    }
    const out = join(dir, 'all.pdf');
    const run = await runCli(['history', 'export', '--format', 'pdf', '--out', out, '--data-dir', dir], { env: { NODE_OPTIONS: '--max-old-space-size=160' } });
    expect(run.stderr).toBe(`readout: exported 5000 pages to ${out}\n`);
    expect(run.code).toBe(0);
    const doc = await readPdf(out);
    expect(doc.numPages).toBe(5_000);
    expect((await pageText(doc, 5_000)).text).toContain('词39');
    await doc.cleanup();
  });
});

/**
 * PDF documents through the command: pages drawn with pdf.js and read one at a time, a page's own text layer taken
 * where it has one, --pages, --pdf-text, --password, one JSON object per page, the pages kept as one document, and
 * broken or locked files said plainly with nothing left pending.
 */
import { readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../main/history/store.ts';
import { fixture } from '../../support/paths.ts';
import { printPdf } from '../../support/pdf.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
// Each test starts the command several times, cold (PDFium, the offline engine): seconds each on a loaded machine. The
// limit only stops a hang.
const SLOW = { timeout: 240_000 };
const PAGES = [
  '<h1>Contract 2026</h1><p>The parties agree that Readout reads every page of this document.</p>',
  '<p>第二页：合同的中文条款，双方同意按页识别。</p><p>Page two in English as well.</p>',
  '<p>Signed on the third page, 29 November 2026, by both parties.</p>',
];
let pdf: Buffer;
beforeAll(async () => {
  pdf = await printPdf(PAGES);
});

async function file(bytes: Buffer, name = 'contract.pdf'): Promise<string> {
  const path = join(tempDir(), name);
  await writeFile(path, bytes);
  return path;
}
const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line));

describe('readout with a PDF', () => {
  it('takes each page’s own text layer, one JSON object per page, and keeps the pages as one document', SLOW, async () => {
    const dataDir = tempDir();
    const path = await file(pdf);
    const run = await runCli(['--json', '--engine', 'local', '--data-dir', dataDir, path]);
    expect(run.stderr).toBe('');
    const pages = lines(run.stdout);
    expect(pages.map((p) => [p.page, p.pages, p.engine, p.ok])).toEqual([[1, 3, 'pdf', true], [2, 3, 'pdf', true], [3, 3, 'pdf', true]]);
    expect(pages[0].text).toContain('Contract 2026');
    expect(pages[1].text).toContain('第二页：合同的中文条款');
    expect(pages[2].text).toContain('Signed on the third page');
    const store = new HistoryStore(join(dataDir, 'history.sqlite'));
    try {
      const entries = store.list().items;
      expect(entries.map((e) => e.document?.page).sort()).toEqual([1, 2, 3]);
      expect(new Set(entries.map((e) => e.document?.id)).size).toBe(1);
      expect(entries.every((e) => e.document?.pages === 3 && e.fileName === 'contract.pdf')).toBe(true);
      expect(store.search('第二页').items.map((hit) => hit.entry.document?.page)).toEqual([2]);
    } finally {
      store.close();
    }
    // The document as Markdown: its pages in order, each headed by its page, separated.
    const documentId = JSON.parse((await runCli(['history', 'show', String(pages[0].entryId), '--json', '--data-dir', dataDir])).stdout).document.id;
    const md = (await runCli(['history', 'export', '--document', String(documentId), '--format', 'md', '--data-dir', dataDir])).stdout;
    expect([...md.matchAll(/^## contract\.pdf · page (\d) of 3$/gm)].map((m) => m[1])).toEqual(['1', '2', '3']);
    expect(md.indexOf('Contract 2026')).toBeLessThan(md.indexOf('第二页'));
    expect(md.split('\n---\n')).toHaveLength(3);
  });

  it('reads the drawn page with the engine when told never to take the text layer, and picks pages', SLOW, async () => {
    const path = await file(pdf);
    const run = await runCli(['--json', '--engine', 'local', '--no-history', '--pdf-text', 'never', '--pages', '1', path]);
    const [page] = lines(run.stdout);
    expect(page).toMatchObject({ page: 1, pages: 3, engine: 'local', ok: true });
    // Drawn at the engine's own size (A5 at 288 dpi here), which the pipeline then sends as it is: not resized twice.
    expect(page.width).toBeGreaterThan(1600);
    expect([page.sentWidth, page.sentHeight]).toEqual([page.width, page.height]);
    expect(page.text).toMatch(/Contract 2026/);
    expect(page.words.length).toBeGreaterThan(0);
    const some = await runCli(['--json', '--engine', 'local', '--no-history', '--pages', '3,2', path]);
    expect(lines(some.stdout).map((p) => p.page)).toEqual([2, 3]);
  });

  it('says a page past the end, a locked PDF, a wrong password and a broken one, naming the file', SLOW, async () => {
    const dataDir = tempDir();
    const path = await file(pdf);
    const past = await runCli(['--engine', 'local', '--data-dir', dataDir, '--pages', '2-9', path]);
    expect(past.code).toBe(1);
    expect(past.stderr).toContain('contract.pdf: --pages 2-9: page 9 is past the end (the document has 3)');
    const locked = fixture('pdf/encrypted.pdf');
    const noPassword = await runCli(['--engine', 'local', '--data-dir', dataDir, locked]);
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toMatch(/encrypted\.pdf: the PDF is protected by a password \(the command takes it with --password\)/);
    const wrong = await runCli(['--engine', 'local', '--data-dir', dataDir, '--password', 'nope', locked]);
    expect(wrong.stderr).toMatch(/encrypted\.pdf: the password is not right for this PDF/);
    const right = await runCli(['--json', '--engine', 'local', '--data-dir', dataDir, '--password', 'readout', locked]);
    expect(lines(right.stdout)[0]).toMatchObject({ ok: true, page: 1, pages: 1 });
    expect(lines(right.stdout)[0].text).toContain('Locked contract');
    expect(right.stdout + right.stderr).not.toContain('readout-owner');
    const broken = await file(pdf.subarray(0, Math.floor(pdf.length / 3)), 'cut.pdf');
    const cut = await runCli(['--engine', 'local', '--data-dir', dataDir, broken]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/cut\.pdf: .*(cannot be read|damaged|cut short|cannot be drawn)/);
    const store = new HistoryStore(join(dataDir, 'history.sqlite'));
    try {
      expect(store.list().items.filter((e) => e.status === 'pending')).toEqual([]);
    } finally {
      store.close();
    }
    expect(readFileSync(locked).length).toBeGreaterThan(0);
  });
});

describe('a document exported', () => {
  it('as a searchable PDF: the pages’ stored images, the text read from them laid where the words are, found again by pdf.js', SLOW, async () => {
    const dataDir = tempDir();
    // A scan: pages that are only pictures of text, no text layer of their own.
    const picture = readFileSync(fixture('text/en-zh.png')).toString('base64');
    const scan = await printPdf([`<img src="data:image/png;base64,${picture}" style="width:90%">`, `<img src="data:image/png;base64,${picture}" style="width:60%">`]);
    const path = await file(scan, 'scan.pdf');
    const read = await runCli(['--json', '--engine', 'local', '--data-dir', dataDir, path]);
    const pages = lines(read.stdout);
    expect(pages.map((p) => [p.page, p.engine])).toEqual([[1, 'local'], [2, 'local']]);
    const documentId = JSON.parse((await runCli(['history', 'show', String(pages[0].entryId), '--json', '--data-dir', dataDir])).stdout).document.id;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const exportAndRead = async (name: string) => {
      const out = join(tempDir(), name);
      const exported = await runCli(['history', 'export', '--document', String(documentId), '--format', 'pdf', '--out', out, '--data-dir', dataDir]);
      expect(exported.stderr).toContain('exported 2 pages');
      return pdfjs.getDocument({ data: new Uint8Array(readFileSync(out)) }).promise;
    };
    const check = async (doc: Awaited<ReturnType<typeof exportAndRead>>, width: number) => {
      expect(doc.numPages).toBe(2);
      for (const [i, page] of pages.entries()) {
        const pdfPage = await doc.getPage(i + 1);
        const view = pdfPage.getViewport({ scale: 1 });
        expect(Math.round(view.width)).toBe(width);
        const content = await pdfPage.getTextContent();
        expect(content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/\s/g, '')).toBe(page.text.replace(/\s/g, ''));
        // The first word sits where the engine found it: in the top part of the page.
        const first = content.items.find((item) => 'str' in item && item.str.trim()) as { transform: number[] };
        expect(first.transform[5]!).toBeGreaterThan(view.height * 0.6);
      }
      await doc.cleanup();
    };
    // The pages are the stored page images (595 points wide), never the original read again (bad-input review 2,
    // H6): with the original there or gone, the same pages and text.
    await check(await exportAndRead('searchable.pdf'), 595);
    rmSync(path);
    await check(await exportAndRead('from-images.pdf'), 595);
    const noOut = await runCli(['history', 'export', '--document', String(documentId), '--format', 'pdf', '--data-dir', dataDir]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--format pdf needs --out/);
  });
});

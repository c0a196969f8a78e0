/**
 * Bad-input review 2, H1, H2 and M5, through the real command: each hostile page ends with a one-line error naming
 * the file and the page (or is read, bounded), the pages around it are still read, the exit status says so, and no
 * stack trace is printed. The inputs are written here (test/support/hostile-pdfs.ts): kilobytes that inflate to
 * gigabytes. Time and memory per class: bench/pdf-bounds.ts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_LIMIT } from '../../../main/pdf/page-limit.ts';
import { PdfDocument } from '../../../main/pdf/pdf.ts';
import * as hostile from '../../support/hostile-pdfs.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();
// A bound that holds ends within seconds; the limit only stops a hang on a loaded machine.
const SLOW = { timeout: 180_000 };
const BOUNDS = { factor: 28, minPixels: 3136, maxPixels: 1003520 };

interface PageReport {
  ok: boolean;
  page: number | null;
  text: string | null;
  error: { message: string } | null;
}

/** `pdf` read by the command, each page's own text taken (no engine needed), its JSON lines and its streams. */
async function read(pdf: Buffer, name: string, extra: string[] = []) {
  const path = join(tempDir(), name);
  await writeFile(path, pdf);
  const run = await runCli(['--json', '--no-history', '--pdf-text', 'always', ...extra, path]);
  const reports = run.stdout.trim() === '' ? [] : run.stdout.trim().split('\n').map((line) => JSON.parse(line) as PageReport);
  return { ...run, reports, path };
}

/** What every run must show: no stack trace, every stderr line one sentence naming the file. */
function expectClean(run: { stderr: string }, name: string): void {
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|Aborted|RuntimeError|heap/);
  for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(new RegExp(`^readout: .*${name.replace('.', '\\.')}: `));
}

/** Pages 1 and 3 read; page 2 read or said in one line as a page that cannot be read; the exit status honest. */
function expectMiddleBounded(run: Awaited<ReturnType<typeof read>>, name: string): void {
  expectClean(run, name);
  const text = run.reports.filter((r) => r.ok).map((r) => r.text);
  expect(text[0]).toContain('FIRST PAGE');
  expect(text.at(-1)).toContain('THIRD PAGE');
  const failed = run.reports.filter((r) => !r.ok);
  for (const report of failed) {
    expect(report.page).toBe(2);
    expect(report.error?.message).toMatch(new RegExp(`${name.replace('.', '\\.')}: page 2 cannot be read \\(`));
  }
  expect(run.code).toBe(failed.length > 0 ? 1 : 0);
}

const around = (page: ReturnType<typeof hostile.plainPage>): Buffer => hostile.pagesPdf([hostile.plainPage('FIRST PAGE'), page, hostile.plainPage('THIRD PAGE')]);

describe('PDF decompression bombs (H1)', () => {
  it('an image of 20000 x 20000 behind two Flate layers', SLOW, async () => {
    expectMiddleBounded(await read(around(hostile.imageBombPage()), 'image-bomb.pdf'), 'image-bomb.pdf');
  });

  it('a soft mask of 30000 x 30000', SLOW, async () => {
    expectMiddleBounded(await read(around(hostile.softMaskBombPage()), 'mask-bomb.pdf'), 'mask-bomb.pdf');
  });

  it('a content stream inflating to 2 GB: the page needs more memory than it is given, the others are read', SLOW, async () => {
    const run = await read(around(hostile.contentBombPage()), 'content-bomb.pdf');
    expectMiddleBounded(run, 'content-bomb.pdf');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/content-bomb\.pdf: page 2 cannot be read \(it needs more than the \d+ MB of memory a PDF page is given/);
  });

  it('an object stream whose /First lies past 2 GB of zeros, holding the page’s font', SLOW, async () => {
    expectMiddleBounded(await read(hostile.objectStreamBombPdf(), 'objstm-bomb.pdf'), 'objstm-bomb.pdf');
  });
});

describe('operator-heavy and JBIG2 pages (H2)', () => {
  it('2,000,000 filled rectangles on one page', SLOW, async () => {
    expectMiddleBounded(await read(around(hostile.operatorsPage()), 'rects.pdf'), 'rects.pdf');
  });

  it('1,000,000 text-showing operators on one page', SLOW, async () => {
    expectMiddleBounded(await read(around(hostile.showTextPage()), 'show-text.pdf'), 'show-text.pdf');
  });

  it('a 935-byte JBIG2 image declaring a 40000 x 40000 page with a generic region', SLOW, async () => {
    expectMiddleBounded(await read(around(hostile.jbig2Page()), 'jbig2.pdf'), 'jbig2.pdf');
  });

  it('a page past its deadline is stopped with its own error, and the next page is read by a fresh reader', SLOW, async () => {
    // The deadline shortened (20 s in use) so a page of a million text operators, seconds to draw, runs past it.
    const pdf = await PdfDocument.open(around(hostile.showTextPage()), 'slow.pdf', { pageDeadlineMs: 1500 });
    try {
      expect((await pdf.page(1, BOUNDS)).text).toBe('FIRST PAGE');
      const error = await pdf.page(2, BOUNDS).then(() => null, (e: unknown) => e as { code: string; message: string });
      expect(error?.code).toBe('pdf-page');
      expect(error?.message).toMatch(/^slow\.pdf: page 2 cannot be read \(drawing it took longer than 1\.5 s, so it was stopped/);
      expect((await pdf.page(3, BOUNDS)).text).toBe('THIRD PAGE');
    } finally {
      await pdf.close();
    }
  });
});

describe('a page limit (M5)', () => {
  it(`refuses a document past ${PAGE_LIMIT} pages without --pages or --max-pages, saying both; reads what they choose`, SLOW, async () => {
    const kids = hostile.manyKidsPdf(100_000);
    const refused = await read(kids, 'kids.pdf');
    expectClean(refused, 'kids.pdf');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/kids\.pdf: the document has 100000 pages, more than the 500 read without asking; choose pages with --pages \(like 1-20\) or allow them all with --max-pages 100000/);
    expect(refused.reports.map((r) => r.ok)).toEqual([false]);

    const chosen = await read(kids, 'kids.pdf', ['--pages', '1-2,99999-100000']);
    expect(chosen.code).toBe(0);
    expect(chosen.reports.map((r) => [r.page, r.text])).toEqual([[1, 'SAME PAGE'], [2, 'SAME PAGE'], [99999, 'SAME PAGE'], [100000, 'SAME PAGE']]);

    const small = hostile.manyKidsPdf(3);
    expect((await read(small, 'three.pdf', ['--max-pages', '3'])).reports.map((r) => r.page)).toEqual([1, 2, 3]);
    const under = await read(small, 'three.pdf', ['--max-pages', '2']);
    expect(under.code).toBe(1);
    expect(under.stderr).toMatch(/three\.pdf: the document has 3 pages, more than the 2 read without asking/);
    expect((await runCli(['--max-pages', '0', 'x.pdf'])).code).toBe(2);
  });
});

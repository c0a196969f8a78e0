/**
 * Large PDFs in bounded memory (goal: the peak RSS of reading 300 pages at most 1.5x that of reading 3): the command
 * reads a 300-page document printed by headless Chromium, each page drawn, taken from its text layer (so the figure
 * is the document loop's, not an engine's) and let go before the next; the baseline is the same command on its
 * first 3 pages, in the same run. Peak RSS is the child's own VmHWM, read as it exits.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printPdf } from '../test/support/pdf.ts';
import { repoRoot } from '../test/support/paths.ts';
import { ms, table } from './stats.ts';

const PAGE = (n: number): string => `<h2>Section ${n}</h2><p>${'Readout reads every page of a long contract, one at a time, and lets each go. '.repeat(12)}</p><p>第 ${n} 页：逐页识别，内存不随页数增长。</p>`;

/** Runs the command under a wrapper that prints its peak RSS (VmHWM) on exit. */
function run(file: string, pages: string, peakScript: string): { ms: number; peakMb: number; lines: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--require', peakScript, join(repoRoot, 'bin', 'readout.js'), '--engine', 'local', '--pdf-text', 'always', '--no-history', '--json', '--pages', pages, file], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20, env: { ...process.env, DASHSCOPE_API_KEY: '' } });
  const peak = /PEAK (\d+)/.exec(child.stderr ?? '');
  if (child.status !== 0 || !peak) throw new Error(`bench pdf: the command failed (${child.status}): ${child.stderr}`);
  return { ms: performance.now() - started, peakMb: Number(peak[1]) / 1024, lines: child.stdout.trim().split('\n').length };
}

/** Reads pages 1-3 with the offline engine into a history, exports them as a searchable PDF, and extracts its text. */
async function foundAgain(file: string, dir: string): Promise<{ read: number; found: number }> {
  const command = (args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin', 'readout.js'), ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, env: { ...process.env, DASHSCOPE_API_KEY: '' } });
  const dataDir = join(dir, 'history');
  // Read from a copy that is gone by the export: the pages are then the images with only Readout's text over them
  // (an original page would bring its own text layer too, and this would measure that).
  const copy = join(dir, 'copy.pdf');
  copyFileSync(file, copy);
  const pages = command(['--engine', 'local', '--pdf-text', 'never', '--json', '--pages', '1-3', '--data-dir', dataDir, copy]).stdout.trim().split('\n').map((line) => JSON.parse(line) as { text: string; entryId: number });
  const documentId = (JSON.parse(command(['history', 'show', String(pages[0]!.entryId), '--json', '--data-dir', dataDir]).stdout) as { document: { id: number } }).document.id;
  rmSync(copy);
  const out = join(dir, 'searchable.pdf');
  command(['history', 'export', '--document', String(documentId), '--format', 'pdf', '--out', out, '--data-dir', dataDir]);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(out)) }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) text += (await (await doc.getPage(n)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
  await doc.cleanup();
  const read = pages.map((page) => page.text).join('').replace(/\s/g, '');
  const extracted = text.replace(/\s/g, '');
  // Characters of what was read found, in order, in what the PDF gives back (a subsequence count).
  let found = 0;
  for (const ch of extracted) if (read[found] === ch) found++;
  return { read: read.length, found };
}

export async function benchPdf(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'readout-bench-pdf-'));
  try {
    const file = join(dir, 'long.pdf');
    writeFileSync(file, await printPdf(Array.from({ length: 300 }, (_, i) => PAGE(i + 1))));
    const peakScript = join(dir, 'peak.cjs');
    writeFileSync(peakScript, `process.on('exit', () => { const m = require('node:fs').readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\\s+(\\d+)/); process.stderr.write('PEAK ' + m[1] + '\\n'); });`);
    const few = run(file, '1-3', peakScript);
    const all = run(file, '1-300', peakScript);
    if (few.lines !== 3 || all.lines !== 300) throw new Error(`bench pdf: expected 3 and 300 pages, got ${few.lines} and ${all.lines}`);
    const found = await foundAgain(file, dir);
    return [
      'PDF: a 300-page document read page by page by the command (text layers taken; goal: peak RSS at most 1.5x that of 3 pages)',
      table([
        ['pages', 'time', 'per page', 'peak RSS', 'vs 3 pages'],
        ['3', ms(few.ms), ms(few.ms / 3), `${few.peakMb.toFixed(0)} MB`, '1.00x'],
        ['300', ms(all.ms), ms(all.ms / 300), `${all.peakMb.toFixed(0)} MB`, `${(all.peakMb / few.peakMb).toFixed(2)}x`],
      ]),
      `Searchable PDF export: pages 1-3 read by the offline engine (drawn, not the text layer), exported, and read back by pdf.js text extraction: ${found.found} of ${found.read} characters found again, in order (${((100 * found.found) / found.read).toFixed(1)}%)`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The PDF engine comparison (issue 23): pdf.js with @napi-rs/canvas (Skia), as Readout drew pages before, against
 * PDFium compiled to WebAssembly (@embedpdf/pdfium) in its bounded worker (main/pdf/pdf.ts), on ordinary PDFs printed
 * by headless Chromium (real fonts, a real text layer): time a page, the peak memory of a process that draws them
 * all, the text layer each reads, and what the offline engine reads from each one's pixels (character error rate
 * against the text the page holds). The review's hostile classes, through the whole command, are bench/pdf-bounds.ts.
 * pdf.js and the canvas stay as devDependencies for this comparison only. Run: node bench/pdf-engines.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { LocalEngine } from '../main/ocr/local.ts';
import { PdfDocument } from '../main/pdf/pdf.ts';
import { recognizeImage } from '../main/recognize.ts';
import { printPdf } from '../test/support/pdf.ts';
import { ms, table } from './stats.ts';

const PAGES = [
  'Quarterly report 2026. Revenue grew in every region this quarter, and the board approved the budget for next year.',
  '第二页：各地区的收入均有增长，董事会批准了明年的预算。合同条款逐页识别。',
  'Invoice 20931 Qty 3 Unit price 12.50 Total 37.50 Due on 29 November 2026 Account 0042-7781',
  'Small print at nine pixels: the parties agree that Readout reads every page of this document, one at a time.',
];
const HTML = [
  `<h1>${PAGES[0]!.split('. ')[0]}.</h1><p>${PAGES[0]!.split('. ').slice(1).join('. ')}</p>`,
  `<p style="font-size:20px">${PAGES[1]}</p>`,
  `<table border="1" cellpadding="6"><tr><td>Invoice 20931</td><td>Qty 3</td><td>Unit price 12.50</td><td>Total 37.50</td></tr></table><p>Due on 29 November 2026 Account 0042-7781</p>`,
  `<p style="font-size:9px">${PAGES[3]}</p>`,
];
const BOUNDS = new LocalEngine().pixelBounds();
const ROUNDS = 3;

/** pdf.js and Skia, as main/pdf/pdf.ts drew a page before this change (one process, no bounds). */
async function drawWithPdfJs(bytes: Uint8Array): Promise<Array<{ png: Buffer; text: string }>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  const dir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const folder = (name: string): string => `${pathToFileURL(join(dir, name)).href}/`;
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: folder('standard_fonts'), cMapUrl: folder('cmaps'), cMapPacked: true, iccUrl: folder('iccs'), wasmUrl: folder('wasm'), useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  const pages: Array<{ png: Buffer; text: string }> = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const natural = page.getViewport({ scale: 1 });
    const { smartResize } = await import('../main/image/smart-resize.ts');
    const scale = Math.min(4, Math.sqrt(BOUNDS.maxPixels / (natural.width * natural.height)));
    const size = smartResize(Math.round(natural.height * scale), Math.round(natural.width * scale), BOUNDS);
    const viewport = page.getViewport({ scale: size.width / natural.width });
    const canvas = createCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size.width, size.height);
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport, transform: [1, 0, 0, size.height / viewport.height, 0, 0] }).promise;
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    pages.push({ png: await canvas.encode('png'), text });
    page.cleanup();
  }
  await task.destroy();
  return pages;
}

async function drawWithPdfium(bytes: Uint8Array): Promise<Array<{ png: Buffer; text: string }>> {
  const doc = await PdfDocument.open(bytes, 'bench.pdf');
  const pages: Array<{ png: Buffer; text: string }> = [];
  try {
    for (let n = 1; n <= doc.pages; n++) pages.push(await doc.page(n, BOUNDS));
  } finally {
    await doc.close();
  }
  return pages;
}

const ENGINES = { 'pdf.js + Skia canvas': drawWithPdfJs, 'PDFium (WebAssembly, worker)': drawWithPdfium } as const;
type EngineName = keyof typeof ENGINES;

/** Child mode: draws the file ROUNDS times with one engine, writes the last round's pages, prints times and VmHWM. */
async function child(engine: EngineName, file: string, out: string): Promise<void> {
  const bytes = readFileSync(file);
  const times: number[] = [];
  let pages: Array<{ png: Buffer; text: string }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    pages = await ENGINES[engine](bytes);
    times.push((performance.now() - started) / pages.length);
  }
  pages.forEach((page, i) => writeFileSync(join(out, `${i + 1}.png`), page.png));
  writeFileSync(join(out, 'text.json'), JSON.stringify(pages.map((p) => p.text)));
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'latin1'))?.[1] ?? 0) / 1024;
  process.stdout.write(JSON.stringify({ first: times[0], warm: Math.min(...times.slice(1)), peakMb: hwm, pages: pages.length }));
}

/** Character error rate: edit distance over the expected length, whitespace left out (layout differs, words do not). */
function cer(read: string, expected: string): number {
  const a = [...read.replace(/\s/g, '')];
  const b = [...expected.replace(/\s/g, '')];
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]! / Math.max(1, b.length);
}

async function meanDifference(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((png) => sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true })));
  if (x!.info.width !== y!.info.width || x!.info.height !== y!.info.height) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < x!.data.length; i++) sum += Math.abs(x!.data[i]! - y!.data[i]!);
  return sum / x!.data.length;
}

export async function benchPdfEngines(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'readout-bench-engines-'));
  const reader = new LocalEngine();
  try {
    const file = join(dir, 'ordinary.pdf');
    writeFileSync(file, await printPdf(HTML));
    const results = new Map<EngineName, { first: number; warm: number; peakMb: number; pngs: Buffer[]; texts: string[] }>();
    for (const engine of Object.keys(ENGINES) as EngineName[]) {
      const out = mkdtempSync(join(dir, 'out-'));
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', engine, file, out], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`bench pdf-engines: ${engine} failed: ${run.stderr}`);
      const figures = JSON.parse(run.stdout) as { first: number; warm: number; peakMb: number; pages: number };
      const pngs = Array.from({ length: figures.pages }, (_, i) => readFileSync(join(out, `${i + 1}.png`)));
      results.set(engine, { ...figures, pngs, texts: JSON.parse(readFileSync(join(out, 'text.json'), 'utf8')) as string[] });
    }
    const rows: string[][] = [];
    const misread: string[] = [];
    for (const [engine, r] of results) {
      const read: number[] = [];
      for (const [i, png] of r.pngs.entries()) {
        const outcome = await recognizeImage(png, `page ${i + 1}`, { engine: reader, prompt: '', source: { kind: 'file', path: 'x', name: 'x' } });
        read.push(outcome.ok ? cer(outcome.result.text, PAGES[i]!) : 1);
        if (read.at(-1)! > 0) misread.push(`${engine}, page ${i + 1}: ${outcome.ok ? JSON.stringify(outcome.result.text) : 'failed'}`);
      }
      const layer = r.texts.map((text, i) => cer(text, PAGES[i]!));
      const mean = (values: number[]): string => (values.reduce((s, v) => s + v, 0) / values.length).toFixed(3);
      rows.push([engine, ms(r.first), ms(r.warm), `${r.peakMb.toFixed(0)} MB`, mean(layer), `${mean(read)} (${read.map((v) => v.toFixed(3)).join(' / ')})`]);
    }
    const [a, b] = [...results.values()];
    const diffs = await Promise.all(a!.pngs.map((png, i) => meanDifference(png, b!.pngs[i]!)));
    return [
      `PDF engines: ${PAGES.length} ordinary pages printed by Chromium (English, Chinese, a table, 9 px print), drawn at the offline engine's bounds (max ${BOUNDS.maxPixels} px); time a page (first round, cold; best warm round of ${ROUNDS - 1}), peak RSS of the drawing process, character error rate of the text layer and of the offline engine's reading of the drawn pixels (lower is better)`,
      table([['engine', 'a page, cold', 'a page, warm', 'peak RSS', 'text layer CER', 'offline reading CER (per page)'], ...rows]),
      `Pixels: mean absolute grey difference between the two engines' pages ${diffs.map((d) => d.toFixed(2)).join(' / ')} (0-255)`,
      ...misread.map((line) => `Read with errors: ${line}`),
    ].join('\n');
  } finally {
    await reader.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const at = process.argv.indexOf('--child');
  if (at !== -1) await child(process.argv[at + 1] as EngineName, process.argv[at + 2]!, process.argv[at + 3]!);
  else process.stdout.write(`${await benchPdfEngines()}\n`);
}

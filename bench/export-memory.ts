/**
 * The searchable-PDF export of a large history (bad-input review 2, H5): the streamed writer (main/pdf/searchable.ts)
 * against the way it was written before, measured in the same run: pdf-lib embedding every page image (decoded and
 * deflated again) and saving the whole document from memory, a page's operators spread into one call. Each export runs
 * in a child process whose resident memory is sampled from /proc every 50 ms (the peak is the figure); a run past
 * CAP_MB is stopped there and reported as such, so the baseline cannot take the machine down.
 * Usage: node bench/export-memory.ts [entries, default 5000]
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { HistoryStore } from '../main/history/store.ts';
import { exportSearchablePdf } from '../main/history/export-pdf.ts';
import { newEntry, result } from '../test/support/entries.ts';
import { runTree } from './process-tree.ts';

const CAP_MB = 2500;
const cacheDir = join(import.meta.dirname, '..', '.cache', 'bench', 'export-memory-2');

/**
 * A history of `count` entries: 1000x700 page images of twelve lines of text, 8-bit RGB PNGs as the pipeline stores them
 * (encode.ts), Chinese text, 40 words each.
 */
async function build(count: number): Promise<string> {
  const path = join(cacheDir, `history-${count}.sqlite`);
  try {
    statSync(path);
    return path;
  } catch {
    // Not built yet.
  }
  mkdirSync(cacheDir, { recursive: true });
  const images: Buffer[] = [];
  for (let i = 0; i < 8; i++) {
    const lines = Array.from({ length: 12 }, (_, n) => `<text x="40" y="${60 + n * 50}" font-size="28">第${i}页 合同条款第${n}条 双方同意按页识别 ${i * 100 + n}</text>`).join('');
    images.push(await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="700"><rect width="1000" height="700" fill="#fff"/>${lines}</svg>`)).flatten({ background: '#ffffff' }).png({ compressionLevel: 6 }).toBuffer());
  }
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const store = new HistoryStore(partial);
  const words = Array.from({ length: 40 }, (_, i) => ({ text: `词语${i}`, box: [[40 + (i % 4) * 230, 30 + Math.floor(i / 4) * 60], [250 + (i % 4) * 230, 30 + Math.floor(i / 4) * 60], [250 + (i % 4) * 230, 70 + Math.floor(i / 4) * 60], [40 + (i % 4) * 230, 70 + Math.floor(i / 4) * 60]], confidence: null }));
  for (let n = 0; n < count; n++) {
    const id = store.createPending(newEntry({ image: { data: images[n % images.length]!, mime: 'image/png', thumbnail: null }, width: 1000, height: 700 }));
    store.complete(id, result(words.map((w) => w.text).join(' '), { words }));
  }
  store.close();
  const { renameSync } = await import('node:fs');
  renameSync(partial, path);
  return path;
}

/** The export as it was (pdf-lib, the whole document in memory), for the baseline. */
async function exportWithPdfLib(store: HistoryStore, out: string): Promise<number> {
  const { PDFDocument, PDFHexString, PDFName, beginText, endText, popGraphicsState, pushGraphicsState, setFontAndSize, setTextMatrix, setTextRenderingMode, showText, TextRenderingMode } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'ReadoutInvisible', Encoding: 'Identity-H' }));
  let pages = 0;
  for (const entry of store.iterate()) {
    const stored = store.image(entry.id);
    if (!stored?.image || !entry.width || !entry.height) continue;
    const image = await doc.embedPng(stored.image);
    const scale = 595 / entry.width;
    const height = entry.height * scale;
    const page = doc.addPage([595, height]);
    page.drawImage(image, { x: 0, y: 0, width: 595, height });
    page.node.setFontDictionary(PDFName.of('RT'), font);
    const operators = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
    for (const word of entry.words ?? []) {
      const hex = [...word.text].map((ch) => ch.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
      operators.push(setFontAndSize('RT', 12), setTextMatrix(1, 0, 0, 1, word.box[0]![0]! * scale, height - word.box[0]![1]! * scale), showText(PDFHexString.of(hex)));
    }
    operators.push(endText(), popGraphicsState());
    page.pushOperators(...operators);
    pages++;
  }
  const file = await open(out, 'w');
  await file.writeFile(await doc.save());
  await file.close();
  return pages;
}

/** In the child: one export, its page count on stdout. */
async function child(kind: string, db: string, out: string): Promise<void> {
  const store = new HistoryStore(db, { readOnly: true });
  const pages = kind === 'pdf-lib' ? await exportWithPdfLib(store, out) : await exportSearchablePdf(store, store.iterate(), out);
  store.close();
  process.stdout.write(`${pages}\n`);
}

interface Run {
  seconds: number;
  peakMb: number;
  outcome: string;
}

/** Runs one export in a child, sampling its resident memory; stopped past CAP_MB. */
async function measure(kind: string, db: string, out: string): Promise<Run> {
  const run = await runTree(process.execPath, [import.meta.filename, '--child', kind, db, out], { killAboveMb: CAP_MB });
  const outcome = run.capped
    ? `stopped past ${CAP_MB} MB`
    : run.code === 0
      ? `${run.stdout.trim()} pages, ${(statSync(out).size / 2 ** 20).toFixed(1)} MB file`
      : `exit ${run.code}: ${run.stderr.trim().split('\n').at(-1)}`;
  return { seconds: run.ms / 1000, peakMb: Math.round(run.peakMb), outcome };
}

export async function benchExportMemory(count = 5000): Promise<string> {
  const small = Math.min(500, count);
  const rows: string[] = [];
  for (const entries of [...new Set([small, count])]) {
    const db = await build(entries);
    for (const kind of ['pdf-lib', 'streamed']) {
      const out = join(cacheDir, `${kind}-${entries}.pdf`);
      const run = await measure(kind, db, out);
      rows.push(`| ${entries} | ${kind} | ${run.seconds.toFixed(1)} s | ${run.peakMb} MB | ${run.outcome} |`);
      rmSync(out, { force: true });
    }
  }
  return ['| entries | writer | time | peak RSS | outcome |', '|---|---|---|---|---|', ...rows].join('\n');
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
} else if (import.meta.filename === process.argv[1]) {
  console.log(await benchExportMemory(Number(process.argv[2] ?? 5000)));
}

/**
 * A searchable PDF from read pages, written to the file a page at a time (pdf-writer.ts): each page is its stored
 * image, with its text laid over it invisibly (text render mode 3, as scanners' "PDF with text" do), at the words'
 * places where the engine gave them, else as lines down the page.
 * The text uses a composite font with Identity-H encoding whose character codes are the Unicode code points, and a
 * ToUnicode map that says so (PDF 32000-1, 9.10.3): readers find and copy the text, in any script, without a font
 * program being embedded, since invisible text is never drawn.
 * Why not pdf-lib (which wrote it before) or pdfkit: pdf-lib holds the whole document until save() and decodes and
 * deflates every PNG again (5,000 pages: past 5 GB, bad-input review 2, H5), and took a page's operators as one spread
 * call (a stack overflow at 20,000 words, M6); pdfkit streams, but its text needs an embedded font program (a CJK
 * one is tens of MB), which invisible text never draws. The PDF here is a handful of object kinds: small to write.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflate } from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';
import { pdfImage } from './page-image.ts';
import { PdfWriter, real, type Ref } from './pdf-writer.ts';
import { textRuns, type PageWord, type TextRun } from './text-runs.ts';

export interface SearchablePage {
  /** The page as an image (PNG or JPEG bytes), and the size its words' boxes are in. */
  image: Uint8Array;
  mime: string;
  width: number;
  height: number;
  text: string;
  words: readonly PageWord[] | null;
}

/** A page is this wide, in points (A4's width); its height follows the image, within PDF's 14,400 (Annex C.2). */
const PAGE_WIDTH = 595;
const MAX_PAGE_HEIGHT = 14_400;
/** Runs written to the content stream at a time: the page's operators are pushed in pieces, never as one. */
const RUNS_A_PIECE = 512;

/** Every code point of the Basic Multilingual Plane maps to itself; ranges may not cross a first byte (9.10.3). */
function identityToUnicode(): string {
  const ranges: string[] = [];
  for (let high = 0; high < 256; high++) {
    const h = high.toString(16).padStart(2, '0').toUpperCase();
    ranges.push(`<${h}00> <${h}FF> <${h}00>`);
  }
  const chunks: string[] = [];
  // At most 100 entries in one beginbfrange block.
  for (let i = 0; i < ranges.length; i += 100) {
    const part = ranges.slice(i, i + 100);
    chunks.push(`${part.length} beginbfrange\n${part.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def', '/CMapName /Readout-Identity-UCS def', '/CMapType 2 def',
    '1 begincodespacerange', '<0000> <FFFF>', 'endcodespacerange', ...chunks, 'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end',
  ].join('\n');
}

/** The invisible text's font: a Type 0 font over a CIDFontType2 with no font program (never drawn). */
async function textFont(pdf: PdfWriter): Promise<Ref> {
  const toUnicode = await pdf.stream('', Buffer.from(identityToUnicode(), 'latin1'));
  const descriptor = await pdf.object('<< /Type /FontDescriptor /FontName /ReadoutInvisible /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>');
  const cidFont = await pdf.object(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ReadoutInvisible /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} /DW 1000 /CIDToGIDMap /Identity >>`,
  );
  return pdf.object(`<< /Type /Font /Subtype /Type0 /BaseFont /ReadoutInvisible /Encoding /Identity-H /DescendantFonts [${cidFont}] /ToUnicode ${toUnicode} >>`);
}

/** Text as two-byte codes (its code points); characters past the BMP are left out (the font's codes are 16-bit). */
function codes(text: string): string {
  let hex = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0xffff) hex += cp.toString(16).padStart(4, '0');
  }
  return `<${hex}>`;
}

function runOperators(run: TextRun): string {
  return `/RT ${real(run.size)} Tf ${real(run.stretch)} 0 0 1 ${real(run.x)} ${real(run.baseline)} Tm ${codes(run.text)} Tj\n`;
}

/** A size in pixels that scales to a page (not zero, NaN, 1e-300 or 1e308). */
const positive = (value: number): boolean => Number.isFinite(value) && value >= 1 && value <= 1e7;

/** A page's content: its image over the whole page, then its text runs, a piece at a time. */
function* content(runs: Iterable<TextRun>, page: { width: number; height: number }, hasImage: boolean): Generator<Buffer> {
  if (hasImage) yield Buffer.from(`q ${real(page.width)} 0 0 ${real(page.height)} 0 0 cm /Im0 Do Q\n`, 'latin1');
  yield Buffer.from('q BT 3 Tr\n', 'latin1');
  let piece: string[] = [];
  for (const run of runs) {
    piece.push(runOperators(run));
    if (piece.length >= RUNS_A_PIECE) {
      yield Buffer.from(piece.join(''), 'latin1');
      piece = [];
    }
  }
  piece.push('ET Q\n');
  yield Buffer.from(piece.join(''), 'latin1');
}

/** Content pieces deflated as they come (FlateDecode, 7.4.4). */
function deflated(pieces: Iterable<Buffer>): AsyncIterable<Buffer> {
  const deflate = createDeflate();
  // A failure in either end destroys the other, and the writer's loop over `deflate` then throws it.
  pipeline(Readable.from(pieces), deflate).catch(() => {});
  return deflate;
}

/**
 * Writes the pages to `file` as one searchable PDF, a page at a time, as `pages` yields them; resolves with the count.
 * Memory is one page's (its image and its runs), whatever the count. A page whose image cannot be had (not PNG or
 * JPEG, past the pixel limit) is written with its text alone.
 */
export async function writeSearchablePdf(file: FileHandle, pages: AsyncIterable<SearchablePage> | Iterable<SearchablePage>): Promise<number> {
  const pdf = await PdfWriter.start(file);
  const catalog = pdf.reserve();
  const tree = pdf.reserve();
  const font = await textFont(pdf);
  const kids: Ref[] = [];
  for await (const source of pages) {
    const image = await pdfImage(source.image, source.mime);
    // The boxes are in the entry's pixels; where those are not a size (a history written by hand), the image's.
    const [width, height0] = positive(source.width) && positive(source.height) ? [source.width, source.height] : image ? [image.width, image.height] : [PAGE_WIDTH, PAGE_WIDTH];
    const scale = PAGE_WIDTH / width;
    const height = Math.min(MAX_PAGE_HEIGHT, Math.max(1, height0 * scale));
    const geometry = { scale, width: PAGE_WIDTH, height };
    const imageRef = image ? await pdf.stream(image.dictionary, image.data) : null;
    const contents = await pdf.pieces('/Filter /FlateDecode', deflated(content(textRuns(source.text, source.words, geometry), geometry, imageRef !== null)));
    const resources = `<< /Font << /RT ${font} >>${imageRef ? ` /XObject << /Im0 ${imageRef} >>` : ''} >>`;
    kids.push(await pdf.object(`<< /Type /Page /Parent ${tree} /MediaBox [0 0 ${PAGE_WIDTH} ${real(height)}] /Resources ${resources} /Contents ${contents} >>`));
  }
  await pdf.object(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`, tree);
  await pdf.object(`<< /Type /Catalog /Pages ${tree} >>`, catalog);
  const info = await pdf.object('<< /Producer (Readout) >>');
  await pdf.finish(catalog, info);
  return kids.length;
}

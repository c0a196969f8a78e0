/**
 * A searchable PDF from read pages: each page (the original PDF's own page where the file can still be read, else the
 * page's image), and its text laid over it invisibly (text render
 * mode 3, as scanners' "PDF with text" do), at the words' places where the engine gave them, else as one block of
 * lines down the page. pdf-lib (MIT) writes the file.
 * The text uses a composite font with Identity-H encoding whose character codes are the Unicode code points, and a
 * ToUnicode map that says so (PDF 32000-1, 9.10.3): readers find and copy the text, in any script, without a font
 * program being embedded, since invisible text is never drawn. pdf-lib's standard fonts encode WinAnsi only, which
 * would drop every Chinese character.
 */
import { beginText, endText, PDFDocument, PDFHexString, PDFName, PDFString, popGraphicsState, pushGraphicsState, setFontAndSize, setTextMatrix, setTextRenderingMode, showText, TextRenderingMode, type PDFRef } from 'pdf-lib';

export interface SearchablePage {
  /** The page as an image (PNG or JPEG bytes), and the size its words' boxes are in. */
  image: Uint8Array;
  mime: string;
  width: number;
  height: number;
  text: string;
  words: Array<{ text: string; box: number[][] }> | null;
  /** The PDF the page came from and its number: the original page is kept (vector text, full quality) instead of the image. */
  original?: { pdf: Uint8Array; page: number } | null;
}

/** A page made from an image is this wide, in points (A4's width); its height follows the image. */
const PAGE_WIDTH = 595;

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

function textFont(doc: PDFDocument): PDFRef {
  const context = doc.context;
  const toUnicode = context.register(context.stream(identityToUnicode()));
  const descriptor = context.register(
    context.obj({ Type: 'FontDescriptor', FontName: 'ReadoutInvisible', Flags: 4, FontBBox: [0, -200, 1000, 800], ItalicAngle: 0, Ascent: 800, Descent: -200, CapHeight: 700, StemV: 80 }),
  );
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: 'ReadoutInvisible',
      CIDSystemInfo: context.obj({ Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 }),
      FontDescriptor: descriptor,
      DW: 1000,
      CIDToGIDMap: 'Identity',
    }),
  );
  return context.register(context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'ReadoutInvisible', Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
}

/** Text as two-byte codes (its code points); characters past the BMP are left out (the font's codes are 16-bit). */
function codes(text: string): PDFHexString {
  const hex = [...text].map((ch) => ch.codePointAt(0)!).filter((cp) => cp <= 0xffff).map((cp) => cp.toString(16).padStart(4, '0')).join('');
  return PDFHexString.of(hex);
}

export async function searchablePdf(pages: readonly SearchablePage[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setProducer('Readout');
  const font = textFont(doc);
  const originals = new Map<Uint8Array, PDFDocument | null>();
  const originalPage = async (original: SearchablePage['original']) => {
    if (!original) return null;
    if (!originals.has(original.pdf)) originals.set(original.pdf, await PDFDocument.load(original.pdf).catch(() => null));
    const from = originals.get(original.pdf);
    if (!from || original.page < 1 || original.page > from.getPageCount()) return null;
    const [copied] = await doc.copyPages(from, [original.page - 1]);
    return copied ?? null;
  };
  for (const source of pages) {
    // The original page where it can be had (an encrypted or vanished file cannot: its image stands in).
    const copied = await originalPage(source.original);
    let page;
    let scale: number;
    let height: number;
    if (copied) {
      page = doc.addPage(copied);
      const size = page.getSize();
      scale = size.width / source.width;
      height = size.height;
    } else {
      const image = source.mime === 'image/jpeg' ? await doc.embedJpg(source.image) : await doc.embedPng(source.image);
      scale = PAGE_WIDTH / source.width;
      height = source.height * scale;
      page = doc.addPage([PAGE_WIDTH, height]);
      page.drawImage(image, { x: 0, y: 0, width: PAGE_WIDTH, height });
    }
    page.node.setFontDictionary(PDFName.of('RT'), font);
    // Runs: each word at its box (PDF's y goes up from the bottom), else the text's lines down the page.
    const runs = source.words?.length
      ? source.words.map((word) => {
          const xs = word.box.map((p) => p[0] ?? 0);
          const ys = word.box.map((p) => p[1] ?? 0);
          return { text: word.text, x: Math.min(...xs) * scale, top: Math.min(...ys) * scale, width: (Math.max(...xs) - Math.min(...xs)) * scale, size: Math.max(1, (Math.max(...ys) - Math.min(...ys)) * scale) };
        })
      : source.text.split('\n').map((line, i, all) => {
          const size = Math.min(14, (height - 40) / Math.max(1, all.length));
          return { text: line, x: 20, top: 20 + i * size, width: PAGE_WIDTH - 40, size };
        });
    const operators = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
    for (const run of runs) {
      const count = [...run.text].length;
      if (count === 0) continue;
      // Each character is 1000 units wide (DW): squeezed or stretched so the run spans its box.
      const natural = count * run.size;
      operators.push(setFontAndSize('RT', run.size), setTextMatrix(run.width > 0 ? run.width / natural : 1, 0, 0, 1, run.x, height - run.top - run.size * 0.8), showText(codes(run.text)));
    }
    operators.push(endText(), popGraphicsState());
    page.pushOperators(...operators);
  }
  return doc.save();
}

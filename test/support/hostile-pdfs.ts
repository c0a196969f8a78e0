/**
 * Hostile PDFs of the classes in bad-input review 2 (H1, H2, M5), written byte by byte here: a decompression bomb
 * is a few kilobytes of deflate that inflate to gigabytes, made without ever holding the gigabytes (a block of a
 * repeated unit, flushed so it refers to nothing before it, written again and again: RFC 1951 3.2.3, zlib's
 * Z_FULL_FLUSH), its Adler-32 (RFC 1950 8) combined arithmetically (zlib's adler32_combine).
 */
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

const ADLER_BASE = 65521;

function adler32(bytes: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = start >>> 16;
  for (const byte of bytes) {
    a = (a + byte) % ADLER_BASE;
    b = (b + a) % ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib's adler32_combine: the checksum of A then B from each one's and B's length. */
function adlerCombine(adler1: number, adler2: number, length2: number): number {
  const rem = length2 % ADLER_BASE;
  let sum1 = adler1 & 0xffff;
  let sum2 = (rem * sum1) % ADLER_BASE;
  sum1 += (adler2 & 0xffff) + ADLER_BASE - 1;
  sum2 += (adler1 >>> 16) + (adler2 >>> 16) + ADLER_BASE - rem;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum2 >= ADLER_BASE * 2) sum2 -= ADLER_BASE * 2;
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

/**
 * A zlib stream (FlateDecode) of `unit` repeated to at least `length` bytes, then `tail`: kilobytes for gigabytes.
 * Returns the stream and the exact length it inflates to.
 */
export function flateBomb(unit: Buffer, length: number, tail: Buffer = Buffer.alloc(0)): { data: Buffer; inflated: number } {
  const per = Math.max(1, Math.floor((1 << 20) / unit.length));
  const chunk = Buffer.concat(Array.from({ length: per }, () => unit));
  const block = deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const repeats = Math.max(1, Math.ceil(length / chunk.length));
  // The chunk's checksum repeated by doubling: log2(repeats) combines.
  let adler = 1;
  let power = adler32(chunk);
  let powerLength = chunk.length;
  for (let n = repeats; n > 0; n >>= 1) {
    if (n & 1) adler = adlerCombine(adler, power, powerLength);
    power = adlerCombine(power, power, powerLength);
    powerLength *= 2;
  }
  adler = adlerCombine(adler, adler32(tail), tail.length);
  const end = Buffer.alloc(4);
  end.writeUInt32BE(adler);
  const blocks = Buffer.alloc(block.length * repeats);
  for (let i = 0; i < repeats; i++) block.copy(blocks, i * block.length);
  const data = Buffer.concat([Buffer.from([0x78, 0xda]), blocks, deflateRawSync(tail, { level: 9 }), end]);
  return { data, inflated: chunk.length * repeats + tail.length };
}

/** The same stream compressed once more: a second FlateDecode layer (the review's 15 KB image of 1.2 GB). */
export function twoLayers(inner: Buffer): Buffer {
  return deflateSync(inner, { level: 9 });
}

export type PdfObject = string | { dict: string; stream: Buffer };

/**
 * A PDF of `objects` (object 1 is the catalog), its cross-reference table written from the real offsets.
 */
export function writePdf(objects: PdfObject[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(offset);
    const body =
      typeof object === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`, 'latin1')
        : Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< ${object.dict} /Length ${object.stream.length} >>\nstream\n`, 'latin1'), object.stream, Buffer.from('\nendstream\nendobj\n')]);
    parts.push(body);
    offset += body.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** A page drawing `text` large enough for the offline engine to read, for the pages around a bad one. */
export function textContent(text: string): Buffer {
  return Buffer.from(`BT /F1 36 Tf 40 700 Td (${text}) Tj ET`, 'latin1');
}

/**
 * A document of pages, each with its own content (and resources): the catalog, the page tree, then per page its
 * page object, content stream and any extra objects (numbered from `first`, the number its first extra gets).
 */
export function pagesPdf(pages: Array<(first: number) => { content: Buffer | { dict: string; stream: Buffer }; resources?: string; extra?: PdfObject[] }>): Buffer {
  const objects: PdfObject[] = [];
  const kids: number[] = [];
  let next = 3;
  const bodies: PdfObject[][] = [];
  for (const make of pages) {
    const pageNumber = next;
    const contentNumber = next + 1;
    const spec = make(next + 2);
    const extra = spec.extra ?? [];
    kids.push(pageNumber);
    const resources = spec.resources ?? `<< /Font << /F1 ${contentNumber + 1 + extra.length} 0 R >> >>`;
    const content = Buffer.isBuffer(spec.content) ? { dict: '', stream: spec.content } : spec.content;
    bodies.push([`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${contentNumber} 0 R /Resources ${resources} >>`, content, ...extra, FONT]);
    next += 2 + extra.length + 1;
  }
  objects.push('<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  for (const body of bodies) objects.push(...body);
  return writePdf(objects);
}

type Page = Parameters<typeof pagesPdf>[0][number];

/** A plain page saying `text`. */
export const plainPage = (text: string): Page => () => ({ content: textContent(text) });

/** H1: an image XObject `side` x `side` RGB, its zeros behind two FlateDecode layers. */
export const imageBombPage = (side = 20000): Page => (first) => {
  const inner = flateBomb(Buffer.alloc(1), side * side * 3).data;
  return {
    content: Buffer.from(`q 500 0 0 500 50 150 cm /Im0 Do Q ${textContent('IMAGE BOMB PAGE').toString('latin1')}`, 'latin1'),
    resources: `<< /XObject << /Im0 ${first} 0 R >> /Font << /F1 ${first + 1} 0 R >> >>`,
    extra: [{ dict: `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter [/FlateDecode /FlateDecode]`, stream: twoLayers(inner) }],
  };
};

/** H1: a small image whose soft mask is `side` x `side`, a Flate bomb of zeros. */
export const softMaskBombPage = (side = 30000): Page => (first) => ({
  content: Buffer.from('q 500 0 0 500 50 150 cm /Im0 Do Q', 'latin1'),
  resources: `<< /XObject << /Im0 ${first} 0 R >> /Font << /F1 ${first + 2} 0 R >> >>`,
  extra: [
    { dict: `/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /SMask ${first + 1} 0 R`, stream: Buffer.from([0, 0, 0, 0]) },
    { dict: `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, stream: flateBomb(Buffer.alloc(1), side * side).data },
  ],
});

/** H1: a content stream of spaces inflating to `length` bytes, text drawn at its very end. */
export const contentBombPage = (length = 2 * 2 ** 30): Page => () => ({
  content: { dict: '/Filter /FlateDecode', stream: flateBomb(Buffer.from(' '), length, textContent(' CONTENT BOMB')).data },
});

/** H2: `count` filled rectangles (`0 0 1 1 re f`), deflated. */
export const operatorsPage = (count = 2_000_000): Page => () => ({
  content: { dict: '/Filter /FlateDecode', stream: deflateSync(Buffer.from('0 0 1 1 re f\n'.repeat(count), 'latin1'), { level: 9 }) },
});

/** H2: `count` text-showing operators on one page. */
export const showTextPage = (count = 1_000_000): Page => () => ({
  content: { dict: '/Filter /FlateDecode', stream: deflateSync(Buffer.from(`BT /F1 1 Tf ${'(x) Tj '.repeat(count)}ET`, 'latin1'), { level: 9 }) },
});

/**
 * H2: a JBIG2 image (ITU-T T.88, embedded stream: segments without the file header, 7.2) whose page information
 * segment (7.4.8) declares `side` x `side` and an immediate generic region (7.4.6) covering it, with a few bytes of
 * arithmetic-coded data: the decoder allocates what the header says.
 */
export const jbig2Page = (side = 40000): Page => (first) => {
  const segment = (number: number, type: number, data: Buffer): Buffer => {
    const header = Buffer.alloc(11);
    header.writeUInt32BE(number, 0);
    header[4] = type; // flags: the type, page association in one byte
    header[5] = 0; // no referred-to segments
    header[6] = 1; // page 1
    header.writeUInt32BE(data.length, 7);
    return Buffer.concat([header, data]);
  };
  const pageInfo = Buffer.alloc(19);
  pageInfo.writeUInt32BE(side, 0);
  pageInfo.writeUInt32BE(side, 4);
  const region = Buffer.alloc(17 + 1 + 8 + 64, 0x5a);
  region.writeUInt32BE(side, 0);
  region.writeUInt32BE(side, 4);
  region.writeUInt32BE(0, 8);
  region.writeUInt32BE(0, 12);
  region[16] = 0; // external combination operator OR
  region[17] = 0; // MMR 0, template 0, TPGDON 0
  Buffer.from([3, 0xff, 0xfd, 0xff, 2, 0xfe, 0xfe, 0xfe]).copy(region, 18);
  const stream = Buffer.concat([segment(0, 48, pageInfo), segment(1, 38, region)]);
  return {
    content: Buffer.from('q 500 0 0 500 50 150 cm /Im0 Do Q', 'latin1'),
    resources: `<< /XObject << /Im0 ${first} 0 R >> /Font << /F1 ${first + 1} 0 R >> >>`,
    extra: [{ dict: `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode`, stream }],
  };
};

/**
 * H1: the page's font lives in an object stream (PDF 32000-1 7.5.7) whose /First lies past `length` bytes of zeros,
 * so reading the font inflates them all. Pages: a plain one, then this one, then a plain one.
 */
export function objectStreamBombPdf(length = 2 * 2 ** 30): Buffer {
  // 1 catalog, 2 pages, 3-4 page 1, 5-6 page 2 (font 10 in the object stream 9), 7-8 page 3, 9 object stream, 11 font for 1 and 3.
  const font = Buffer.from(FONT, 'latin1');
  const header = Buffer.from('10 0 ', 'latin1');
  const zeros = flateBomb(Buffer.from(' '), length, Buffer.concat([header, font]));
  const first = zeros.inflated - font.length;
  const objects: PdfObject[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 5 0 R 7 0 R] /Count 3 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 11 0 R >> >> >>',
    { dict: '', stream: textContent('FIRST PAGE') },
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources << /Font << /F1 10 0 R >> >> >>',
    { dict: '', stream: textContent('OBJECT STREAM FONT') },
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 8 0 R /Resources << /Font << /F1 11 0 R >> >> >>',
    { dict: '', stream: textContent('THIRD PAGE') },
    // The object-number/offset pair sits at the end of the zeros (offset 0 from /First): "10 0 " right before /First.
    { dict: `/Type /ObjStm /N 1 /First ${first} /Filter /FlateDecode`, stream: zeros.data },
    'null',
    FONT,
  ];
  // Object 10 is in the object stream: the cross-reference table cannot say so (only an xref stream can), so it is
  // written as a type-2 entry in an xref stream below.
  return xrefStreamPdf(objects, new Map([[10, { stream: 9, index: 0 }]]));
}

/** A PDF whose cross-reference is a stream (PDF 32000-1 7.5.8), so objects may live in object streams. */
function xrefStreamPdf(objects: PdfObject[], compressed: Map<number, { stream: number; index: number }>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets = new Map<number, number>();
  objects.forEach((object, i) => {
    const number = i + 1;
    if (compressed.has(number)) return;
    offsets.set(number, offset);
    const body =
      typeof object === 'string'
        ? Buffer.from(`${number} 0 obj\n${object}\nendobj\n`, 'latin1')
        : Buffer.concat([Buffer.from(`${number} 0 obj\n<< ${object.dict} /Length ${object.stream.length} >>\nstream\n`, 'latin1'), object.stream, Buffer.from('\nendstream\nendobj\n')]);
    parts.push(body);
    offset += body.length;
  });
  const xrefNumber = objects.length + 1;
  const rows: Buffer[] = [];
  for (let n = 0; n <= xrefNumber; n++) {
    const row = Buffer.alloc(7);
    const packed = compressed.get(n);
    if (n === 0) row.writeUInt8(0, 0);
    else if (packed) {
      row.writeUInt8(2, 0);
      row.writeUInt32BE(packed.stream, 1);
      row.writeUInt16BE(packed.index, 5);
    } else {
      row.writeUInt8(1, 0);
      row.writeUInt32BE(n === xrefNumber ? offset : offsets.get(n)!, 1);
    }
    rows.push(row);
  }
  const table = Buffer.concat(rows);
  parts.push(Buffer.from(`${xrefNumber} 0 obj\n<< /Type /XRef /Size ${xrefNumber + 1} /Root 1 0 R /W [1 4 2] /Length ${table.length} >>\nstream\n`, 'latin1'), table, Buffer.from(`\nendstream\nendobj\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** M5: a page tree of `kids` entries that all name the same page (600 KB for 100,000 pages). */
export function manyKidsPdf(kids = 100_000): Buffer {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${'3 0 R '.repeat(kids)}] /Count ${kids} >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    { dict: '', stream: textContent('SAME PAGE') },
    FONT,
  ]);
}

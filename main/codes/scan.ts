/**
 * QR codes and barcodes in an image, offline: ZXing-C++ as WebAssembly (zxing-wasm's reader). Its loader would
 * fetch the .wasm from a CDN (share.ts: locateFile points at jsDelivr); the binary shipped in the package is handed
 * to it instead (prepareZXingModule's overrides.wasmBinary, an Emscripten module setting), so nothing leaves the
 * machine, packaged or not. Pixels are the upright original at full resolution (a small code on a 4K screen needs
 * every pixel), up to MAX_SCAN_PIXELS.
 *
 * The pixels are the reader's own (bad-input review 2, H3): the file goes through openImage, which sniffs it, checks
 * its declared size, sanitises an SVG and runs the decoders sharp lacks, and is decoded from what that hands on, never
 * from the file's raw bytes (an SVG filter bomb given to librsvg as it is renders for minutes). The decode waits for
 * its share of the process's decode budget (image/budget.ts), so it never runs beside the reader's own decode of a
 * large image (M7: the two together were 1.7 GB on 40 megapixels).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import { unpackedPath } from '../asar.ts';
import { decodeBudget } from '../image/budget.ts';
import { openImage } from '../image/decode.ts';
import type { Code } from './code.ts';

export type { Code };

/** The formats the issue names, and ZXing's other linear and matrix codes: everything it reads. */
const READER_OPTIONS: ReaderOptions = { formats: [], tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true, maxNumberOfSymbols: 255 };
/** Frames above this many pixels are scanned at full size only (see scanCodes). */
const LARGE_FRAME = 4_000_000;
/**
 * Frames above this many pixels (a 4K screen's, 3840 x 2160) are photos and scans: they are scanned without ZXing's
 * tryHarder, which has its finder-pattern search look at every row and try the patterns it finds against each other
 * (zxing-cpp's qrcode/QRDetector.cpp, FindFinderPatterns and GenerateFinderPatternSets). Its time follows what the
 * image holds, not its size: 24 megapixels of QR finder patterns (review 2, M7) took 7.1 s of CPU with it and 1.4 s
 * without, in the same run. A code a phone could read in such a photo is still found (test/main/codes/
 * large-frame.test.ts: 5-pixel modules in 6000 x 4000). Screens, up to 4K, are scanned as before.
 */
export const FULL_EFFORT_PIXELS = 3840 * 2160;
/**
 * The most pixels scanned: larger images are scanned shrunk to this (libvips shrinks while it decodes). 7 bytes a
 * pixel are held at once (the decoded RGB and the RGBA ZXing reads), ZXing's luminance and binarised copies 2 more:
 * 24 megapixels are about 220 MB, where 40 were 450. A code a person could point a phone at stays well above ZXing's
 * smallest module at that scale.
 */
export const MAX_SCAN_PIXELS = 24_000_000;
/** Bytes a scanned pixel holds at the peak (see MAX_SCAN_PIXELS): what the scan asks of the decode budget. */
const BYTES_PER_SCANNED_PIXEL = 9;

let reader: Promise<typeof import('zxing-wasm/reader')> | null = null;

/** The reader, its WebAssembly given from the package's own file (never fetched). */
function loadReader(): Promise<typeof import('zxing-wasm/reader')> {
  reader ??= (async () => {
    const zxing = await import('zxing-wasm/reader');
    const file = unpackedPath(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const binary = await readFile(file);
    await zxing.prepareZXingModule({ overrides: { wasmBinary: binary.buffer.slice(binary.byteOffset, binary.byteOffset + binary.byteLength) }, fireImmediately: true });
    return zxing;
  })();
  return reader;
}

function toCode(result: ReadResult): Code {
  const { topLeft, topRight, bottomRight, bottomLeft } = result.position;
  const binary = result.contentType === 'Binary';
  // A UPC-A is an EAN-13 whose first digit is 0 (GS1), and ZXing reads it as the EAN-13: said as what it is.
  const upc = result.format === 'EAN13' && result.text.length === 13 && result.text.startsWith('0');
  return {
    format: upc ? 'UPCA' : result.format,
    text: binary ? Buffer.from(result.bytes).toString('hex') : upc ? result.text.slice(1) : result.text,
    box: [topLeft, topRight, bottomRight, bottomLeft].map((p) => [p.x, p.y]),
    bytes: result.bytes.length,
    binary,
  };
}

/** How hard ZXing looks at a frame of `pixels` (LARGE_FRAME, FULL_EFFORT_PIXELS). */
export function readerOptions(pixels: number): ReaderOptions {
  if (pixels > FULL_EFFORT_PIXELS) return { ...READER_OPTIONS, tryDownscale: false, tryHarder: false };
  return pixels > LARGE_FRAME ? { ...READER_OPTIONS, tryDownscale: false } : READER_OPTIONS;
}

/** RGB to the RGBA ImageData ZXing takes, opaque; the RGB can be let go after. */
function toRgba(rgb: Buffer, pixels: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    rgba[i * 4] = rgb[j]!;
    rgba[i * 4 + 1] = rgb[j + 1]!;
    rgba[i * 4 + 2] = rgb[j + 2]!;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/**
 * Every code in `bytes` (an image file), or none; never throws for an image without codes. An image the reader
 * refuses (not an image, too many pixels, an SVG that is not well-formed) throws the reader's own error.
 */
export async function scanCodes(bytes: Uint8Array, file = 'image'): Promise<Code[]> {
  const zxing = await loadReader();
  const opened = await openImage(bytes, file);
  const { width, height } = opened;
  // Very large images are scanned at a size that still holds any code a person could point a phone at.
  const scale = width * height > MAX_SCAN_PIXELS ? Math.sqrt(MAX_SCAN_PIXELS / (width * height)) : 1;
  const size = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
  const image = await decodeBudget.use(size.width * size.height * BYTES_PER_SCANNED_PIXEL, async () => {
    const rgb = await opened.render(size);
    // zxing-wasm takes anything shaped like ImageData (width, height, RGBA data); Node has no ImageData class.
    return { data: toRgba(rgb.data, rgb.width * rgb.height), width: rgb.width, height: rgb.height, colorSpace: 'srgb' } as unknown as ImageData;
  });
  // A large frame is a screen: its codes are crisp at full size, and the extra passes at reduced scales (for blurred
  // photos) cost a 4K frame a quarter of its scan (measured 150 -> 126 ms) for nothing found there.
  const found = await zxing.readBarcodes(image, readerOptions(image.width * image.height));
  const sx = width / image.width;
  const sy = height / image.height;
  return found
    .filter((result) => result.isValid)
    .map(toCode)
    .map((code) => (sx !== 1 || sy !== 1 ? { ...code, box: code.box.map(([x = 0, y = 0]) => [x * sx, y * sy]) } : code));
}

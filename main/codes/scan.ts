/**
 * QR codes and barcodes in an image, offline: ZXing-C++ as WebAssembly (zxing-wasm's reader). Its loader would
 * fetch the .wasm from a CDN (share.ts: locateFile points at jsDelivr); the binary shipped in the package is handed
 * to it instead (prepareZXingModule's overrides.wasmBinary, an Emscripten module setting), so nothing leaves the
 * machine, packaged or not. Pixels are the upright original at full resolution (a small code on a 4K screen needs
 * every pixel), decoded by sharp as the pipeline decodes them.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import { unpackedPath } from '../asar.ts';
import type { Code } from './code.ts';

export type { Code };

/** The formats the issue names, and ZXing's other linear and matrix codes: everything it reads. */
const READER_OPTIONS: ReaderOptions = { formats: [], tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true, maxNumberOfSymbols: 255 };
/** Frames above this many pixels are scanned at full size only (see scanCodes). */
const LARGE_FRAME = 4_000_000;
/** The most pixels scanned: a 100-megapixel scan would hold 400 MB of RGBA for a code a tenth of it would show. */
const MAX_SCAN_PIXELS = 40_000_000;

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

/** Every code in `bytes` (an image file), or none; never throws for an image without codes. */
export async function scanCodes(bytes: Uint8Array): Promise<Code[]> {
  const zxing = await loadReader();
  const meta = await sharp(bytes, { limitInputPixels: false, pages: 1 }).metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  // Very large images are scanned at a size that still holds any code a person could point a phone at.
  const scale = width * height > MAX_SCAN_PIXELS ? Math.sqrt(MAX_SCAN_PIXELS / (width * height)) : 1;
  let pipeline = sharp(bytes, { limitInputPixels: false, pages: 1 }).autoOrient().flatten({ background: '#ffffff' }).toColourspace('srgb');
  if (scale < 1) pipeline = pipeline.resize(Math.round(width * scale), Math.round(height * scale));
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  // zxing-wasm takes anything shaped like ImageData (width, height, RGBA data); Node has no ImageData class.
  const image = { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, colorSpace: 'srgb' } as unknown as ImageData;
  // A large frame is a screen: its codes are crisp at full size, and the extra passes at reduced scales (for blurred
  // photos) cost a 4K frame a quarter of its scan (measured 150 -> 126 ms) for nothing found there.
  const found = await zxing.readBarcodes(image, info.width * info.height > LARGE_FRAME ? { ...READER_OPTIONS, tryDownscale: false } : READER_OPTIONS);
  return found
    .filter((result) => result.isValid)
    .map(toCode)
    .map((code) => (scale < 1 ? { ...code, box: code.box.map(([x = 0, y = 0]) => [x / scale, y / scale]) } : code));
}

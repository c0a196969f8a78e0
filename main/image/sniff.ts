/** Formats Readout decodes: what DashScope accepts, plus GIF, AVIF and SVG. */
export type ImageFormat =
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'tiff'
  | 'avif'
  | 'heif'
  | 'svg'
  | 'bmp'
  | 'dib'
  | 'ico'
  | 'icns'
  | 'jp2'
  | 'j2k'
  | 'sgi';

/** What a file that is not an image looks like, so the error can say so. */
export type ForeignFormat = 'pdf' | 'zip' | 'gzip' | 'text' | 'unknown';

export type Sniffed = { kind: 'image'; format: ImageFormat } | { kind: 'foreign'; format: ForeignFormat };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

/** A clipboard DIB (CF_DIB) has no magic: recognise it by a known header size, one plane and a real bit depth. */
function looksLikeHeaderlessDib(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = view.getUint32(0, true);
  if (!DIB_HEADER_SIZES.has(headerSize)) return false;
  const [planes, bitCount] =
    headerSize === 12 ? [view.getUint16(8, true), view.getUint16(10, true)] : [view.getUint16(12, true), view.getUint16(14, true)];
  return planes === 1 && [1, 4, 8, 16, 24, 32].includes(bitCount);
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('<')) return false;
  return /<svg[\s>]/i.test(head);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  return sample.length > 0 && sample.every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** Decide a file's format from its content alone: extensions and MIME types lie. */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  const image = (format: ImageFormat): Sniffed => ({ kind: 'image', format });
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image('png');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return image('jpeg');
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return image('gif');
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return image('webp');
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return image('tiff');
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return image('tiff');
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'avif' || brand === 'avis') return image('avif');
    if (HEIF_BRANDS.has(brand)) return image('heif');
  }
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 26) return image('bmp');
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) || startsWith(bytes, [0x00, 0x00, 0x02, 0x00])) {
    if (bytes.length >= 6 && (bytes[4]! | (bytes[5]! << 8)) > 0) return image('ico');
  }
  if (ascii(bytes, 0, 4) === 'icns') return image('icns');
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a])) return image('jp2');
  if (startsWith(bytes, [0xff, 0x4f, 0xff, 0x51])) return image('j2k');
  if (startsWith(bytes, [0x01, 0xda]) && bytes.length >= 512) return image('sgi');
  if (looksLikeSvg(bytes)) return image('svg');
  if (looksLikeHeaderlessDib(bytes)) return image('dib');

  if (ascii(bytes, 0, 5) === '%PDF-') return { kind: 'foreign', format: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'foreign', format: 'zip' };
  if (startsWith(bytes, [0x1f, 0x8b])) return { kind: 'foreign', format: 'gzip' };
  if (looksLikeText(bytes)) return { kind: 'foreign', format: 'text' };
  return { kind: 'foreign', format: 'unknown' };
}

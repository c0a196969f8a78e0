/**
 * libvips says why it could not decode an image in its own terms: the loader that failed and its words
 * ("svgload_buffer: bad dimensions", "VipsJpeg: Invalid SOS parameters for sequential JPEG"). A user needs the cause
 * in plain words (review 2, L18); the raw text stays on the error's cause for a bug report, never in the window.
 */

/** Loader and library prefixes: "svgload_buffer: ", "VipsJpeg: ", "vips_image_new_from_buffer: ", "gifload: ". */
const PREFIX = /\b(?:vips\w*|Vips\w*|\w+load(?:_buffer|_source)?|\w+save(?:_buffer|_target)?|lib\w+):\s*/g;

const CAUSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/bad dimensions|invalid (?:image )?(?:width|height|size)|zero[- ]sized|dimensions? (?:out of range|too large)/i, 'its width or height is missing or not valid'],
  [/corrupt header|bad header|invalid header|not a valid \w+ file|bad magic/i, 'its header is damaged'],
  [/xml|parse error|svg/i, 'its SVG text is not valid'],
  [/huffman|sos parameters|bogus|marker|scanline|invalid (?:code|data)|decompress|inflate|zlib|crc|checksum/i, 'its compressed pixel data is damaged'],
  [/colou?r ?(?:space|profile)|icc/i, 'its colour profile cannot be used'],
  [/out of memory|memory/i, 'it needs more memory to decode than Readout allows'],
];

/** The cause in plain words, or null where libvips' text names none Readout knows (then say only that it is damaged). */
export function plainCause(libvipsText: string): string | null {
  const first = libvipsText.split('\n')[0]!.replace(PREFIX, '');
  return CAUSES.find(([pattern]) => pattern.test(first))?.[1] ?? null;
}

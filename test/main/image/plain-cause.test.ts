/** libvips' words become a plain cause (review 2, L18), and none of its jargon reaches the user. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainCause } from '../../../main/image/plain-cause.ts';
import { decodeImage } from '../../../main/image/decode.ts';

describe('plainCause', () => {
  it('says what libvips meant, without its loader names', () => {
    expect(plainCause('svgload_buffer: bad dimensions')).toBe('its width or height is missing or not valid');
    expect(plainCause('VipsJpeg: Invalid SOS parameters for sequential JPEG\nVipsJpeg: out of order read')).toBe('its compressed pixel data is damaged');
    expect(plainCause('Input buffer has corrupt header: pngload_buffer: libspng read error')).toBe('its header is damaged');
    expect(plainCause('something nobody has seen')).toBeNull();
  });

  it('answers only from its own phrases, whatever libvips says', () => {
    const phrases = new Set([null, 'its width or height is missing or not valid', 'its header is damaged', 'its SVG text is not valid', 'its compressed pixel data is damaged', 'its colour profile cannot be used', 'it needs more memory to decode than Readout allows']);
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('svgload_buffer: ', 'VipsJpeg: ', 'gifload: ', ''), (text, prefix) => {
        expect(phrases.has(plainCause(prefix + text))).toBe(true);
      }),
    );
  });

  it('an SVG without a size is said in plain words; libvips’ own stays on the cause', async () => {
    const bad = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>');
    const error = await decodeImage(bad, 'broken.svg').then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toBe('broken.svg: cannot read this SVG image: the image data is damaged (its width or height is missing or not valid)');
    expect((error?.cause as Error).message).toMatch(/svgload_buffer: bad dimensions/);
  });
});

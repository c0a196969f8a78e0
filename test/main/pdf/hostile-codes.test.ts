/**
 * Bad-input review 2, H3, M7 and L3: codes are scanned from the pixels the reader decodes (an SVG filter bomb through
 * the scanner is sanitised like any SVG), a large image is scanned shrunk, and a file is sniffed by its signature
 * before "%PDF-" is looked for.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import bwipjs from 'bwip-js';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_SCAN_PIXELS, scanCodes } from '../../../main/codes/scan.ts';
import { isPdf } from '../../../main/pdf/sniff.ts';
import { runCli } from '../../support/run-cli.ts';
import { useTempDir } from '../../support/temp.ts';

const tempDir = useTempDir();

/** A PNG chunk: length, type, data, CRC-32 (PNG spec 5.3). */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = ~0;
  for (const byte of body) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(~crc >>> 0);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  return Buffer.concat([head, body, tail]);
}

/** A small grey PNG whose tEXt chunk says `comment`, before its pixels. */
function pngWithComment(comment: string): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(16, 0);
  ihdr.writeUInt32BE(16, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc(16 * 17, 0x80);
  for (let y = 0; y < 16; y++) rows[y * 17] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${comment}`, 'latin1')),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('codes from the reader’s pixels (H3, M7)', () => {
  it('scans an SVG filter bomb as the sanitised SVG: it ends at once with no codes', { timeout: 60_000 }, async () => {
    const bomb = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="9000" height="9000"><filter id="f"><feGaussianBlur stdDeviation="2000"/>' +
        '<feMorphology radius="500"/></filter><rect width="9000" height="9000" filter="url(#f)"/></svg>',
    );
    // The outcome, not a timing: unsanitised, librsvg rendered this for minutes (the review killed it at 150 s).
    expect(await scanCodes(bomb, 'bomb.svg')).toEqual([]);
  });

  it('refuses what the reader refuses, with the reader’s message naming the file', async () => {
    await expect(scanCodes(Buffer.from('%PDF-1.7\n'), 'doc.pdf')).rejects.toMatchObject({ message: /doc\.pdf: .*PDF/ });
    await expect(scanCodes(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>'), 'broken.svg')).rejects.toMatchObject({ message: /broken\.svg.*not well-formed/ });
  });

  it('finds a code in an image past the scan’s pixel bound, shrunk, its box in the original’s pixels', { timeout: 60_000 }, async () => {
    const qr = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'https://example.com/large', scale: 24 });
    const side = Math.ceil(Math.sqrt(MAX_SCAN_PIXELS * 1.5));
    const large = await sharp({ create: { width: side, height: side, channels: 3, background: '#ffffff' } })
      .composite([{ input: qr, left: side - 2000, top: side - 2000 }])
      .png({ compressionLevel: 1 })
      .toBuffer();
    const [code] = await scanCodes(large, 'large.png');
    expect(code?.text).toBe('https://example.com/large');
    const xs = code!.box.map(([x]) => x!);
    expect(Math.min(...xs)).toBeGreaterThan(side - 2100);
    expect(Math.max(...xs)).toBeLessThanOrEqual(side);
  });
});

describe('a file is sniffed by its signature first (L3)', () => {
  it('takes a PNG with "%PDF-" in its text chunk for the PNG it is, and reads it', { timeout: 60_000 }, async () => {
    const png = pngWithComment('converted from %PDF-1.7 by a scanner');
    expect(isPdf(png)).toBe(false);
    const path = join(tempDir(), 'scan.png');
    await writeFile(path, png);
    const run = await runCli(['--codes-only', '--json', path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, sourceFormat: 'png', codes: [] });
  });

  it('never takes a file that starts as an image for a PDF, wherever "%PDF-" is; a PDF header first or after junk is one', () => {
    const signatures = [
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0xff, 0xd8, 0xff],
      [...Buffer.from('GIF89a')],
      [0x49, 0x49, 0x2a, 0x00],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 1200 }), fc.nat(1200), (signature, rest, at) => {
        const body = Buffer.from(rest);
        const offset = Math.min(at, body.length);
        const bytes = Buffer.concat([Buffer.from(signature), body.subarray(0, offset), Buffer.from('%PDF-1.7'), body.subarray(offset)]);
        return !isPdf(bytes);
      }),
    );
    fc.assert(fc.property(fc.string({ maxLength: 900 }), (junk) => isPdf(Buffer.concat([Buffer.from(`\n${junk.replace(/[<\uFEFF]/g, '')}`, 'latin1'), Buffer.from('%PDF-1.4\n')]))));
    expect(isPdf(Buffer.from('%PDF-1.4\n%\x89PNG'))).toBe(true);
  });
});

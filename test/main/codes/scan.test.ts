/**
 * Codes found offline in real images: every format the issue names, made with a well-kept encoder (bwip-js), several
 * in one image, turned, and nothing fetched from the network while the reader loads and reads.
 */
import bwipjs from 'bwip-js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanCodes } from '../../../main/codes/scan.ts';

const CASES: Array<{ bcid: string; text: string; format: string; options?: Record<string, unknown>; expect?: string }> = [
  { bcid: 'qrcode', text: 'https://example.org/login?token=42', format: 'QRCode' },
  { bcid: 'microqrcode', text: 'RO-17', format: 'MicroQRCode' },
  { bcid: 'datamatrix', text: 'Readout DataMatrix 2026', format: 'DataMatrix' },
  { bcid: 'azteccode', text: 'Aztec: 扫码识别', format: 'Aztec' },
  { bcid: 'pdf417', text: 'PDF417 boarding pass', format: 'PDF417' },
  { bcid: 'ean13', text: '5901234123457', format: 'EAN13' },
  { bcid: 'ean8', text: '96385074', format: 'EAN8' },
  { bcid: 'upca', text: '036000291452', format: 'UPCA' },
  // ZXing gives a UPC-E's content expanded, as the EAN-13 it stands for.
  { bcid: 'upce', text: '04252614', format: 'UPCE', expect: '0042100005264' },
  { bcid: 'code39', text: 'READOUT-39', format: 'Code39' },
  // Code 93's two check characters are part of the symbology; bwip-js adds them only when asked.
  { bcid: 'code93', text: 'READOUT93', format: 'Code93', options: { includecheck: true } },
  { bcid: 'code128', text: 'Readout code 128', format: 'Code128' },
  { bcid: 'interleaved2of5', text: '12345678', format: 'ITF' },
  { bcid: 'rationalizedCodabar', text: 'A123456B', format: 'Codabar' },
];

const encode = (bcid: string, text: string, options: Record<string, unknown> = {}): Promise<Buffer> =>
  bwipjs.toBuffer({ bcid, text, scale: 3, paddingwidth: 10, paddingheight: 10, backgroundcolor: 'FFFFFF', ...options } as Parameters<typeof bwipjs.toBuffer>[0]);

const realFetch = globalThis.fetch;
const fetched: string[] = [];
beforeAll(() => {
  globalThis.fetch = (async (input: string | URL | Request) => {
    fetched.push(String(input));
    throw new Error('no network in this test');
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

describe('scanCodes', () => {
  it.each(CASES)('reads $format', async ({ bcid, text, format, options, expect: read }) => {
    const [code] = await scanCodes(await encode(bcid, text, options));
    expect(code).toMatchObject({ format, text: read ?? text, binary: false });
    expect(fetched).toEqual([]);
  });

  it('finds several codes in one screenshot, turned ones too, each where it is', async () => {
    const qr = await encode('qrcode', 'WIFI:S:office;T:WPA;P:secret;;');
    const ean = await sharp(await encode('ean13', '4006381333931')).rotate(90).toBuffer();
    const matrix = await sharp(await encode('datamatrix', 'second code')).rotate(30, { background: '#ffffff' }).toBuffer();
    const screen = await sharp({ create: { width: 1400, height: 700, channels: 3, background: '#ffffff' } })
      .composite([{ input: qr, left: 60, top: 80 }, { input: ean, left: 600, top: 120 }, { input: matrix, left: 1000, top: 300 }])
      .png()
      .toBuffer();
    const codes = await scanCodes(screen);
    expect(codes.map((c) => c.text).sort()).toEqual(['4006381333931', 'WIFI:S:office;T:WPA;P:secret;;', 'second code'].sort());
    const qrBox = codes.find((c) => c.format === 'QRCode')!.box;
    for (const [x, y] of qrBox) expect(x! >= 60 && x! <= 60 + 400 && y! >= 80 && y! <= 80 + 400).toBe(true);
  });

  it('boxes a code in the upright original of an image stored turned (EXIF orientation 6)', async () => {
    const page = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#ffffff' } }).composite([{ input: await encode('qrcode', 'upright'), left: 40, top: 40 }]).png().toBuffer();
    const stored = await sharp(await sharp(page).rotate(270).jpeg({ quality: 95 }).toBuffer()).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    const [code] = await scanCodes(stored);
    expect(code?.text).toBe('upright');
    const xs = code!.box.map((p) => p[0]!);
    const ys = code!.box.map((p) => p[1]!);
    expect(Math.min(...xs)).toBeLessThan(100);
    expect(Math.max(...ys)).toBeLessThan(260);
  });

  it('says binary content in hexadecimal with its size, and a 2 KB code as the text it is', async () => {
    const big = 'x'.repeat(2000);
    const [large] = await scanCodes(await encode('qrcode', big, { scale: 2 }));
    expect(large).toMatchObject({ text: big, bytes: 2000, binary: false });
    const [binary] = await scanCodes(await encode('datamatrix', '^000^001^255^254binary', { parse: true }));
    expect(binary?.binary).toBe(true);
    expect(binary?.text).toMatch(/^[0-9a-f]+$/);
  });

  it('finds nothing in an image without codes', async () => {
    const plain = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#f0f0f0' } }).png().toBuffer();
    expect(await scanCodes(plain)).toEqual([]);
  });
});

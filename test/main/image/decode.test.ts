import { readFile } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../main/image/decode.ts';
import { fixture } from '../../support/paths.ts';
import { BLUE, GREEN, near, pixelAt, quadrants, RED, WHITE } from '../../support/pixels.ts';

const read = (name: string) => readFile(fixture(`formats/${name}`));

async function quadrantPng(): Promise<Buffer> {
  return read('quadrants.png');
}

describe('decodeImage on real files from other encoders', () => {
  const cases: Array<[string, string, number]> = [
    ['quadrants.png', 'png', 0],
    ['bmp-24.bmp', 'bmp', 0],
    ['bmp-24.dib', 'bmp', 0],
    ['clipboard.dib', 'dib', 0],
    ['bmp-32-bitfields.bmp', 'bmp', 0],
    ['bmp-16-565.bmp', 'bmp', 8],
    ['bmp-4-palette.bmp', 'bmp', 0],
    ['bmp-8-rle.bmp', 'bmp', 0],
    ['icon.ico', 'ico', 16],
    ['icon-rle.icns', 'icns', 16],
    ['icon-png.icns', 'icns', 16],
    ['image.jp2', 'jp2', 0],
    ['image.j2k', 'j2k', 0],
    ['image-rle.sgi', 'sgi', 0],
    ['image-verbatim.sgi', 'sgi', 0],
    ['image-16bit.sgi', 'sgi', 0],
  ];
  it.each(cases)('%s decodes upright with the right colours', async (name, format, tolerance) => {
    const image = await decodeImage(await read(name), name);
    expect(image.format).toBe(format);
    expect(image.channels).toBe(3);
    expect(image.data.length).toBe(image.width * image.height * 3);
    const q = quadrants(image);
    expect(near(q.tl, RED, tolerance), `top-left ${q.tl}`).toBe(true);
    expect(near(q.tr, GREEN, tolerance), `top-right ${q.tr}`).toBe(true);
    expect(near(q.bl, BLUE, tolerance), `bottom-left ${q.bl}`).toBe(true);
    expect(near(q.br, WHITE, tolerance), `bottom-right ${q.br}`).toBe(true);
  });
});

describe('decodeImage on formats sharp reads', () => {
  const encoders: Array<[string, (s: Sharp) => Sharp, number]> = [
    ['png', (s) => s.png(), 0],
    ['jpeg', (s) => s.jpeg({ quality: 95 }), 12],
    ['webp', (s) => s.webp({ lossless: true }), 0],
    ['gif', (s) => s.gif(), 0],
    ['tiff', (s) => s.tiff(), 12],
    ['avif', (s) => s.avif({ lossless: true }), 8],
  ];
  it.each(encoders)('%s', async (format, encode, tolerance) => {
    const bytes = await encode(sharp(await quadrantPng())).toBuffer();
    const image = await decodeImage(bytes, `x.${format}`);
    expect(image.format).toBe(format);
    const q = quadrants(image);
    expect(near(q.tl, RED, tolerance) && near(q.tr, GREEN, tolerance) && near(q.bl, BLUE, tolerance)).toBe(true);
  });

  it('applies EXIF orientation (6: rotate 90 clockwise)', async () => {
    const bytes = await sharp(await quadrantPng()).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const image = await decodeImage(bytes, 'rotated.jpg');
    expect([image.width, image.height]).toEqual([48, 64]);
    // Rotating clockwise moves the bottom-left (blue) quadrant to the top-left.
    const q = quadrants(image);
    expect(near(q.tl, BLUE, 12), `${q.tl}`).toBe(true);
    expect(near(q.tr, RED, 12), `${q.tr}`).toBe(true);
  });

  it('converts CMYK to sRGB', async () => {
    const bytes = await sharp(await quadrantPng()).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(bytes).metadata()).space).toBe('cmyk');
    const image = await decodeImage(bytes, 'cmyk.jpg');
    expect(near(quadrants(image).br, WHITE, 16)).toBe(true);
    expect(quadrants(image).tl[0]).toBeGreaterThan(200);
  });

  it('reduces 16-bit and greyscale to 8-bit RGB', async () => {
    const sixteen = await sharp(await quadrantPng()).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(sixteen).metadata()).depth).toBe('ushort');
    const image = await decodeImage(sixteen, 'deep.png');
    expect(image.data.length).toBe(64 * 48 * 3);
    expect(near(quadrants(image).tl, RED, 1)).toBe(true);

    const grey = await sharp(await quadrantPng()).greyscale().png().toBuffer();
    const greyImage = await decodeImage(grey, 'grey.png');
    expect(greyImage.channels).toBe(3);
    const [r, g, b] = quadrants(greyImage).br;
    expect(r).toBe(g);
    expect(g).toBe(b);
  });

  it('puts transparency on white', async () => {
    const transparent = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const image = await decodeImage(transparent, 'clear.png');
    expect(pixelAt(image, 10, 10)).toEqual(WHITE);
  });

  it('takes the first frame of an animated GIF', async () => {
    const frames = await sharp({ create: { width: 10, height: 20, channels: 3, background: '#ff0000' } })
      .composite([{ input: { create: { width: 10, height: 10, channels: 3, background: '#0000ff' } }, top: 10, left: 0 }])
      .gif()
      .toBuffer();
    // Stack a red frame over a blue one as two pages of one GIF.
    const animated = await sharp(frames, { animated: true }).gif().toBuffer();
    const image = await decodeImage(animated, 'anim.gif');
    expect(image.height).toBe(20);
  });
});

describe('decodeImage on bad input', () => {
  it('names the file when a JPEG 2000 layout cannot be decoded (an ICNS holding only RGBA JPEG 2000)', async () => {
    await expect(decodeImage(await read('icon-256.icns'), 'icon-256.icns')).rejects.toMatchObject({
      code: 'image-corrupt',
      message: /icon-256\.icns.*JPEG 2000/,
    });
  });

  it('refuses an empty file by name', async () => {
    await expect(decodeImage(new Uint8Array(), 'empty.png')).rejects.toMatchObject({ code: 'image-empty', message: /empty\.png/ });
  });

  it('says what a non-image is', async () => {
    await expect(decodeImage(Buffer.from('%PDF-1.7\n...'), 'scan.png')).rejects.toMatchObject({
      code: 'image-not-an-image',
      message: /scan\.png.*PDF/,
    });
    await expect(decodeImage(Buffer.from('hello world\n'), 'notes.jpg')).rejects.toMatchObject({ message: /notes\.jpg.*text/ });
    await expect(decodeImage(Buffer.from([0, 1, 2, 3, 250, 251, 252]), 'blob.webp')).rejects.toMatchObject({ code: 'image-not-an-image' });
  });

  it('reads a file by its content, whatever its name says', async () => {
    const jpeg = await sharp(await quadrantPng()).jpeg().toBuffer();
    const image = await decodeImage(jpeg, 'really-a-jpeg.png');
    expect(image.format).toBe('jpeg');
  });

  const truncations: Array<[string, () => Promise<Buffer>]> = [
    ['png', async () => sharp(await quadrantPng()).png().toBuffer()],
    ['jpeg', async () => sharp(await quadrantPng()).jpeg().toBuffer()],
    ['bmp', () => read('bmp-24.bmp')],
    ['sgi', () => read('image-rle.sgi')],
    ['jp2', () => read('image.jp2')],
    ['icns', () => read('icon-rle.icns')],
    ['ico', () => read('icon.ico')],
  ];
  it.each(truncations)('refuses a truncated %s with a message naming the file', async (format, make) => {
    const whole = await make();
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    await expect(decodeImage(cut, `cut.${format}`)).rejects.toMatchObject({
      code: 'image-corrupt',
      message: expect.stringContaining(`cut.${format}`),
    });
  });

  it('refuses a 40000 x 40000 PNG bomb fast, from its header', async () => {
    // A real PNG of that size, all one colour, compresses to a few MB; building it takes a while, so fake only the size.
    const small = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer();
    const bomb = Buffer.from(small);
    bomb.writeUInt32BE(40000, 16);
    bomb.writeUInt32BE(40000, 20);
    const started = performance.now();
    await expect(decodeImage(bomb, 'bomb.png')).rejects.toMatchObject({ code: 'image-too-many-pixels', message: /bomb\.png.*40000 x 40000/ });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a BMP that claims a huge size before allocating', async () => {
    const bmp = Buffer.from(await read('bmp-24.bmp'));
    bmp.writeInt32LE(60000, 18);
    bmp.writeInt32LE(60000, 22);
    await expect(decodeImage(bmp, 'huge.bmp')).rejects.toMatchObject({ code: 'image-too-many-pixels' });
  });
});

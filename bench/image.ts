/** The image pipeline against decode alone, and what preparing saves against uploading the original. */
import sharp from 'sharp';
import { base64Length } from '../main/image/encode.ts';
import { prepareImage } from '../main/image/prepare.ts';
import { DEFAULT_PIXEL_BOUNDS, imageTokens, smartResize } from '../main/image/smart-resize.ts';
import { phonePhoto, screenshot4k, smallCrop } from './samples.ts';
import { measure, ms, ratio, table } from './stats.ts';

export async function benchPipeline(): Promise<string> {
  const png = await screenshot4k();
  const decode = await measure(9, () => sharp(png).raw().toBuffer());
  const pipeline = await measure(9, () => prepareImage(png, { file: '4k.png' }));
  const noThumb = await measure(9, () => prepareImage(png, { file: '4k.png', thumbnail: false }));
  return [
    'Image pipeline on a 3840 x 2160 screenshot PNG (median of 9; goal: pipeline within 1.5x of decode alone)',
    table([
      ['step', 'median', 'p95', 'vs decode'],
      ['decode alone (baseline)', ms(decode.median), ms(decode.p95), '1.00x'],
      ['decode+orient+resize+encode+thumbnail', ms(pipeline.median), ms(pipeline.p95), ratio(pipeline.median, decode.median)],
      ['same, no thumbnail', ms(noThumb.median), ms(noThumb.p95), ratio(noThumb.median, decode.median)],
    ]),
  ].join('\n');
}

export async function benchUpload(): Promise<string> {
  const samples: Array<[string, Buffer]> = [
    ['4K screenshot (PNG)', await screenshot4k()],
    ['phone photo 4032x3024 (JPEG)', await phonePhoto()],
    ['small crop 640x180 (PNG)', await smallCrop()],
  ];
  const rows = [['image', 'original bytes*', 'sent bytes*', 'bytes ratio', 'tokens at full size', 'tokens sent', 'tokens ratio']];
  for (const [name, bytes] of samples) {
    const meta = await sharp(bytes).metadata();
    const prepared = await prepareImage(bytes, { file: name, thumbnail: false });
    const fullSize = smartResize(meta.height!, meta.width!, { ...DEFAULT_PIXEL_BOUNDS, maxPixels: Number.MAX_SAFE_INTEGER });
    const fullTokens = imageTokens(fullSize.width, fullSize.height, DEFAULT_PIXEL_BOUNDS.factor);
    rows.push([
      name,
      String(base64Length(bytes.length)),
      String(base64Length(prepared.sentBytes)),
      ratio(prepared.sentBytes, bytes.length),
      String(fullTokens),
      String(prepared.imageTokens),
      ratio(prepared.imageTokens, fullTokens),
    ]);
  }
  return [
    'Upload size and image tokens: prepared image against the original file as is (factor 28, max_pixels 1003520)',
    table(rows),
    '* as base64 in the data URL. "Tokens at full size": the original at its own resolution on the 28-pixel grid, what a',
    '  server without a pixel cap would bill; with the documented default cap the server bills what we send, but only',
    '  after receiving the full upload.',
  ].join('\n');
}

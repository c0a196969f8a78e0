/** Size checks that cannot be fooled (bad-input review H2, M1). */
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../main/image/decode.ts';
import { icoDirectoryBomb, jp2WithDecoySize } from '../../fixtures/hostile/generate.ts';

describe('hostile headers', () => {
  it('H2: an icon directory of 65,535 entries is refused at once; 200 entries to one bitmap decode one image', async () => {
    await expect(decodeImage(icoDirectoryBomb(65_535), 'bomb.ico')).rejects.toMatchObject({ code: 'image-corrupt', message: expect.stringMatching(/claims 65535 images/) });
    const image = await decodeImage(icoDirectoryBomb(200), 'many.ico');
    expect([image.width, image.height]).toEqual([256, 256]);
  });

  it('M1: the JPEG 2000 size comes from the codestream that is decoded, not from a decoy marker before it', async () => {
    await expect(decodeImage(jp2WithDecoySize(10_240, 10_240), 'decoy.jp2')).rejects.toMatchObject({ code: 'image-too-many-pixels' });
  });
});

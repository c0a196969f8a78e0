/** The protocol server for a whole test file, with the fixture prepared as an engine receives it. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { prepareImage, type PreparedImage } from '../../main/image/prepare.ts';
import { DashScopeServer } from './dashscope-server.ts';
import { fixture } from './paths.ts';

export const TEST_KEY = 'sk-test-valid-key-0001';

/** Starts the server before the file's tests (fresh script before each) and stops it after; `image()` is en-zh.png prepared. */
export function useProtocolServer(): { server: DashScopeServer; image: () => PreparedImage } {
  const server = new DashScopeServer();
  let image: PreparedImage | undefined;
  beforeAll(async () => {
    await server.start();
    image = await prepareImage(await readFile(fixture('text/en-zh.png')), { file: 'en-zh.png', bounds: { factor: 32, minPixels: 3136, maxPixels: 1003520 } });
  });
  afterAll(() => server.stop());
  beforeEach(() => server.script());
  return {
    server,
    image: () => {
      if (!image) throw new Error('useProtocolServer: the image is ready only inside tests');
      return image;
    },
  };
}

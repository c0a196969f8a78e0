/**
 * Adapter: `--self-test` in the running app (app/self-test.ts decides what it reads and what it answers). The offline
 * engine runs as it does for a capture, its worker and models loaded from the package; the image is read with Node's
 * fs, which Electron patches to read inside app.asar (docs/tutorial/asar-archives.md, "Node API").
 */
import { readFile } from 'node:fs/promises';
import { app } from 'electron';
import { LocalEngine } from '../ocr/local.ts';
import { selfTest, selfTestImage, type SelfTestRequest } from '../app/self-test.ts';

/** Reads the image, writes the report to stdout, and resolves to the exit code. */
export async function runSelfTest(request: SelfTestRequest): Promise<number> {
  const engine = new LocalEngine();
  try {
    return await selfTest(
      {
        readFile: async (path) => new Uint8Array(await readFile(path)),
        recognize: async (bytes) => {
          // The worker decodes the file itself (sharp); the sizes are the engine's to find.
          const result = await engine.recognize({ data: Buffer.from(bytes), mime: 'image/png', sentWidth: 0, sentHeight: 0 }, { prompt: '', bounds: engine.pixelBounds() }, () => undefined);
          return result.text;
        },
        write: (line) => process.stdout.write(`${line}\n`),
      },
      selfTestImage(request, app.getAppPath()),
      request.expected,
    );
  } finally {
    await engine.close().catch(() => undefined);
  }
}

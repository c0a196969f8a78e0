/**
 * Run under --import ./test/support/no-network.ts (test/main/languages/tesseract.test.ts): `reader FOLDER MODEL PNG`
 * reads a line with a pack as the app does and prints its text; `default` starts tesseract.js as its docs show it
 * (no langPath: trained data from its CDN) and prints the error that brings, to prove the guard reaches its worker.
 */
import { readFileSync } from 'node:fs';
import Tesseract from 'tesseract.js';
import { TesseractLines } from '../../main/languages/tesseract.ts';

const [mode, folder, model, png] = process.argv.slice(2);
if (mode === 'reader') {
  const lines = await TesseractLines.load(folder!, model!, false);
  process.stdout.write(JSON.stringify(await lines.read(readFileSync(png!))));
  await lines.close();
} else {
  const error = await new Promise<string>((resolve) => {
    void Tesseract.createWorker('kor', Tesseract.OEM.LSTM_ONLY, { cacheMethod: 'none', errorHandler: (data: unknown) => resolve(String(data)) }).then(() => resolve('no error'));
  });
  process.stdout.write(JSON.stringify({ error }));
  process.exit(0);
}

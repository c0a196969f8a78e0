/**
 * Run as a child process: prepares the named hostile files (all at once) the way the pipeline does for the offline
 * engine, and prints the process's peak RSS in MB. Memory is only measurable per process.
 */
import { prepareImage } from '../../main/image/prepare.ts';
import { bmpRleBomb, j2kSizeLie, pngBomb, sgiRleBomb } from '../fixtures/hostile/generate.ts';

const MAKERS: Record<string, () => Uint8Array> = {
  png: () => pngBomb(10_000, 10_000),
  bmp: () => bmpRleBomb(10_000, 10_000),
  sgi: () => sgiRleBomb(10_000, 10_000),
  j2k: () => j2kSizeLie(10_000, 10_000),
};

const names = process.argv.slice(2);
await Promise.all(
  names.map((name) => prepareImage(MAKERS[name]!(), { file: `${name}-bomb`, bounds: { factor: 4, minPixels: 3136, maxPixels: 3840 * 2160 } }).catch(() => undefined)),
);
process.stdout.write(`${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);

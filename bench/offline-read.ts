/**
 * One engine reading one image in a process of its own, for the offline bench's memory and cold-start figures:
 * `node bench/offline-read.ts ours|baseline FILE` prints {text, ms, maxRssMb} as JSON. "ours" is the pipeline the app
 * runs (local-handler.ts, as its worker does, without the worker around it); "baseline" is the engine it
 * replaced (@gutenye/ocr-node on the same models), kept as a devDependency for this comparison.
 */
import { readFileSync } from 'node:fs';
import type { LocalLine } from '../main/ocr/local-protocol.ts';
import { linesToText } from '../main/ocr/local.ts';

export type Reader = (png: Buffer) => Promise<LocalLine[]>;

export async function oursReader(): Promise<Reader> {
  const { handleLocalRequest } = await import('../main/ocr/local-handler.ts');
  return async (png) => {
    const response = await handleLocalRequest({ id: 0, image: png });
    if (!response.ok) throw new Error(response.message);
    return response.lines;
  };
}

export async function baselineReader(): Promise<Reader> {
  const { default: Ocr } = await import('@gutenye/ocr-node');
  const ocr = await Ocr.create();
  return async (png) => (await ocr.detect(png)) as LocalLine[];
}

/**
 * This process's own peak: VmHWM starts afresh at exec, where getrusage's maxRSS keeps the spawning parent's
 * high-water mark on Linux (a bench that has just read a 4K frame in-process would be measured instead).
 */
function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return status ? Number(status[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

if (import.meta.main) {
  const [which, file] = process.argv.slice(2);
  const started = performance.now();
  const read = await (which === 'baseline' ? baselineReader() : oursReader());
  const text = linesToText(await read(readFileSync(file!)));
  process.stdout.write(JSON.stringify({ text, ms: performance.now() - started, maxRssMb: peakRssMb() }) + '\n');
}

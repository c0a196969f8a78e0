/**
 * What scanning for codes adds to the pipeline on a 4K frame (goal: at most 60 ms): the same image through
 * recognizeImage with and without the scan, as the app runs it (the scan in the offline engine's worker thread,
 * beside the reading). Two engines: the offline one, and Qwen through the local protocol server answering at the
 * pace of a real stream (a chunk every 40 ms). Baseline: the pipeline alone, in the same run.
 */
import bwipjs from 'bwip-js';
import sharp from 'sharp';
import type { OcrEngine } from '../main/ocr/engine.ts';
import { LocalEngine } from '../main/ocr/local.ts';
import { QwenEngine } from '../main/ocr/qwen.ts';
import { recognizeImage } from '../main/recognize.ts';
import { DashScopeServer } from '../test/support/dashscope-server.ts';
import { screenshot4k } from './samples.ts';
import { ms, summarize, table } from './stats.ts';

async function frameWithCode(): Promise<Buffer> {
  const qr = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'https://example.org/meeting/2026-11-29', scale: 4, paddingwidth: 8, paddingheight: 8, backgroundcolor: 'FFFFFF' });
  return sharp(await screenshot4k()).composite([{ input: qr, left: 3000, top: 1300 }]).png().toBuffer();
}

export async function benchCodes(): Promise<string> {
  const frame = await frameWithCode();
  const scanner = new LocalEngine({ host: 'thread' });
  const server = await new DashScopeServer().start();
  server.validKeys.add('sk-bench');
  const streamed = 'Readout meeting notes, line by line, as a 4K frame of text streams back. '.repeat(12);
  const engines: Array<[string, OcrEngine, () => void]> = [
    ['offline engine', scanner, () => undefined],
    ['Qwen (local protocol server, streamed)', new QwenEngine({ baseURL: server.baseURL, apiKey: 'sk-bench', api: 'native' }), () => server.script(...Array.from({ length: 20 }, () => ({ kind: 'ok' as const, text: streamed, chunkSize: 40, chunkDelayMs: 40 })))],
  ];
  const rows: string[][] = [];
  try {
    for (const [name, engine, script] of engines) {
      script();
      const run = async (scan: boolean): Promise<number> => {
        const started = performance.now();
        const outcome = await recognizeImage(frame, '4k.png', { engine, prompt: '', source: { kind: 'file', path: '4k.png', name: '4k.png' }, scanCodes: scan ? (bytes) => scanner.scanCodes(bytes) : undefined });
        if (!outcome.ok) throw outcome.error;
        if (scan && outcome.result.codes?.length !== 1) throw new Error(`bench codes: expected the frame's one code, found ${outcome.result.codes?.length}`);
        return performance.now() - started;
      };
      await run(true);
      const alone: number[] = [];
      const withScan: number[] = [];
      // Interleaved, so the machine's noise falls on both alike.
      for (let i = 0; i < 5; i++) {
        alone.push(await run(false));
        withScan.push(await run(true));
      }
      const a = summarize(alone);
      const b = summarize(withScan);
      rows.push([name, ms(a.median), ms(b.median), ms(b.median - a.median)]);
    }
  } finally {
    await scanner.close();
    await server.stop();
  }
  return [
    'Codes: a 3840x2160 frame with one QR code, through the pipeline with and without the scan (median of 5, interleaved; goal: adds at most 60 ms)',
    table([['engine', 'pipeline alone', 'with the scan', 'added'], ...rows]),
  ].join('\n');
}

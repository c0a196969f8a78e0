/**
 * The WebAssembly memory maximum written into PDFium's module (main/pdf/pdfium/memory-limit.ts): whatever limit is
 * asked, the module stays valid, nothing but the maximum changes, and the memory cannot grow past it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryLimits, withMemoryLimit } from '../../../main/pdf/pdfium/memory-limit.ts';

const PAGE = 65536;

/** A module with one memory (1 page, max 32768 written in 3 LEB128 bytes, as Emscripten writes it), exported as "m". */
function tinyModule(): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x05, 0x06, 0x01, 0x01, 0x01, 0x80, 0x80, 0x02,
    0x07, 0x05, 0x01, 0x01, 0x6d, 0x02, 0x00,
  ]);
}

const differing = (a: Uint8Array, b: Uint8Array): number[] => [...a.keys()].filter((i) => a[i] !== b[i]);

describe('the memory limit written into a WebAssembly module', () => {
  it('reads PDFium’s own limits: 2 GB at most before, what was asked after', () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm'));
    const before = memoryLimits(wasm)!;
    expect(before.maxPages).toBe(32768);
    const patched = withMemoryLimit(wasm, 384 * 2 ** 20);
    expect(memoryLimits(patched)).toMatchObject({ initialPages: before.initialPages, maxPages: (384 * 2 ** 20) / PAGE });
    expect(WebAssembly.validate(patched)).toBe(true);
    expect(differing(wasm, patched).every((i) => i >= before.maxAt && i < before.maxAt + before.maxLength)).toBe(true);
  });

  it('for any limit: a valid module whose memory grows to that many pages and not one more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (bytes) => {
        const original = tinyModule();
        const patched = withMemoryLimit(original, bytes);
        const pages = Math.max(1, Math.min(32768, Math.floor(bytes / PAGE)));
        if (!WebAssembly.validate(patched) || memoryLimits(patched)?.maxPages !== pages) return false;
        if (differing(original, patched).some((i) => i < 13 || i > 15)) return false;
        const memory = new WebAssembly.Instance(new WebAssembly.Module(patched)).exports.m as WebAssembly.Memory;
        // Growing to the limit is not tried for large ones (it would take the memory); one page past it always fails.
        if (pages < 64) memory.grow(pages - 1);
        else memory.grow(0);
        try {
          memory.grow(pages - (memory.buffer.byteLength / PAGE) + 1);
          return false;
        } catch (error) {
          return error instanceof RangeError;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a module that is not WebAssembly or has no maximum of its own', () => {
    expect(() => withMemoryLimit(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 2 ** 20)).toThrow(/not a WebAssembly module/);
    const noMax = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01]);
    expect(() => withMemoryLimit(noMax, 2 ** 20)).toThrow(/no memory maximum/);
  });
});

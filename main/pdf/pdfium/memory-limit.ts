/**
 * The most memory a WebAssembly module may ever hold, written into the module itself. PDFium's build
 * (@embedpdf/pdfium) defines its own memory, growable to 2 GB (32768 pages of 64 KiB). A decompression bomb in a PDF
 * grows it page by page; the engine is given a smaller maximum instead, and past it `memory.grow` fails, malloc
 * returns null and PDFium stops (its allocator aborts, a trap the worker reports as that page's error). The bound
 * holds inside the engine, whatever the page asks, and no other memory of the process is touched.
 *
 * The binary format (WebAssembly Core Specification 2.0, 5.5.8 "Memory Section" and 5.3.8 "Limits"): section id 5,
 * a u32 count, then each memory's limits: flag 0x00 (min) or 0x01 (min, max), each a u32 in LEB128. LEB128 may be
 * padded with 0x80 continuation bytes up to 5 bytes for a u32 (5.2.2 "Integers"), so the maximum is rewritten in
 * exactly the bytes it took, and nothing else in the module moves.
 */

const WASM_PAGE = 65536;

interface Leb {
  value: number;
  end: number;
}

function readU32(bytes: Uint8Array, at: number): Leb {
  let value = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && i < at + 5; i++) {
    value += (bytes[i]! & 0x7f) * 2 ** shift;
    shift += 7;
    if ((bytes[i]! & 0x80) === 0) return { value, end: i + 1 };
  }
  throw new Error('the WebAssembly module is damaged (an integer runs past its end)');
}

/** `value` as LEB128 in exactly `length` bytes (padded with continuation bytes). */
function writeU32(bytes: Uint8Array, at: number, length: number, value: number): void {
  let rest = value;
  for (let i = 0; i < length; i++) {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    bytes[at + i] = i < length - 1 ? low | 0x80 : low;
  }
  if (rest !== 0) throw new Error(`${value} does not fit in ${length} LEB128 bytes`);
}

/** The module's one memory's limits and where its maximum is written; null when it has none of its own. */
export function memoryLimits(wasm: Uint8Array): { initialPages: number; maxPages: number | null; maxAt: number; maxLength: number } | null {
  if (wasm.length < 8 || wasm[0] !== 0x00 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error('not a WebAssembly module');
  }
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at]!;
    const size = readU32(wasm, at + 1);
    const start = size.end;
    if (id === 5) {
      const count = readU32(wasm, start);
      if (count.value !== 1) return null;
      const flag = wasm[count.end]!;
      const initial = readU32(wasm, count.end + 1);
      if ((flag & 1) === 0) return { initialPages: initial.value, maxPages: null, maxAt: initial.end, maxLength: 0 };
      const max = readU32(wasm, initial.end);
      return { initialPages: initial.value, maxPages: max.value, maxAt: initial.end, maxLength: max.end - initial.end };
    }
    at = start + size.value;
  }
  return null;
}

/**
 * A copy of `wasm` whose memory can grow to at most `maxBytes` (rounded down to whole pages, never below its initial
 * size). Throws when the module imports its memory or declares no maximum (no room to write one in place).
 */
export function withMemoryLimit(wasm: Uint8Array, maxBytes: number): Uint8Array<ArrayBuffer> {
  const limits = memoryLimits(wasm);
  if (!limits || limits.maxPages === null) throw new Error('the WebAssembly module has no memory maximum of its own to lower');
  const pages = Math.max(limits.initialPages, Math.min(limits.maxPages, Math.floor(maxBytes / WASM_PAGE)));
  const patched = new Uint8Array(wasm);
  writeU32(patched, limits.maxAt, limits.maxLength, pages);
  return patched;
}

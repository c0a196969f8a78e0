/**
 * Cuts request lines into input files at the documented limits (limits.ts): at most so many lines and so many bytes a
 * file, each line ending in "\n". Lines stay in their order; a line too long for any file is said, never cut. The
 * cutter takes one line's size at a time, so a submission writes each line to its file as it is made and never holds
 * thousands of images in memory.
 */
import { MAX_BYTES_PER_FILE, MAX_BYTES_PER_LINE, MAX_LINES_PER_FILE } from './limits.ts';

export interface SplitLimits {
  lines: number;
  fileBytes: number;
  lineBytes: number;
}

export const DOCUMENTED_LIMITS: SplitLimits = { lines: MAX_LINES_PER_FILE, fileBytes: MAX_BYTES_PER_FILE, lineBytes: MAX_BYTES_PER_LINE };

/** The UTF-8 size of a line with its line break. */
export const lineBytes = (line: string): number => Buffer.byteLength(line, 'utf8') + 1;

export class LineCutter {
  readonly #limits: SplitLimits;
  #file = -1;
  #lines = 0;
  #bytes = 0;

  constructor(limits: SplitLimits = DOCUMENTED_LIMITS) {
    this.#limits = limits;
  }

  /** The file (0, 1, ...) the next line of `size` bytes (its line break counted) goes into; null when no file can hold it. */
  place(size: number): number | null {
    if (size > this.#limits.lineBytes || size > this.#limits.fileBytes) return null;
    if (this.#file < 0 || this.#lines >= this.#limits.lines || this.#bytes + size > this.#limits.fileBytes) {
      this.#file++;
      this.#lines = 0;
      this.#bytes = 0;
    }
    this.#lines++;
    this.#bytes += size;
    return this.#file;
  }

  /** How many files have been started. */
  get files(): number {
    return this.#file + 1;
  }
}

/** Groups of indices into `lines`, one per file, in order; `tooLong`: the lines past the line limit, in no group. */
export function splitLines(lines: readonly string[], limits: SplitLimits = DOCUMENTED_LIMITS): { files: number[][]; tooLong: number[] } {
  const cutter = new LineCutter(limits);
  const files: number[][] = [];
  const tooLong: number[] = [];
  for (const [index, line] of lines.entries()) {
    const file = cutter.place(lineBytes(line));
    if (file === null) tooLong.push(index);
    else (files[file] ??= []).push(index);
  }
  return { files, tooLong };
}

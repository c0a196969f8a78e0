/**
 * A PDF written to a file an object at a time (PDF 32000-1:2008, 7.5: header, body, cross-reference table, trailer).
 * Nothing but each object's byte offset is kept, so a document of any length is written in the memory of its largest
 * object: pdf-lib (and pdfkit with its page buffer) build the whole document first (bad-input review 2, H5).
 * Streams whose length is not known when they start (a page's text, pushed in pieces) take an indirect /Length written
 * after them (7.3.8.2 allows it), so no piece is held back to count it.
 */
import type { FileHandle } from 'node:fs/promises';

/** An indirect reference to an object, written `N 0 R`. */
export class Ref {
  readonly number: number;
  constructor(number: number) {
    this.number = number;
  }
  toString(): string {
    return `${this.number} 0 R`;
  }
}

/** Bytes are gathered up to this size before a write: a syscall per operator would be slow. */
const FLUSH_AT = 256 * 1024;

export class PdfWriter {
  readonly #file: FileHandle;
  readonly #offsets: number[] = [];
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #position = 0;
  #next = 1;

  private constructor(file: FileHandle) {
    this.#file = file;
  }

  /** Starts a PDF in an open file: the header, and a comment of high bytes that marks the file as binary (7.5.2). */
  static async start(file: FileHandle): Promise<PdfWriter> {
    const writer = new PdfWriter(file);
    await writer.#write('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1');
    return writer;
  }

  /** A number for an object written later (the page tree, which lists pages not yet written). */
  reserve(): Ref {
    return new Ref(this.#next++);
  }

  /** Writes a dictionary or other object; `ref` where it was reserved. */
  async object(body: string, ref: Ref = this.reserve()): Promise<Ref> {
    await this.#begin(ref);
    await this.#write(`${body}\nendobj\n`, 'latin1');
    return ref;
  }

  /** Writes a stream whose bytes are all at hand: `dictionary` without its /Length, which is added. */
  async stream(dictionary: string, data: Uint8Array, ref: Ref = this.reserve()): Promise<Ref> {
    await this.#begin(ref);
    await this.#write(`<< ${dictionary} /Length ${data.length} >>\nstream\n`, 'latin1');
    await this.#bytes(data);
    await this.#write('\nendstream\nendobj\n', 'latin1');
    return ref;
  }

  /** Writes a stream from pieces as they come, its length an object of its own after it. */
  async pieces(dictionary: string, pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, ref: Ref = this.reserve()): Promise<Ref> {
    const length = this.reserve();
    await this.#begin(ref);
    await this.#write(`<< ${dictionary} /Length ${length} >>\nstream\n`, 'latin1');
    let count = 0;
    for await (const piece of pieces) {
      count += piece.length;
      await this.#bytes(piece);
    }
    await this.#write('\nendstream\nendobj\n', 'latin1');
    await this.object(String(count), length);
    return ref;
  }

  /** The cross-reference table and trailer (7.5.4, 7.5.5): every object's offset, in order of number. */
  async finish(root: Ref, info: Ref | null): Promise<void> {
    const start = this.#position;
    const lines = [`xref\n0 ${this.#next}\n`, '0000000000 65535 f \n'];
    for (let number = 1; number < this.#next; number++) {
      const offset = this.#offsets[number];
      if (offset === undefined) throw new Error(`PDF object ${number} was reserved but never written`);
      lines.push(`${String(offset).padStart(10, '0')} 00000 n \n`);
    }
    await this.#write(lines.join(''), 'latin1');
    await this.#write(`trailer\n<< /Size ${this.#next} /Root ${root}${info ? ` /Info ${info}` : ''} >>\nstartxref\n${start}\n%%EOF\n`, 'latin1');
    await this.#flush();
  }

  async #begin(ref: Ref): Promise<void> {
    if (this.#offsets[ref.number] !== undefined) throw new Error(`PDF object ${ref.number} written twice`);
    this.#offsets[ref.number] = this.#position;
    await this.#write(`${ref.number} 0 obj\n`, 'latin1');
  }

  #write(text: string, encoding: 'latin1'): Promise<void> {
    return this.#bytes(Buffer.from(text, encoding));
  }

  async #bytes(data: Uint8Array): Promise<void> {
    this.#pending.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    this.#pendingBytes += data.byteLength;
    this.#position += data.byteLength;
    if (this.#pendingBytes >= FLUSH_AT) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#pendingBytes === 0) return;
    const chunk = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    let written = 0;
    while (written < chunk.length) written += (await this.#file.write(chunk, written)).bytesWritten;
  }
}

/** A PDF string of bytes as hexadecimal (7.3.4.3): safe for any bytes, no escapes to get wrong. */
export const hexString = (bytes: Uint8Array): string => `<${Buffer.from(bytes).toString('hex').toUpperCase()}>`;

/**
 * A number as a PDF real (7.3.3): decimal only (no exponent, which PDF has not), at most three places. Non-finite
 * numbers have no PDF form at all (bad-input review 2, L2): callers clamp or skip first, and this refuses them.
 */
export function real(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) > 1e9) throw new RangeError(`${value} cannot be written as a PDF number`);
  const fixed = value.toFixed(3).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

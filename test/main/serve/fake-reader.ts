/** A stand-in for the FileReader: answers a report it is given, and counts the readings in hand. */
import type { Source } from '../../../main/history/types.ts';
import type { FileReport } from '../../../main/reading/report.ts';
import type { ReadPort } from '../../../main/serve/ports.ts';

export function report(overrides: Partial<FileReport> = {}): FileReport {
  return {
    file: 'api', ok: true, text: 'hello world', engine: 'local', model: 'ppocr', sourceFormat: 'png', width: 200, height: 50, sentWidth: 200, sentHeight: 50,
    sentBytes: 100, imageTokens: null, usage: null, cost: null, requestId: null, durationMs: 1, entryId: null, error: null, confidence: 0.9,
    words: [{ text: 'hello world', box: [[10, 10], [120, 10], [120, 30], [10, 30]], confidence: 0.95 }], codes: [], warnings: [], translation: null, page: null, pages: null,
    ...overrides,
  };
}

export class FakeReader implements ReadPort {
  readonly engine = { name: 'local', model: 'ppocr' };
  inHand = 0;
  mostInHand = 0;
  readonly calls: Array<{ bytes: Uint8Array; file: string; source: Source }> = [];
  /** While set, each reading waits for it. */
  hold: Promise<void> | null = null;
  answer: (bytes: Uint8Array, file: string) => FileReport[] = (_bytes, file) => [report({ file })];
  #started: Array<() => void> = [];

  async read(bytes: Uint8Array, file: string, source: Source): Promise<FileReport[]> {
    this.calls.push({ bytes, file, source });
    this.inHand++;
    this.mostInHand = Math.max(this.mostInHand, this.inHand);
    for (const started of this.#started.splice(0)) started();
    try {
      if (this.hold) await this.hold;
      return this.answer(bytes, file);
    } finally {
      this.inHand--;
    }
  }

  /** Resolves once `count` readings have started. */
  async started(count: number): Promise<void> {
    while (this.calls.length < count) await new Promise<void>((resolve) => this.#started.push(resolve));
  }
}

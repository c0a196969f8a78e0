/**
 * One user action, one batch: the files of one Open, one drop, one second launch; one capture, one paste. The
 * clipboard and the notification act once per batch (review M2: a 13-file drop once wrote the clipboard 13 times and
 * sent 13 notifications), and the window counts progress per batch.
 */
import { randomUUID } from 'node:crypto';

export interface BatchRef {
  id: string;
  size: number;
}

export interface BatchOutcome {
  size: number;
  /** Each job's text in the order the files were given; null where it failed or was cancelled. */
  texts: Array<string | null>;
  failed: number;
}

interface OpenBatch {
  joined: number;
  settled: number;
  texts: Array<string | null>;
}

export class Batches {
  readonly #open = new Map<string, OpenBatch>();

  /** A batch made in the main process (the open dialog, a capture, a retry). */
  create(size: number): BatchRef {
    return { id: randomUUID(), size };
  }

  /** A job joins its batch; returns its place in it (the order the user gave the files in). */
  join(batch: BatchRef): number {
    let open = this.#open.get(batch.id);
    if (!open) {
      open = { joined: 0, settled: 0, texts: new Array<string | null>(batch.size).fill(null) };
      this.#open.set(batch.id, open);
    }
    return open.joined++;
  }

  /** One job ended; once the batch's last job has, its outcome (and the batch is forgotten). */
  settle(batch: BatchRef, index: number, text: string | null): BatchOutcome | null {
    const open = this.#open.get(batch.id);
    if (!open) return null;
    open.texts[index] = text;
    open.settled++;
    if (open.settled < batch.size) return null;
    this.#open.delete(batch.id);
    return { size: batch.size, texts: open.texts, failed: open.texts.filter((t) => t === null).length };
  }
}

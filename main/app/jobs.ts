/**
 * Every recognition the app runs, whatever its source (the open dialog, a drop or paste, a second launch, a capture,
 * Retry, Run again), as a job in one queue: two at a time, each cancellable. A job loads its bytes, goes down the
 * pipeline (recognize.ts; a PDF page by page, document-job.ts), and ends its batch: the clipboard and the
 * notification act once per user action (batches.ts). Whatever fails is kept in the history and said to the window.
 */
import { basename } from 'node:path';
import { MAX_DROPPED_BYTES, type DroppedImage, type ErrorView, type JobTicket, type RerunOptions } from '../../preload/api.ts';
import { clipboardText } from '../codes/code.ts';
import { errorCode, errorMessage, ReadoutError } from '../errors.ts';
import type { HistoryStore } from '../history/store.ts';
import type { Source } from '../history/types.ts';
import { JobQueue } from '../jobs/queue.ts';
import { retryEntry } from '../jobs/retry.ts';
import { promptForTask, taskOfMode } from '../ocr/tasks.ts';
import { isPdf } from '../pdf/sniff.ts';
import { readInputFile } from '../read-input.ts';
import { recognizeImage } from '../recognize.ts';
import type { Settings } from '../settings/schema.ts';
import { Batches, type BatchRef } from './batches.ts';
import { copied } from './clipboard.ts';
import { readDocument } from './document-job.ts';
import type { Engines } from './engines.ts';
import type { FailedAction } from './failure-notice.ts';
import { JobReport, type JobInfo } from './job-report.ts';
import { keepImagesAsSet } from './kept-images.ts';
import { CloudRead, fallbackReason, readOfflineInPlace, type InPlace, type InPlaceOutcome } from './offline-fallback.ts';
import type { PdfPasswords } from './passwords.ts';
import type { Confirmations } from './confirm.ts';
import type { AppPorts } from './services.ts';
import { toErrorView } from './views.ts';

type JobPorts = Pick<AppPorts, 'settings' | 'history' | 'dialogs' | 'clipboard' | 'notifyDone' | 'notifyFailed' | 'emit'>;

/** One job's failure, kept with its batch until the batch ends (a batch where all failed is said: review H3). */
interface JobFailure {
  entryId: number | null;
  error: ErrorView;
  name: string;
  capture: boolean;
}

/** A PDF whose password was not given: its bytes, kept for this session, so "Enter password…" can ask again (M7). */
interface LockedPdf {
  name: string;
  source: Source;
  bytes: Uint8Array;
}

/** The errors of a PDF that stayed locked. */
const LOCKED = new Set(['pdf-password', 'pdf-password-wrong']);

export class Jobs {
  readonly #ports: JobPorts;
  readonly #engines: Engines;
  readonly #passwords: PdfPasswords;
  readonly #queue = new JobQueue(2);
  readonly #batches = new Batches();
  readonly #failures = new Map<string, JobFailure[]>();
  /** The Qwen reading each job is waiting on now, for "Read offline instead". */
  readonly #cloud = new Map<number, CloudRead>();
  readonly #locked = new Map<number, LockedPdf>();

  readonly #confirmations: Confirmations | undefined;

  constructor(ports: JobPorts, engines: Engines, passwords: PdfPasswords, confirmations?: Confirmations) {
    this.#ports = ports;
    this.#engines = engines;
    this.#passwords = passwords;
    this.#confirmations = confirmations;
  }

  get #history(): HistoryStore {
    return this.#ports.history;
  }

  async openFiles(): Promise<JobTicket[]> {
    return this.recognizeFiles(await this.#ports.dialogs.openImages());
  }

  /** Files the user chose: in the open dialog, on the command line of a second launch, or in the Finder. */
  recognizeFiles(paths: string[]): JobTicket[] {
    const batch = this.#batches.create(paths.length);
    return paths.map((path) => this.#enqueue(basename(path), { kind: 'file', path, name: basename(path) }, () => readInputFile(path), { batch }));
  }

  /** A dropped or pasted image; a page cannot push more than MAX_DROPPED_BYTES through the bridge (it checks first). */
  recognizeImage(image: DroppedImage): JobTicket {
    if (image.bytes.length > MAX_DROPPED_BYTES) {
      throw new ReadoutError('image-too-large', `${image.name ?? 'The image'} is over 50 MB; save it and open it from disk instead.`);
    }
    const name = image.name ?? (image.source === 'clipboard' ? 'clipboard' : 'dropped image');
    const source: Source = image.source === 'clipboard' ? { kind: 'clipboard' } : { kind: 'drop', name: image.name };
    const bytes = new Uint8Array(image.bytes);
    return this.#enqueue(name, source, async () => bytes, { batch: image.batch ?? this.#batches.create(1) });
  }

  /**
   * Image bytes from inside the main process (a screen capture): the same queue and pipeline as a file. A capture
   * is what the user is waiting for, so its entry opens as it starts (`reveal`).
   */
  recognizeBytes(bytes: Uint8Array, name: string, source: Source, options: { reveal?: boolean } = {}): JobTicket {
    return this.#enqueue(name, source, async () => bytes, { batch: this.#batches.create(1), reveal: options.reveal ?? false });
  }

  /**
   * Reads a failed or cancelled entry again, in place. A file that could not be read has no stored image: it is read
   * from disk again, as a new entry in place of the failed one.
   */
  retry(entryId: number): JobTicket {
    const entry = this.#history.get(entryId);
    if (!entry) throw new ReadoutError('history-not-found', `There is no history entry ${entryId}.`);
    const locked = this.#locked.get(entryId);
    if (!entry.hasImage && locked) {
      // A PDF whose password was skipped: read again from the bytes kept, which asks for the password again.
      this.#locked.delete(entryId);
      this.#history.delete([entryId]);
      this.#ports.emit('history:changed', { ids: [entryId] });
      return this.#enqueue(locked.name, locked.source, async () => locked.bytes, { batch: this.#batches.create(1) });
    }
    if (!entry.hasImage) {
      if (entry.source.kind !== 'file') throw new ReadoutError('history-no-image', `Entry ${entryId} has no stored image to read again.`);
      this.#history.delete([entryId]);
      this.#ports.emit('history:changed', { ids: [entryId] });
      return this.recognizeFiles([entry.source.path])[0]!;
    }
    const name = entry.fileName ?? `#${entryId}`;
    const batch = this.#batches.create(1);
    const index = this.#batches.join(batch);
    const jobId = this.#queue.add(async (signal) => {
      const settings = this.#ports.settings.get();
      const engine = this.#engines.engine(settings);
      report.step('reading', entryId);
      const prompt = entry.prompt ?? promptForTask(this.#engines.taskRequest(settings));
      const task = this.#engines.taskRequest(settings, taskOfMode(entry.mode) ?? settings.task);
      const cloud = this.#cloudRead(jobId, signal);
      let outcome: { ok: true; result: { text: string } } | { ok: false; failure: ErrorView } = await retryEntry(this.#history, entryId, engine, {
        prompt,
        task,
        signal: cloud.signal,
        minPixels: settings.minPixels,
        maxPixels: settings.maxPixels,
        onDelta: (delta) => report.delta(entryId, delta),
        onWait: (wait) => report.wait(entryId, wait),
      }).catch((error: unknown) => ({ ok: false as const, failure: toErrorView(error) }));
      this.#cloud.delete(jobId);
      // As a first reading does: Qwen out of reach, or the user tired of waiting, and the offline engine reads it.
      const reason = outcome.ok ? null : fallbackReason(engine, outcome.failure.code, cloud, signal, settings.offlineFallback);
      if (reason !== null) {
        const offline = await this.#readOffline({ entryId, reason, prompt, task, signal }, settings, report);
        outcome = offline.ok ? offline : { ok: false, failure: offline.error };
      }
      report.changed([entryId]);
      if (outcome.ok) this.#afterEntry(entryId, settings);
      const failure = outcome.ok ? null : { entryId, error: outcome.failure, name, capture: entry.source.kind === 'region' };
      await this.#settle(batch, index, outcome.ok ? outcome.result.text : null, settings, failure);
      if (outcome.ok) report.step('done', entryId);
      else report.failed(entryId, outcome.failure);
    });
    // The job starts only after add() has returned (queue.ts), so its report exists by then.
    const report = this.#report({ jobId, name, batch, reveal: false });
    report.step('queued', entryId);
    return { jobId, name };
  }

  /** Reads a stored image again with another mode, model or engine, as a new entry: the old result stays. */
  rerun(entryId: number, options: RerunOptions): JobTicket {
    const entry = this.#history.get(entryId);
    const stored = this.#history.image(entryId);
    if (!entry || !stored?.image) throw new ReadoutError('history-no-image', `Entry ${entryId} has no stored image to read again.`);
    const image = stored.image;
    return this.#enqueue(entry.fileName ?? `#${entryId}`, entry.source, async () => image, { ...options, batch: this.#batches.create(1) });
  }

  cancel(jobId: number): boolean {
    return this.#queue.cancel(jobId);
  }

  /** Stops waiting for Qwen on this job; the offline engine reads its image in place (offline-fallback.ts). */
  readOffline(jobId: number): boolean {
    const read = this.#cloud.get(jobId);
    if (!read) return false;
    read.goOffline();
    return true;
  }

  /** A Qwen reading for the job, which "Read offline instead" can stop; forgotten when `done` runs. */
  #cloudRead(jobId: number, signal: AbortSignal): CloudRead {
    const read = new CloudRead(signal);
    this.#cloud.set(jobId, read);
    return read;
  }

  /** Every recognition, queued or running: each records itself as cancelled, and can be retried. */
  cancelAll(): void {
    this.#queue.cancelAll();
  }

  /** Whether a recognition is queued or running (updates are never installed then). */
  get busy(): boolean {
    return this.#queue.busy;
  }

  /** Waits for every queued recognition: for tests and for quitting cleanly. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /** The offline engine reads the entry in Qwen's place (review H4), with the reading's own prompt and pixel bounds. */
  #readOffline(job: Pick<InPlace, 'entryId' | 'reason' | 'prompt' | 'task' | 'signal'>, settings: Settings, report: JobReport): Promise<InPlaceOutcome> {
    return readOfflineInPlace({
      ...job,
      history: this.#history,
      engine: this.#engines.engine(settings, { engine: 'local' }),
      minPixels: settings.minPixels,
      maxPixels: settings.maxPixels,
      onDelta: (delta) => report.delta(job.entryId, delta),
      onWait: (wait) => report.wait(job.entryId, wait),
    });
  }

  #report(job: JobInfo): JobReport {
    return new JobReport(this.#ports.emit, this.#history, job);
  }

  /** What happens to one finished entry whatever its batch: its image kept or not, the history kept under its cap. */
  #afterEntry(entryId: number, settings: Settings): void {
    keepImagesAsSet(this.#history, entryId, settings);
  }

  /**
   * One job of a batch ended; after its last, the clipboard and the notification act once for all of it. A batch
   * where nothing was read is said too, with its first failure (review H3); one the user cancelled is not.
   */
  async #settle(batch: BatchRef, index: number, text: string | null, settings: Settings, failure: JobFailure | null = null): Promise<void> {
    if (failure) this.#failures.set(batch.id, [...(this.#failures.get(batch.id) ?? []), failure]);
    const outcome = this.#batches.settle(batch, index, text);
    if (!outcome) return;
    const failures = (this.#failures.get(batch.id) ?? []).filter((f) => f.error.code !== 'cancelled');
    this.#failures.delete(batch.id);
    const texts = outcome.texts.filter((t): t is string => t !== null);
    if (texts.length === 0) {
      const first = failures[0];
      // Reading it offline helps an entry Qwen failed that keeps its image.
      const entry = first && first.entryId !== null ? this.#history.get(first.entryId) : null;
      const offline = entry?.engine === 'qwen' && entry.hasImage;
      if (first) this.#ports.notifyFailed({ count: outcome.size, failed: failures.length, entryId: first.entryId, name: first.name, capture: first.capture, error: first.error, offline } satisfies FailedAction);
      return;
    }
    const joined = outcome.size === 1 ? texts[0]! : settings.batchClipboard === 'joined' ? texts.filter(Boolean).join('\n\n') : '';
    if (settings.copyToClipboard && joined && (await copied(this.#ports.clipboard, joined))) this.#ports.emit('ocr:copied', { count: texts.length });
    if (settings.showNotification) this.#ports.notifyDone({ text: texts[0]!, count: texts.length, failed: outcome.failed });
  }

  /** One image (or PDF) as a job: queued now, run when a slot is free, its batch settled whatever happens. */
  #enqueue(name: string, source: Source, load: () => Promise<Uint8Array>, options: RerunOptions & { batch: BatchRef; reveal?: boolean }): JobTicket {
    const { batch } = options;
    const reveal = options.reveal ?? false;
    const index = this.#batches.join(batch);
    const jobId = this.#queue.add(async (signal) => {
      const settings = this.#ports.settings.get();
      const engine = this.#engines.engine(settings, options);
      const task = this.#engines.taskRequest(settings, options.task);
      // A prompt of the user's own stands for the task chosen in Settings, not for one picked for this re-run.
      const custom = !options.task && settings.customPrompt?.trim() ? settings.customPrompt : null;
      const prompt = custom ?? promptForTask(task);
      let entryId: number | null = null;
      let bytes: Uint8Array | null = null;
      const capture = source.kind === 'region';
      /** The first failure of this job, for its batch (a PDF's pages may fail one by one). */
      let failure: JobFailure | null = null;
      const failed = (id: number | null, error: ErrorView): void => void (failure ??= { entryId: id, error, name, capture });
      /** A file that could not be read at all stays in the history as a failed entry, with its name and reason. */
      const unreadable = (error: unknown): void => {
        const view = toErrorView(error);
        // A PDF left locked can be opened again this session from its bytes (review M7: Skip was a dead end).
        const locked = LOCKED.has(view.code) && bytes !== null && source.kind !== 'file';
        try {
          entryId = this.#history.recordUnreadable(source, engine.name, engine.model, { ...view, retryable: (source.kind === 'file' && view.code !== 'cancelled') || locked });
          if (locked) this.#locked.set(entryId, { name, source, bytes: bytes! });
          report.changed([entryId]);
        } catch {
          // The history itself failing is reported with the job; the file's own error is the one to show.
        }
        failed(entryId, view);
        report.failed(entryId, view);
      };
      report.step('preparing', null);
      try {
        bytes = await load();
      } catch (error) {
        unreadable(error);
        await this.#settle(batch, index, null, settings, failure);
        return;
      }
      const scanCodes = (image: Uint8Array) => this.#engines.scanCodes(image);
      if (isPdf(bytes)) {
        const askPassword = this.#passwords.ask.bind(this.#passwords);
        const text = await readDocument({
          name, source, bytes, engine, prompt, task, settings, signal, report, history: this.#history, scanCodes, askPassword, unreadable, failed,
          cloudRead: () => this.#cloudRead(jobId, signal),
          offline: () => this.#engines.engine(settings, { engine: 'local' }),
          confirmPages: (file, pages, limit) => this.#confirmations?.askLongDocument(file, pages, limit) ?? Promise.resolve(false),
        });
        this.#cloud.delete(jobId);
        await this.#settle(batch, index, text, settings, text === null ? failure : null);
        return;
      }
      const cloud = this.#cloudRead(jobId, signal);
      let outcome = await recognizeImage(bytes, name, {
        engine,
        prompt,
        mode: custom ? null : task.task,
        task,
        minPixels: settings.minPixels,
        maxPixels: settings.maxPixels,
        recorder: report.recorder((id) => (entryId = id)),
        source,
        signal: cloud.signal,
        scanCodes,
        onDelta: (delta) => report.delta(entryId, delta),
        onWait: (wait) => report.wait(entryId, wait),
      });
      this.#cloud.delete(jobId);
      if (entryId !== null) report.changed([entryId]);
      // Qwen out of reach, or the user tired of waiting: the offline engine reads the entry in place (review H4).
      const reason = !outcome.ok && entryId !== null ? fallbackReason(engine, errorCode(outcome.error), cloud, signal, settings.offlineFallback) : null;
      if (!outcome.ok && reason !== null && entryId !== null && outcome.prepared) {
        const id: number = entryId;
        const offline = await this.#readOffline({ entryId: id, reason, prompt, task, signal }, settings, report);
        report.changed([id]);
        outcome = offline.ok
          ? { ok: true, prepared: outcome.prepared, result: offline.result, entryId: id, historyError: outcome.historyError }
          : { ok: false, prepared: outcome.prepared, error: offline.error, entryId: id, historyError: outcome.historyError };
      }
      if (outcome.ok && entryId === null) {
        // The history could not be written (a full disk, say): the text must not be lost with it.
        const kept = outcome.result.text ? await copied(this.#ports.clipboard, outcome.result.text) : false;
        const error = new ReadoutError(
          'history-unwritable',
          `${name}: read${kept ? ', and copied to the clipboard,' : ''} but the history could not keep it (${errorMessage(outcome.historyError)})`,
        );
        report.failed(null, toErrorView(error));
        await this.#settle(batch, index, null, settings, { entryId: null, error: toErrorView(error), name, capture });
      } else if (outcome.ok) {
        this.#afterEntry(entryId!, settings);
        await this.#settle(batch, index, clipboardText(outcome.result.text, outcome.result.codes, settings.codesClipboard), settings);
        report.step('done', entryId);
      } else if (entryId === null) {
        unreadable(outcome.error);
        await this.#settle(batch, index, null, settings, failure);
      } else {
        const view = errorView(outcome.error);
        await this.#settle(batch, index, null, settings, { entryId, error: view, name, capture });
        report.failed(entryId, view);
      }
    });
    // The job starts only after add() has returned (queue.ts), so its report exists by then.
    const report = this.#report({ jobId, name, batch, reveal });
    report.step('queued', null);
    return { jobId, name };
  }
}

/** A failure as the window sees it: an error thrown, or the offline engine's failure already in that shape. */
function errorView(error: unknown): ErrorView {
  if (error instanceof Error) return toErrorView(error);
  const view = error as Partial<ErrorView> | null;
  return typeof view?.code === 'string' && typeof view.message === 'string' ? { code: view.code, message: view.message, retryable: view.retryable === true } : toErrorView(error);
}

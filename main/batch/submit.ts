/**
 * A submission, in two steps so nothing is sent before the user has seen the estimate:
 * 1. prepare(): each image, and each PDF page drawn as a live read draws it, through prepareImage with the model's
 *    pixel bounds; its entry written as pending with its image (as a live read writes it), its request line (the live
 *    read's body, ocr/compatible-request.ts) appended to the request file the cutter picks (split.ts). A file that
 *    cannot be read is reported and left out. Without a history (--dry-run) the lines carry `line-<n>` ids.
 * 2. send(): per request file, the job and its custom_id -> entry links into the ledger first, then the upload and the
 *    job's creation. A refused upload fails that file's entries (retryable) with the service's reason.
 * discard() takes back step 1 when the user says no.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { errorMessage } from '../errors.ts';
import type { HistoryStore } from '../history/store.ts';
import type { Source } from '../history/types.ts';
import { prepareImage, type PreparedImage } from '../image/prepare.ts';
import type { PixelBounds } from '../image/smart-resize.ts';
import { compatibleRequest } from '../ocr/compatible-request.ts';
import { isPdf } from '../pdf/sniff.ts';
import { readInputFile } from '../read-input.ts';
import { failureOf } from '../recognize.ts';
import type { BatchClient } from './client.ts';
import { jobErrors } from './job-errors.ts';
import { estimate, promptTokens, type Estimate } from './cost.ts';
import type { BatchLedger } from './ledger.ts';
import { customIdOf, requestLine } from './request-lines.ts';
import { LineCutter, lineBytes, type SplitLimits } from './split.ts';
import { remoteName } from './stranded.ts';
import type { Region } from '../ocr/regions.ts';

export interface PrepareOptions {
  model: string;
  baseURL: string;
  region: Region | null;
  prompt: string;
  /** The history's name for what was asked (a task), null for a prompt of the user's own. */
  mode: string | null;
  bounds: PixelBounds;
  /** PDFs: which pages (parsePageRanges' syntax), and a password. */
  pages?: string;
  password?: string;
  /** Where the request files are written. */
  outDir: string;
  /** null: a dry run, no entries. */
  history: HistoryStore | null;
  limits?: SplitLimits;
  signal?: AbortSignal;
  /** A file (or page) left out, and why: said before anything is sent. */
  onSkipped?: (file: string, message: string) => void;
  onPrepared?: (done: number) => void;
}

export interface PlannedRequest {
  customId: string;
  entryId: number | null;
  file: number;
  imageTokens: number;
}

export interface Plan {
  requests: PlannedRequest[];
  /** The request files, in order. */
  files: string[];
  /** Files that gave at least one request. */
  inputs: number;
  pages: number;
  skipped: number;
  estimate: Estimate;
  model: string;
  baseURL: string;
  region: Region | null;
}

export async function prepare(paths: readonly string[], options: PrepareOptions): Promise<Plan> {
  const cutter = new LineCutter(options.limits);
  const requests: PlannedRequest[] = [];
  const files: string[] = [];
  const handles: number[] = [];
  let inputs = 0;
  let pages = 0;
  let skipped = 0;
  const prompt = promptTokens(options.prompt);
  const skip = (file: string, message: string): void => {
    skipped++;
    options.onSkipped?.(file, message);
  };

  /** One image: its entry, its line. False when it was left out. */
  const add = (bytes: Uint8Array, label: string, source: Source, document: { id: number; page: number } | null): Promise<boolean> =>
    prepareImage(bytes, { file: label, bounds: options.bounds, thumbnail: options.history !== null }).then(
      (image: PreparedImage) => {
        const entryId = options.history?.createPending({
          source, engine: 'qwen', model: options.model, mode: options.mode, prompt: options.prompt,
          image: { data: image.data, mime: image.mime, thumbnail: image.thumbnail },
          width: image.width, height: image.height, sentWidth: image.sentWidth, sentHeight: image.sentHeight,
          imageTokens: image.imageTokens, document,
        }) ?? null;
        const customId = entryId === null ? `line-${requests.length + 1}` : customIdOf(entryId);
        const line = requestLine(customId, compatibleRequest(image, { prompt: options.prompt, bounds: options.bounds }, { model: options.model }));
        const file = cutter.place(lineBytes(line));
        if (file === null) {
          if (entryId !== null) options.history?.fail(entryId, { code: 'image-too-large', message: `${label}: its request is larger than a batch line may be (6 MB); read it live instead.`, retryable: false });
          skip(label, `${label}: its request is larger than a batch line may be (6 MB); read it live instead.`);
          return false;
        }
        if (file === handles.length) {
          const path = join(options.outDir, `requests-${file + 1}.jsonl`);
          files.push(path);
          handles.push(openSync(path, 'w', 0o600));
        }
        writeSync(handles[file]!, `${line}\n`);
        requests.push({ customId, entryId, file, imageTokens: image.imageTokens });
        options.onPrepared?.(requests.length);
        return true;
      },
      (error: unknown) => {
        skip(label, errorMessage(error));
        return false;
      },
    );

  try {
    for (const path of paths) {
      if (options.signal?.aborted) break;
      let bytes: Uint8Array;
      try {
        bytes = await readInputFile(path);
      } catch (error) {
        skip(path, errorMessage(error));
        continue;
      }
      const source: Source = { kind: 'file', path: resolve(path), name: basename(path) };
      if (!isPdf(bytes)) {
        if (await add(bytes, path, source, null)) inputs++;
        continue;
      }
      const { PdfDocument, parsePageRanges } = await import('../pdf/pdf.ts');
      let pdf: Awaited<ReturnType<typeof PdfDocument.open>>;
      try {
        pdf = await PdfDocument.open(bytes, path, { password: options.password });
      } catch (error) {
        skip(path, errorMessage(error));
        continue;
      }
      try {
        const numbers = options.pages ? parsePageRanges(options.pages, pdf.pages) : Array.from({ length: pdf.pages }, (_, i) => i + 1);
        if (typeof numbers === 'string') {
          skip(path, `${path}: --pages ${options.pages}: ${numbers}`);
          continue;
        }
        const documentId = options.history?.createDocument(source.kind === 'file' ? source.name : path, pdf.pages) ?? null;
        let any = false;
        for (const number of numbers) {
          if (options.signal?.aborted) break;
          const label = `${path} (page ${number})`;
          try {
            // Drawn as a live read draws it (cli/run.ts readDocument): to the model's pixel bounds.
            const page = await pdf.page(number, options.bounds);
            if (await add(page.png, label, source, documentId === null ? null : { id: documentId, page: number })) {
              any = true;
              pages++;
            }
          } catch (error) {
            skip(label, errorMessage(error));
          }
        }
        if (any) inputs++;
      } finally {
        await pdf.close();
      }
    }
  } finally {
    for (const handle of handles) closeSync(handle);
  }
  return {
    requests, files, inputs, pages, skipped, model: options.model, baseURL: options.baseURL, region: options.region,
    estimate: estimate(requests.map((r) => ({ imageTokens: r.imageTokens, promptTokens: prompt })), options.region),
  };
}

/** The user said no: the prepared entries go, as if nothing had been asked. */
export function discard(plan: Plan, history: HistoryStore | null): void {
  const ids = plan.requests.flatMap((r) => (r.entryId === null ? [] : [r.entryId]));
  if (history && ids.length) history.delete(ids);
}

export interface SentJob {
  jobId: number;
  batchId: string | null;
  requests: number;
  error: string | null;
}

/** Each request file: linked in the ledger, uploaded, its job created. A file refused fails its entries, and the rest go on. */
export async function send(plan: Plan, client: BatchClient, ledger: BatchLedger): Promise<SentJob[]> {
  const sent: SentJob[] = [];
  const prompt = promptTokens('');
  for (const [index, path] of plan.files.entries()) {
    const requests = plan.requests.filter((r) => r.file === index && r.entryId !== null) as Array<PlannedRequest & { entryId: number }>;
    const share = estimate(requests.map((r) => ({ imageTokens: r.imageTokens, promptTokens: prompt })), plan.region);
    const jobId = ledger.createJob({ baseUrl: plan.baseURL, region: plan.region, model: plan.model, estimatedCost: share.batch, requests });
    let fileId: string | null = null;
    try {
      fileId = await client.upload(basename(path), readFileSync(path));
      // ds_name (the docs' task name, up to 100 characters) ties the service's job to this ledger row, so a job whose
      // answer this process never wrote down is found again rather than sent twice (stranded.ts).
      const job = await client.create(fileId, { source: 'readout', job: String(jobId), ds_name: remoteName(ledger.job(jobId)!) });
      ledger.sent(jobId, { batchId: job.id, inputFileId: fileId, state: job.state });
      sent.push({ jobId, batchId: job.id, requests: requests.length, error: null });
    } catch (error) {
      // A file uploaded for a job that was then refused would stay on the service, counted against its 10,000 files.
      if (fileId) await client.deleteFile(fileId).catch(() => undefined);
      const failure = failureOf(error);
      const refused = jobErrors.refused(basename(path), failure.message);
      const message = refused.text;
      ledger.failJob(jobId, 'failed', refused);
      for (const request of requests) ledger.fail(jobId, request.customId, { ...failure, message, retryable: true });
      sent.push({ jobId, batchId: null, requests: requests.length, error: message });
    }
  }
  return sent;
}

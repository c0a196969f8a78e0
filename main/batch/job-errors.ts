/**
 * Why a batch job ended badly, as a code and the number its words need, beside the English sentence the command
 * prints: the window words the code in the reader's language (renderer catalogue batchJobs.error.*), falling back to
 * the sentence for a code it does not know and for rows written before codes were kept (migration 14).
 */
import type { BatchJobErrorCode } from '../../preload/api.ts';

export interface JobError {
  code: BatchJobErrorCode;
  /** Requests the words count (left unread); null where they count none. */
  count: number | null;
  /** The English sentence, as `readout batch` prints it. */
  text: string;
}

/** A job's error; its codes are the jobs view's words (batchJobs.error.*), not the history's error codes (errors.ts). */
const jobError = (code: BatchJobErrorCode, text: string, count: number | null = null): JobError => ({ code, count, text });

export const jobErrors = {
  refused: (file: string, reason: string): JobError => jobError('refused', `The batch service refused ${file}: ${reason}`),
  cancelledUnsent: (): JobError => jobError('cancelled-unsent', 'Cancelled before it was sent.'),
  stoppedUnsent: (): JobError => jobError('stopped-unsent', 'Readout stopped before this job was sent; its entries were marked for retry.'),
  /** The service's own list of errors (batches' `errors.data`), in its words. */
  service: (text: string): JobError => jobError('service', text),
  /** A job that ended (expired, cancelled, failed) with requests it never read; each is a failed entry to retry. */
  unread: (state: 'expired' | 'cancelled' | 'failed' | 'completed', count: number): JobError =>
    jobError(
      `${state}-unread`,
      {
        expired: `The job did not finish within its 24 h window: ${count} requests were not read.`,
        cancelled: `The job was cancelled: ${count} requests were not read.`,
        failed: `The job failed: ${count} requests were not read.`,
        completed: `The job ended without results for ${count} requests.`,
      }[state],
      count,
    ),
};

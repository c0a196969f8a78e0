/**
 * A job left "local-N": the user said yes, its entries and ledger rows were written, and the process stopped (a
 * crash, a kill, a sleep that ended in a reboot) before the service's answer to the upload or the job's creation was
 * written down. Its entries wait on a job that no one will send, and history/store.ts's sweep leaves batch entries
 * alone, so without this they stay pending for ever.
 *
 * Once the process that wrote the entries is gone (their owner_pid, as the sweep judges a live read), the job is
 * settled one of two ways, never by sending again blindly:
 * - the service has a job named for it (metadata.ds_name, set by submit.ts before creation): the process stopped
 *   after the creation, so that job is adopted and fetched as any other (sending again would read and bill twice);
 * - it has none: nothing was created, so each entry is failed as interrupted and retryable, its image kept, with a
 *   message that says how to read it again (live, or by submitting the files again).
 */
import type { BatchClient } from './client.ts';
import { jobErrors } from './job-errors.ts';
import type { BatchLedger, JobRow } from './ledger.ts';
import { isAlive } from '../process-alive.ts';

/** The service's name (metadata.ds_name, at most 100 characters) for a ledger's job: its row and its moment. */
export const remoteName = (job: Pick<JobRow, 'id' | 'createdAt'>): string => `readout local-${job.id} ${job.createdAt}`;

/** How far back the service's list is read for a lost job: its newest pages, to an hour before the job was made. */
const MAX_PAGES = 20;
const CLOCK_SLACK_MS = 3_600_000;

export interface StrandedOutcome {
  job: JobRow;
  outcome: 'adopted' | 'failed';
}

/** Local jobs whose submitting process has stopped (a job being sent right now is left to its process). */
export function strandedJobs(ledger: BatchLedger, alive: (pid: number) => boolean = isAlive): JobRow[] {
  return ledger.localJobs().filter((job) => ledger.ownerPids(job.id).every((pid) => pid !== process.pid && !alive(pid)));
}

async function findRemote(client: BatchClient, job: JobRow): Promise<Awaited<ReturnType<BatchClient['list']>>['jobs'][number] | null> {
  const name = remoteName(job);
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { jobs, more } = await client.list({ after, limit: 100 });
    const found = jobs.find((remote) => remote.name === name);
    if (found) return found;
    const oldest = jobs.at(-1);
    if (!more || !oldest || (oldest.createdAt !== null && oldest.createdAt < job.createdAt - CLOCK_SLACK_MS)) return null;
    after = oldest.id;
  }
  return null;
}

/**
 * Settles each stranded job (or only `only`): adopted when the service has it, else its entries failed, retryable.
 * A service that cannot be asked leaves the job as it is, to be settled by a later run.
 */
export async function recoverStranded(ledger: BatchLedger, clientFor: (job: JobRow) => BatchClient, options: { only?: number; alive?: (pid: number) => boolean } = {}): Promise<StrandedOutcome[]> {
  const outcomes: StrandedOutcome[] = [];
  for (const job of strandedJobs(ledger, options.alive)) {
    if (options.only !== undefined && job.id !== options.only) continue;
    const remote = await findRemote(clientFor(job), job);
    if (remote) {
      ledger.sent(job.id, { batchId: remote.id, inputFileId: remote.inputFileId, state: remote.state });
      ledger.heard(job.id, remote);
      outcomes.push({ job: ledger.job(job.id)!, outcome: 'adopted' });
      continue;
    }
    const message = `Readout stopped before batch job local-${job.id} was sent; the image is kept: read it again with \`readout history retry\`, or submit the file again.`;
    for (const request of ledger.pendingRequests(job.id)) ledger.fail(job.id, request.customId, { code: 'interrupted', message, retryable: true });
    ledger.failJob(job.id, 'failed', jobErrors.stoppedUnsent());
    outcomes.push({ job: ledger.job(job.id)!, outcome: 'failed' });
  }
  return outcomes;
}

/**
 * The batch jobs (issue 26) as main last said them: listed once, then replaced whole by each 'batch:changed' (main
 * sends the full list, newest first, on every change). `running`: the jobs not yet ended, for the toolbar's badge.
 */
import type { BatchJobView } from '../../../preload/api.ts';
import { api } from '../api.ts';
import { useFollowed } from './useFollowed.ts';

/** The states in which a job may still change by itself (the service is reading it, or its results are due). */
const UNFINISHED = new Set<BatchJobView['state']>(['validating', 'in_progress', 'finalizing', 'completed', 'cancelling']);
export const isUnfinished = (job: Pick<BatchJobView, 'state'>): boolean => UNFINISHED.has(job.state);

export function useBatchJobs(): { jobs: BatchJobView[]; running: number; setJobs: (jobs: BatchJobView[]) => void } {
  const [jobs, setJobs] = useFollowed<BatchJobView[]>([], () => api.batch.list(), (set) => api.on('batch:changed', ({ jobs: next }) => set(next)));
  return { jobs, running: jobs.filter(isUnfinished).length, setJobs };
}

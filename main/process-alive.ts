/**
 * Whether a process is still running, by its pid: signal 0 tests for it without touching it. EPERM means it exists but
 * belongs to someone else, which still counts as running. The history's interrupted-entry sweep and the batch room's
 * stranded-job check both ask it.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Bounded retries with exponential backoff and jitter, for errors that a later attempt can fix. */
import { OcrError } from './errors.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No new attempt starts after this much time has passed since the first. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8000, budgetMs: 60_000 };

export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new OcrError('cancelled', 'Cancelled.'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new OcrError('cancelled', 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails with an error no retry can fix, or the policy runs out.
 * A server's Retry-After stretches a delay, never past maxDelayMs.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  options: { signal?: AbortSignal; canRetry: (error: OcrError) => boolean; onRetry?: (next: { attempt: number; of: number; delayMs: number; error: OcrError }) => void },
): Promise<T> {
  const started = Date.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof OcrError) || !options.canRetry(error) || n >= policy.attempts) throw error;
      const delay = Math.min(policy.maxDelayMs, Math.max(backoffDelay(n, policy), error.retryAfterMs ?? 0));
      if (Date.now() - started + delay > policy.budgetMs) throw error;
      // Said before the pause, so a window can count it down (review M13: retries were invisible).
      options.onRetry?.({ attempt: n + 1, of: policy.attempts, delayMs: delay, error });
      await sleep(delay, options.signal);
    }
  }
}

/**
 * What a long wait says (review M13): Qwen silent for a while ("Waiting for Qwen… 8 s"), a retry's pause ("Service
 * error, retrying in 2 s (2/4)"), or the offline engine standing in. A silence is timed from when the page heard
 * of it, ticking each second while there is a wait to say.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobWait } from '../../../preload/api.ts';

/** A silence shorter than this is an ordinary answer on its way: nothing is said. */
export const WAIT_NOTICE_MS = 5000;

/** The words for `wait`, or null while there is nothing worth saying yet. */
export function useWaitText(wait: JobWait | null | undefined): string | null {
  const { t } = useTranslation();
  const [heard, setHeard] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const key = wait ? JSON.stringify(wait) : '';
  useEffect(() => {
    const at = Date.now();
    setHeard(at);
    setNow(at);
    if (!wait || wait.state === 'offline') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!wait) return null;
  if (wait.state === 'offline') return t(wait.from === 'asked' ? 'failures.wait.offlineAsked' : 'failures.wait.offline');
  if (wait.state === 'retrying') {
    // retryAt is the main process's clock: the same machine's, so it counts down here as it is.
    const left = Math.max(0, Math.ceil((wait.retryAt - now) / 1000));
    return t('failures.wait.retrying', { seconds: left, attempt: wait.attempt, of: wait.of });
  }
  const waited = now - heard;
  return waited < WAIT_NOTICE_MS ? null : t('failures.wait.waiting', { seconds: Math.floor(waited / 1000) });
}

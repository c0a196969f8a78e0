/**
 * What the result says about how it is being read, or was (review M13, H4): while Qwen is silent or retrying, how
 * long and what next, with "Read offline instead"; once read offline in Qwen's place, that it was and why, with
 * "Read with Qwen again".
 */
import { useTranslation } from 'react-i18next';
import type { EntryView } from '../../../preload/api.ts';
import { api } from '../api.ts';
import type { Job } from '../hooks/useJobs.ts';
import { useWaitText } from '../hooks/useWaitText.ts';
import './JobNotes.css';

interface Props {
  entry: EntryView;
  /** The job reading the entry now, if one is. */
  job: Job | undefined;
  streaming: boolean;
  /** Runs a bridge call, saying its failure (ResultView's run). */
  onRun: (action: () => Promise<unknown>) => void;
}

export function JobNotes({ entry, job, streaming, onRun }: Props) {
  const { t } = useTranslation();
  // Once text streams in, the text says what is happening.
  const wait = streaming && job && !job.text ? job.wait : null;
  const waitText = useWaitText(wait);
  if (waitText && job && wait) {
    return (
      <div className="notice job-wait" role="status" data-testid="job-wait">
        <span>{waitText}</span>
        {wait.state !== 'offline' && (
          <button type="button" onClick={() => onRun(() => api.ocr.readOffline(job.jobId))} data-testid="read-offline-instead">{t('failures.wait.readOffline')}</button>
        )}
      </div>
    );
  }
  if (streaming || entry.status !== 'done' || !entry.fallback) return null;
  return (
    <div className="notice job-fallback" role="note" data-testid="fallback-note">
      <span>{t(entry.fallback.from === 'asked' ? 'failures.fallback.asked' : 'failures.fallback.note')}</span>
      <button type="button" onClick={() => onRun(() => api.ocr.rerun(entry.id, { engine: 'qwen' }))} data-testid="read-with-qwen-again">{t('failures.fallback.again')}</button>
    </div>
  );
}

/** One entry: its image beside its text, the text streaming in while it is read, and everything to do with it. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineName, EntryView, Mode } from '../../../preload/api.ts';
import { KNOWN_MODELS } from '../../../main/ocr/model-names.ts';
import { api, bridgeError } from '../api.ts';
import { formatCost, formatNumber } from '../format.ts';
import type { Job } from '../hooks/useJobs.ts';
import { ErrorText } from './ErrorText.tsx';

const MODES: Mode[] = ['text', 'markdown', 'table', 'formula', 'json'];

interface Props {
  entry: EntryView;
  job: Job | undefined;
  onDelete: (id: number) => void;
  onMessage: (text: string) => void;
}

export function ResultView({ entry, job, onDelete, onMessage }: Props) {
  const { t, i18n } = useTranslation();
  const [image, setImage] = useState<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [rerunMode, setRerunMode] = useState<Mode>((entry.mode as Mode | null) ?? 'text');
  const [rerunEngine, setRerunEngine] = useState<EngineName>(entry.engine);
  const [rerunModel, setRerunModel] = useState(entry.engine === 'qwen' ? entry.model : '');

  useEffect(() => {
    let live = true;
    setImage(null);
    setDraft(null);
    if (entry.hasImage) void api.history.image(entry.id).then((url) => live && setImage(url));
    return () => {
      live = false;
    };
  }, [entry.id, entry.hasImage]);

  const streaming = entry.status === 'pending' && job !== undefined;
  const shown = streaming ? job.text : (entry.editedText ?? entry.text);
  const run = async (action: () => Promise<unknown>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      onMessage(t('error.generic', { message: bridgeError(error).message }));
    }
  };

  const copy = () =>
    run(async () => {
      await api.clipboard.copy(shown);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  const save = () => run(async () => (await api.history.edit(entry.id, draft), setDraft(null)));
  const exportOne = () =>
    run(async () => {
      const result = await api.history.export({ format: 'md', ids: [entry.id], images: true });
      if (result.saved) onMessage(t('result.exported', { count: result.count, file: result.fileName }));
    });

  const usage = entry.usage;
  return (
    <section className="result" aria-label={t('result.textLabel')} data-testid="result">
      <div className="result-image">
        {image ? <img src={image} alt={t('result.imageAlt')} /> : <p className="muted">{entry.hasImage ? '' : t('result.noImage')}</p>}
      </div>
      <div className="result-text">
        <div className="actions" role="toolbar">
          {streaming && job ? (
            <button type="button" onClick={() => run(() => api.ocr.cancel(job.jobId))}>{t('result.cancel')}</button>
          ) : (
            <>
              <button type="button" className="primary" onClick={copy} disabled={!shown}>{copied ? t('result.copied') : t('result.copy')}</button>
              {draft === null ? (
                <button type="button" onClick={() => setDraft(shown)} disabled={entry.status === 'pending'}>{t('result.edit')}</button>
              ) : (
                <>
                  <button type="button" className="primary" onClick={save}>{t('result.save')}</button>
                  <button type="button" onClick={() => setDraft(null)}>{t('result.cancelEdit')}</button>
                </>
              )}
              {entry.editedText !== null && draft === null && (
                <button type="button" onClick={() => run(() => api.history.edit(entry.id, null))}>{t('result.revert')}</button>
              )}
              <button type="button" onClick={() => run(() => api.history.pin(entry.id, !entry.pinned))}>{entry.pinned ? t('result.unpin') : t('result.pin')}</button>
              <button type="button" onClick={exportOne}>{t('result.export')}</button>
              <button type="button" className="danger" onClick={() => onDelete(entry.id)}>{t('result.delete')}</button>
            </>
          )}
        </div>
        {entry.error && !streaming && (
          <div className="error-box" role="alert">
            <p>
              <ErrorText error={entry.error} />
            </p>
            {entry.hasImage && (
              <button type="button" className="primary" onClick={() => run(() => api.ocr.retry(entry.id))}>{t('error.retry')}</button>
            )}
          </div>
        )}
        {draft === null ? (
          <pre className="text" data-testid="result-text" aria-busy={streaming}>
            {shown || (streaming ? t('result.reading') : '')}
          </pre>
        ) : (
          <textarea className="text" aria-label={t('result.textLabel')} value={draft} onChange={(event) => setDraft(event.target.value)} autoFocus />
        )}
        {entry.hasImage && !streaming && (
          <div className="rerun">
            <label>
              {t('result.mode')}
              <select value={rerunMode} data-testid="rerun-mode" onChange={(event) => setRerunMode(event.target.value as Mode)}>
                {MODES.map((mode) => <option key={mode} value={mode}>{t(`mode.${mode}`)}</option>)}
              </select>
            </label>
            <label>
              {t('result.engine')}
              <select value={rerunEngine} data-testid="rerun-engine" onChange={(event) => setRerunEngine(event.target.value as EngineName)}>
                <option value="qwen">{t('engineName.qwen')}</option>
                <option value="local">{t('engineName.local')}</option>
              </select>
            </label>
            {rerunEngine === 'qwen' && (
              <label>
                {t('result.model')}
                <input list="rerun-models" data-testid="rerun-model" value={rerunModel} onChange={(event) => setRerunModel(event.target.value)} size={18} />
                <datalist id="rerun-models">{KNOWN_MODELS.map((model) => <option key={model} value={model} />)}</datalist>
              </label>
            )}
            <button
              type="button"
              onClick={() =>
                run(() => api.ocr.rerun(entry.id, { mode: rerunMode, engine: rerunEngine, ...(rerunEngine === 'qwen' && rerunModel.trim() ? { model: rerunModel.trim() } : {}) }))
              }
            >
              {t('result.rerun')}
            </button>
          </div>
        )}
        <p className="meta">
          {[
            `${t(`engineName.${entry.engine}`)} · ${entry.model}`,
            usage.inputTokens !== null
              ? t('result.usage', {
                  image: formatNumber(usage.imageTokens ?? 0, i18n.language),
                  input: formatNumber(usage.inputTokens, i18n.language),
                  output: formatNumber(usage.outputTokens ?? 0, i18n.language),
                })
              : null,
            entry.cost ? t('result.cost', { cost: formatCost(entry.cost, i18n.language) }) : null,
            entry.durationMs !== null ? t('result.duration', { seconds: (entry.durationMs / 1000).toFixed(1) }) : null,
            entry.attempts > 1 ? t('result.attempts', { count: entry.attempts }) : null,
            entry.editedText !== null ? t('result.edited') : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </div>
    </section>
  );
}

/** One entry: its image beside its text, the text streaming in while it is read, and everything to do with it. */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineName, EntryView, ErrorView, Task } from '../../../preload/api.ts';
import { TASKS } from '../../../main/ocr/tasks.ts';
import { TaskOptions } from './TaskOptions.tsx';
import { ImageText } from './ImageText.tsx';
import { CodesList } from './CodesList.tsx';
import { ScriptNotice } from './ScriptNotice.tsx';
import { DoubtNotice } from './DoubtNotice.tsx';
import { ShownText } from './ShownText.tsx';
import { wordRanges, wordsInRange } from '../word-selection.ts';
import { doubtfulLines } from '../doubtful-lines.ts';
import { oneLine } from '../one-line.ts';
import { tabStop } from '../tab-stop.ts';
import { DEFAULT_MODEL, KNOWN_MODELS } from '../../../main/ocr/model-names.ts';
import { REGION_PRICES } from '../../../main/ocr/regions.ts';
import { api, bridgeError, modKey } from '../api.ts';
import { formatCost, formatNumber, formatTime } from '../format.ts';
import type { Job } from '../hooks/useJobs.ts';
import { useEntryName } from './HistoryRow.tsx';

/** Errors a new key, region or model fixes: the way out is Settings. */
const SETTINGS_ERRORS = new Set(['auth', 'forbidden', 'quota', 'model-not-found', 'no-key']);

/** An unsaved edit, kept in the page's storage so that no batch, reload or restart loses it. */
const draftKey = (id: number): string => `readout.draft.${id}`;
const loadDraft = (id: number): string | null => localStorage.getItem(draftKey(id));
const storeDraft = (id: number, text: string | null): void => (text === null ? localStorage.removeItem(draftKey(id)) : localStorage.setItem(draftKey(id), text));

interface Props {
  entry: EntryView;
  job: Job | undefined;
  /** A custom endpoint is set: DashScope's prices say nothing about what it costs. */
  customEndpoint: boolean;
  /** An API key is set: a doubtful reading can be read again with Qwen-VL-OCR. */
  hasKey: boolean;
  onDelete: (id: number) => void;
  onMessage: (text: string) => void;
  onOpenSettings: () => void;
  /** Esc: back to the list. */
  onLeave: () => void;
}

/**
 * Below this, the offline engine's reading as a whole is probably wrong (a script it does not know, a blurred photo):
 * the doubt notice says so even where no single line is doubtful, and names the language packs (ppocr/pipeline.ts,
 * readingConfidence; a Japanese sentence scores about 0.2, clean Chinese or English above 0.95).
 */
const LOW_CONFIDENCE = 0.85;

const unsure = (entry: EntryView): boolean => entry.status === 'done' && entry.engine === 'local' && entry.confidence !== null && entry.confidence < LOW_CONFIDENCE;

export function ResultView({ entry, job, customEndpoint, hasKey, onDelete, onMessage, onOpenSettings, onLeave }: Props) {
  const { t, i18n } = useTranslation();
  const name = useEntryName();
  // A script that names its pack gets its own notice; text in an unknown one is what the doubt notice says.
  const scripts = entry.warnings.filter((warning) => warning.script !== 'unknown');
  const [image, setImage] = useState<string | null>(null);
  const [draft, setDraftState] = useState<string | null>(() => loadDraft(entry.id));
  const [copied, setCopied] = useState(false);
  const [rerunTask, setRerunTask] = useState<Task>((TASKS as readonly string[]).includes(entry.mode ?? '') ? (entry.mode as Task) : 'text');
  const [rerunEngine, setRerunEngine] = useState<EngineName>(entry.engine);
  const [rerunModel, setRerunModel] = useState(entry.engine === 'qwen' ? entry.model : DEFAULT_MODEL);
  const editor = useRef<HTMLTextAreaElement>(null);
  const textPanel = useRef<HTMLPreElement>(null);
  /** Words chosen on the image, and words the text panel's own selection covers: each panel highlights the other's. */
  const [chosenWords, setChosenWords] = useState<ReadonlySet<number>>(new Set());
  const [linkedWords, setLinkedWords] = useState<ReadonlySet<number>>(new Set());

  const setDraft = (text: string | null): void => {
    setDraftState(text);
    storeDraft(entry.id, text);
  };

  useEffect(() => {
    let live = true;
    setImage(null);
    if (entry.hasImage) void api.history.image(entry.id).then((url) => live && setImage(url));
    return () => {
      live = false;
    };
  }, [entry.id, entry.hasImage]);

  // The caret starts at the end of the text, where a correction usually goes.
  const editing = draft !== null;
  useEffect(() => {
    const area = editor.current;
    if (!editing || !area) return;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }, [editing]);

  const streaming = entry.status === 'pending' && job !== undefined;
  const shown = streaming ? job.text : (entry.editedText ?? entry.text);
  const words = useMemo(() => (streaming ? [] : (entry.words ?? [])), [streaming, entry.words]);
  const ranges = useMemo(() => wordRanges(shown, words), [shown, words]);
  const tabs = useMemo(() => tabStop(shown), [shown]);
  const doubts = useMemo(() => doubtfulLines(entry, words, ranges), [entry, words, ranges]);
  useEffect(() => {
    setChosenWords(new Set());
    setLinkedWords(new Set());
  }, [entry.id, words]);
  // Text selected in the panel lights its boxes on the image.
  useEffect(() => {
    if (words.length === 0) return;
    const onSelection = (): void => {
      const panel = textPanel.current;
      const selection = document.getSelection();
      if (!panel || !selection || selection.rangeCount === 0 || selection.isCollapsed || !panel.contains(selection.anchorNode)) {
        setLinkedWords((current) => (current.size ? new Set() : current));
        return;
      }
      const range = selection.getRangeAt(0);
      const before = document.createRange();
      before.selectNodeContents(panel);
      before.setEnd(range.startContainer, range.startOffset);
      const start = before.toString().length;
      setLinkedWords(new Set(wordsInRange(ranges, start, start + range.toString().length)));
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [words, ranges]);
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
  const copyOneLine = () =>
    run(async () => {
      await api.clipboard.copy(oneLine(shown));
      onMessage(t('result.copiedOneLine'));
    });
  const copyWords = (text: string) =>
    run(async () => {
      await api.clipboard.copy(text);
      onMessage(t('result.copiedWords', { text: text.length > 48 ? `${text.slice(0, 47)}…` : text }));
    });
  const readWithQwen = () => void run(() => api.ocr.rerun(entry.id, { engine: 'qwen' }));
  const save = () => run(async () => (await api.history.edit(entry.id, draft), setDraft(null)));
  const exportOne = () =>
    run(async () => {
      const result = await api.history.export({ format: 'md', ids: [entry.id], images: true });
      if (result.saved) onMessage(t('result.exported', { count: result.count, file: result.fileName }));
    });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.target === editor.current) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void save();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        setDraft(null);
      }
      return;
    }
    if (event.key === 'Escape' && !(event.target instanceof HTMLSelectElement) && !(event.target instanceof HTMLInputElement)) {
      event.preventDefault();
      onLeave();
    }
  };

  const usage = entry.usage;
  const size = entry.width && entry.height ? `${entry.width}×${entry.height}` : null;
  return (
    <section className="result" aria-labelledby="result-title" data-testid="result" onKeyDown={onKeyDown}>
      <div className="result-image">
        {image && entry.width && entry.height ? (
          <ImageText
            src={image}
            alt={t('result.imageAlt', { name: name(entry) })}
            width={entry.width}
            height={entry.height}
            words={words}
            doubts={doubts}
            selected={chosenWords}
            linked={linkedWords}
            onSelect={(indices) => setChosenWords(new Set(indices))}
            onCopy={(text) => void copyWords(text)}
          />
        ) : image ? (
          <img src={image} alt={t('result.imageAlt', { name: name(entry) })} />
        ) : (
          <p className="muted">{entry.hasImage ? '' : t('result.noImage')}</p>
        )}
      </div>
      <div className="result-text">
        <header className="result-header">
          <h2 id="result-title" data-testid="result-title">{name(entry)}</h2>
          <p className="muted">{[t(`source.${entry.sourceKind}`), size, formatTime(entry.createdAt, i18n.language)].filter(Boolean).join(' · ')}</p>
        </header>
        <div className="actions" role="toolbar" aria-label={t('result.actions')}>
          {streaming && job ? (
            <button type="button" onClick={() => run(() => api.ocr.cancel(job.jobId))}>{t('result.cancel')}</button>
          ) : (
            <>
              <button type="button" className="primary" onClick={copy} disabled={!shown}>{copied ? t('result.copied') : t('result.copy')}</button>
              {shown.trim().includes('\n') && (
                <button type="button" onClick={copyOneLine} data-testid="copy-one-line">{t('result.copyOneLine')}</button>
              )}
              {draft === null ? (
                <button type="button" onClick={() => setDraft(shown)} disabled={entry.status === 'pending'}>{t('result.edit')}</button>
              ) : (
                <>
                  <button type="button" className="primary" onClick={save} aria-keyshortcuts="Control+Enter" title={`${modKey()}Enter`}>{t('result.save')}</button>
                  <button type="button" onClick={() => setDraft(null)} aria-keyshortcuts="Escape">{t('result.cancelEdit')}</button>
                </>
              )}
              {entry.editedText !== null && draft === null && (
                <button type="button" onClick={() => run(() => api.history.edit(entry.id, null))}>{t('result.revert')}</button>
              )}
              <button type="button" onClick={() => run(() => api.history.pin(entry.id, !entry.pinned))}>{entry.pinned ? t('result.unpin') : t('result.pin')}</button>
              <button type="button" onClick={exportOne}>{t('result.export')}</button>
              {entry.page && (
                <button type="button" onClick={() => run(async () => {
                  const result = await api.history.export({ format: 'md', document: entry.page!.document });
                  if (result.saved) onMessage(t('result.exported', { count: result.count, file: result.fileName }));
                })} data-testid="export-document">{t('result.exportDocument')}</button>
              )}
              {entry.page && (
                <button type="button" onClick={() => run(async () => {
                  const result = await api.history.export({ format: 'pdf', document: entry.page!.document });
                  if (result.saved) onMessage(t('result.exported', { count: result.count, file: result.fileName }));
                })} data-testid="export-searchable">{t('result.exportSearchable')}</button>
              )}
              <button type="button" className="danger" onClick={() => onDelete(entry.id)}>{t('result.delete')}</button>
            </>
          )}
        </div>
        {entry.error && !streaming && (
          <ErrorBox
            error={entry.error}
            canRetry={entry.error.retryable && (entry.hasImage || entry.sourceKind === 'file')}
            canGoOffline={entry.engine === 'qwen' && entry.hasImage}
            onRetry={() => run(() => api.ocr.retry(entry.id))}
            onOffline={() => run(() => api.ocr.rerun(entry.id, { engine: 'local' }))}
            onOpenSettings={onOpenSettings}
          />
        )}
        {!streaming && entry.codes && entry.codes.length > 0 && (
          <CodesList codes={entry.codes} onCopy={(text) => void copyWords(text)} onOpen={(url) => void run(() => api.app.openUrl(url))} />
        )}
        {!streaming && scripts.length > 0 && <ScriptNotice warnings={scripts} hasKey={hasKey} onOpenSettings={onOpenSettings} onQwen={readWithQwen} />}
        {/* A script notice already names the cause and the way out: the doubt notice would only say it again. */}
        {!streaming && scripts.length === 0 && (doubts.size > 0 || unsure(entry)) && (
          <DoubtNotice lines={doubts.size} unsure={unsure(entry)} hasKey={hasKey} source={entry.sourceKind} onQwen={readWithQwen} onOpenSettings={onOpenSettings} />
        )}
        {draft === null ? (
          <pre ref={textPanel} className="text" style={tabs === undefined ? undefined : { tabSize: `${tabs}ch` }} data-testid="result-text" aria-busy={streaming} tabIndex={0} role="textbox" aria-readonly="true" aria-multiline="true" aria-label={t('result.textLabel')}>
            {chosenWords.size > 0 || doubts.size > 0 ? (
              <ShownText text={shown} ranges={ranges} chosen={chosenWords} doubts={doubts} />
            ) : (
              shown || (streaming ? <span className="reading">{t('result.reading')}</span> : '')
            )}
          </pre>
        ) : (
          <textarea ref={editor} className="text" aria-label={t('result.editLabel')} value={draft} onChange={(event) => setDraft(event.target.value)} data-testid="editor" />
        )}
        {entry.hasImage && !streaming && (
          <div className="rerun">
            <label>
              {t('result.engine')}
              <select
                value={rerunEngine}
                data-testid="rerun-engine"
                onChange={(event) => {
                  const next = event.target.value as EngineName;
                  setRerunEngine(next);
                  if (next === 'qwen' && !rerunModel.trim()) setRerunModel(DEFAULT_MODEL);
                }}
              >
                <option value="qwen">{t('engineName.qwen')}</option>
                <option value="local">{t('engineName.local')}</option>
              </select>
            </label>
            <label>
              {t('result.mode')}
              <select value={rerunEngine === 'local' ? 'text' : rerunTask} data-testid="rerun-mode" disabled={rerunEngine === 'local'} onChange={(event) => setRerunTask(event.target.value as Task)}>
                <TaskOptions t={t} />
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
                run(() =>
                  api.ocr.rerun(entry.id, rerunEngine === 'local' ? { engine: 'local' } : { task: rerunTask, engine: 'qwen', ...(rerunModel.trim() ? { model: rerunModel.trim() } : {}) }),
                )
              }
            >
              {t('result.rerun')}
            </button>
            {rerunEngine === 'local' && <small className="hint">{t('result.localTextOnly')}</small>}
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
            entry.cost && !customEndpoint ? t('result.cost', { cost: formatCost(entry.cost, i18n.language, REGION_PRICES[entry.region ?? 'cn'].currency) }) : null,
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

/** A failure said once, in the reader's language, with the action that helps; the service's own words folded away. */
function ErrorBox({ error, canRetry, canGoOffline, onRetry, onOffline, onOpenSettings }: {
  error: ErrorView;
  canRetry: boolean;
  canGoOffline: boolean;
  onRetry: () => void;
  onOffline: () => void;
  onOpenSettings: () => void;
}) {
  const { t } = useTranslation();
  const summary = t(`errorCode.${error.code}`, { defaultValue: '' }) || error.message;
  return (
    <div className="error-box" role="alert" data-testid="error-box">
      <p>{summary}</p>
      {summary !== error.message && (
        <details>
          <summary>{t('error.details')}</summary>
          <p className="detail">{error.message}</p>
        </details>
      )}
      <div className="error-actions">
        {SETTINGS_ERRORS.has(error.code) && <button type="button" className="primary" onClick={onOpenSettings}>{t('error.openSettings')}</button>}
        {canGoOffline && SETTINGS_ERRORS.has(error.code) && <button type="button" onClick={onOffline}>{t('error.useOffline')}</button>}
        {canRetry && <button type="button" className={SETTINGS_ERRORS.has(error.code) ? '' : 'primary'} onClick={onRetry}>{t('error.retry')}</button>}
      </div>
    </div>
  );
}

/** One entry: its image beside its text, the text streaming in while it is read, and everything to do with it. */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryView, JobTicket, RerunOptions } from '../../../preload/api.ts';
import { ImageText } from './ImageText.tsx';
import { imageShape } from '../image-view.ts';
import { CodesList } from './CodesList.tsx';
import { ScriptNotice } from './ScriptNotice.tsx';
import { DoubtNotice } from './DoubtNotice.tsx';
import { ResultText } from './ResultText.tsx';
import { ErrorBox } from './ErrorBox.tsx';
import { BatchWaitNotice } from './BatchWaitNotice.tsx';
import { JobNotes } from './JobNotes.tsx';
import { ResultMeta } from './ResultMeta.tsx';
import { ResultActions } from './ResultActions.tsx';
import { wordRanges, wordsInRange } from '../word-selection.ts';
import { doubtfulLines } from '../doubtful-lines.ts';
import { oneLine } from '../one-line.ts';
import { hitRanges, stepHit } from '../search-hits.ts';
import { shapeText, type LineMode } from '../../../main/text/line-modes.ts';
import { api } from '../api.ts';
import { errorWords } from '../error-words.ts';
import { formatTime } from '../format.ts';
import type { Job } from '../hooks/useJobs.ts';
import { useEntryName } from './HistoryRow.tsx';
import { InPlaceLayer } from './InPlaceLayer.tsx';
import { TextViewSwitch, type TextView } from './TextViewSwitch.tsx';
import { TranslatedText } from './TranslatedText.tsx';
import { useTranslationRun } from '../hooks/useTranslationRun.ts';

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
  /** A notice: an error stays until dismissed. */
  onMessage: (text: string, kind?: 'info' | 'error') => void;
  /** Run again, Retry or another reading started from here: its result is shown when read (useShowWhenDone). */
  onStarted?: (ticket: JobTicket) => void;
  onOpenSettings: () => void;
  /** Esc: back to the list. */
  onLeave: () => void;
  /** How lines are joined (issue 22): the default in Settings, which the result's own control changes. */
  lineMode: LineMode;
  onLineMode: (mode: LineMode) => void;
  /** The list's search: its hits are marked in the text (review M5). */
  query?: string;
  /** Set here to the step between hits, for F3 and the search box's Enter, which the window handles. */
  hitNav?: MutableRefObject<((step: 1 | -1) => void) | null>;
  /** The language last translated into (settings.translateTarget), and what remembers a new one (issue 24). */
  translateTarget?: string;
  onTranslateTarget?: (code: string) => void;
  /** Opens the batch jobs view: a pending entry waiting for a batch job offers it instead of a Cancel. */
  onOpenBatch?: () => void;
}

/**
 * Below this, the offline engine's reading as a whole is probably wrong (a script it does not know, a blurred photo):
 * the doubt notice says so even where no single line is doubtful, and names the language packs (ppocr/pipeline.ts,
 * readingConfidence; a Japanese sentence scores about 0.2, clean Chinese or English above 0.95).
 */
const LOW_CONFIDENCE = 0.85;

const unsure = (entry: EntryView): boolean => entry.status === 'done' && entry.engine === 'local' && entry.confidence !== null && entry.confidence < LOW_CONFIDENCE;

export function ResultView({ entry, job, customEndpoint, hasKey, onDelete, onMessage, onStarted, onOpenSettings, onLeave, lineMode, onLineMode, query = '', hitNav, translateTarget, onTranslateTarget, onOpenBatch }: Props) {
  const { t, i18n } = useTranslation();
  const name = useEntryName();
  // A script that names its pack gets its own notice; text in an unknown one is what the doubt notice says.
  const scripts = entry.warnings.filter((warning) => warning.script !== 'unknown');
  const [image, setImage] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [draft, setDraftState] = useState<string | null>(() => loadDraft(entry.id));
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

  // A batch job's entry waits for the service (up to 24 h): no reading is in hand here to stream or cancel.
  const waitingBatch = entry.status === 'pending' && entry.batch ? entry.batch : null;
  const streaming = entry.status === 'pending' && job !== undefined && !waitingBatch;
  // Shaped by the line mode from the entry's places or its text, every time it is shown: nothing is read again.
  const shown = useMemo(() => (streaming ? job.text : shapeText(entry, lineMode)), [streaming, job?.text, entry, lineMode]);
  const words = useMemo(() => (streaming ? [] : (entry.words ?? [])), [streaming, entry.words]);
  const ranges = useMemo(() => wordRanges(shown, words), [shown, words]);
  const doubts = useMemo(() => doubtfulLines(entry, words, ranges), [entry, words, ranges]);
  // The search's hits in the text as shown; other hits (a new search, mode or text) start again at the first, but
  // the entry fetched again with the same text (history:changed) keeps the place.
  const found = useMemo(() => (streaming || draft !== null ? [] : hitRanges(shown, query)), [streaming, draft, shown, query]);
  const hitsKey = found.flat().join(',');
  const hits = useMemo(() => found, [hitsKey]); // eslint-disable-line react-hooks/exhaustive-deps -- hitsKey stands for found
  const [currentHit, setCurrentHit] = useState(0);
  useEffect(() => setCurrentHit(0), [hitsKey]);
  const stepHits = (step: 1 | -1): void => setCurrentHit((current) => stepHit(current, step, hits.length));
  const stepRef = useRef(stepHits);
  stepRef.current = stepHits;
  useEffect(() => {
    if (!hitNav) return;
    hitNav.current = (step) => stepRef.current(step);
    return () => {
      hitNav.current = null;
    };
  }, [hitNav]);
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
      onMessage(errorWords(t, error), 'error');
    }
  };

  // An image that holds only a code copies the code, and says so (review M10).
  const codeOnly = !streaming && !shown.trim() && entry.status === 'done' && (entry.codes?.length ?? 0) > 0;
  const copyable = codeOnly ? entry.codes!.map((code) => code.text).join('\n') : shown;
  const copy = () =>
    run(async () => {
      await api.clipboard.copy(copyable);
      if (codeOnly) onMessage(t('codes.copied'));
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  const copyOneLine = () =>
    run(async () => {
      await api.clipboard.copy(streaming ? oneLine(shown) : shapeText(entry, 'one-line'));
      onMessage(t('result.copiedOneLine'));
    });
  const copyWords = (text: string) =>
    run(async () => {
      await api.clipboard.copy(text);
      onMessage(t('result.copiedWords', { text: text.length > 48 ? `${text.slice(0, 47)}…` : text }));
    });
  const started = (ticket: JobTicket): void => onStarted?.(ticket);
  const rerun = (request: RerunOptions) => run(async () => started(await api.ocr.rerun(entry.id, request)));
  const readWithQwen = () => void rerun({ engine: 'qwen' });
  const save = () => run(async () => (await api.history.edit(entry.id, draft), setDraft(null)));
  // The translation (issue 24): the view switch, the text streamed so far, and where it is drawn over the picture.
  const [view, setView] = useState<TextView>('original');
  const translating = useTranslationRun(entry, (error) => onMessage(errorWords(t, error), 'error'));
  const translation = translating.view;
  const inPlace = Boolean(image && translation?.lines && translation.lines.length === words.length && words.length > 0);
  const translate = (code: string): void => {
    setView('translation');
    onTranslateTarget?.(code);
    translating.run(code);
  };
  const shownView: TextView = !translation || (view === 'in-place' && !inPlace) ? 'original' : view;

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
    // T switches the picture between the original and the translation drawn over it.
    if ((event.key === 't' || event.key === 'T') && inPlace && !event.ctrlKey && !event.metaKey && !event.altKey && !(event.target instanceof HTMLInputElement) && !(event.target instanceof HTMLSelectElement)) {
      event.preventDefault();
      setView((current) => (current === 'in-place' ? 'original' : 'in-place'));
      return;
    }
    if (event.key === 'Escape' && !(event.target instanceof HTMLSelectElement) && !(event.target instanceof HTMLInputElement)) {
      event.preventDefault();
      onLeave();
    }
  };

  const size = entry.width && entry.height ? `${entry.width}×${entry.height}` : null;
  return (
    <section className="result" aria-labelledby="result-title" data-testid="result" onKeyDown={onKeyDown}>
      <div className={`result-image ${entry.width && entry.height ? imageShape(entry.width, entry.height) : ''}`}>
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
            codes={streaming ? [] : (entry.codes ?? [])}
            layer={
              shownView === 'in-place' && translation?.lines
                ? (scale) => <InPlaceLayer src={image} width={entry.width!} height={entry.height!} words={words} lines={translation.lines!} scale={scale} label={t('translate.inPlaceLabel')} />
                : undefined
            }
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
        <ResultActions
          entry={entry}
          copyable={copyable}
          multiline={shown.trim().includes('\n')}
          copied={copied}
          cancelJob={streaming && job ? () => void run(() => api.ocr.cancel(job.jobId)) : null}
          editing={draft !== null}
          onCopy={() => void copy()}
          onCopyOneLine={() => void copyOneLine()}
          onEdit={() => setDraft(shown)}
          onSave={() => void save()}
          onCancelEdit={() => setDraft(null)}
          onRun={(action) => void run(action)}
          onMessage={onMessage}
          onDelete={() => onDelete(entry.id)}
          onRerun={entry.hasImage ? (request) => void rerun(request) : null}
          onTranslate={streaming ? null : translate}
          translateTarget={translation?.targetLang ?? translateTarget}
        />
        {entry.error && !streaming && (
          <ErrorBox
            error={entry.error}
            canRetry={entry.error.retryable && (entry.hasImage || entry.sourceKind === 'file')}
            canGoOffline={entry.engine === 'qwen' && entry.hasImage}
            onRetry={() => run(async () => started(await api.ocr.retry(entry.id)))}
            onOffline={() => rerun({ engine: 'local' })}
            onOpenSettings={onOpenSettings}
          />
        )}
        {waitingBatch && <BatchWaitNotice batch={waitingBatch} onOpenBatch={onOpenBatch} />}
        <JobNotes entry={entry} job={job} streaming={streaming} onRun={(action) => void run(action)} />
        {!streaming && entry.codes && entry.codes.length > 0 && (
          <CodesList codes={entry.codes} onCopy={(text, said) => void (said ? run(async () => (await api.clipboard.copy(text), onMessage(said))) : copyWords(text))} onOpen={(url) => void run(() => api.app.openUrl(url))} />
        )}
        {!streaming && scripts.length > 0 && <ScriptNotice warnings={scripts} hasKey={hasKey} onOpenSettings={onOpenSettings} onQwen={readWithQwen} />}
        {/* A script notice already names the cause and the way out: the doubt notice would only say it again. */}
        {!streaming && scripts.length === 0 && (doubts.size > 0 || unsure(entry)) && (
          <DoubtNotice lines={doubts.size} unsure={unsure(entry)} hasKey={hasKey} source={entry.sourceKind} onQwen={readWithQwen} onOpenSettings={onOpenSettings} />
        )}
        {translation && draft === null && <TextViewSwitch view={shownView} onView={setView} inPlace={inPlace} />}
        {translation && draft === null && shownView !== 'original' ? (
          <TranslatedText translation={translation} streamed={translating.streamed} region={entry.region ?? null} customEndpoint={customEndpoint} onCancel={() => void run(() => api.translate.cancel(entry.id))} />
        ) : draft === null && !streaming && !shown ? (
          // Nothing read: no empty box (reviews M10, M11); a failure is said above, a code-only image's code too.
          entry.status === 'done' && !codeOnly && <p className="muted no-text" data-testid="no-text">{t('list.noText')}</p>
        ) : (
          <ResultText
            entry={entry}
            text={shown}
            streaming={streaming}
            draft={draft}
            onDraft={setDraft}
            editor={editor}
            panel={textPanel}
            ranges={ranges}
            chosen={chosenWords}
            doubts={doubts}
            lineMode={lineMode}
            onLineMode={onLineMode}
            onCopy={(text, said) => void run(async () => (await api.clipboard.copy(text), onMessage(said)))}
            hits={hits}
            currentHit={currentHit}
            onStepHit={stepHits}
          />
        )}
        <ResultMeta entry={entry} customEndpoint={customEndpoint} />
      </div>
    </section>
  );
}

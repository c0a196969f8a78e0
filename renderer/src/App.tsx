/** The main window: the history beside the selected result, a search that answers as you type, and settings. */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyStatus, EntryStatus, EngineName, ExportRequest, HistoryFilterView, SettingsView as Settings } from '../../preload/api.ts';
import { api, modKey } from './api.ts';
import { errorWords } from './error-words.ts';
import { FirstRun, FirstRunTip, firstRunDismissed, rememberFirstRunDismissed } from './components/FirstRun.tsx';
import { ListToggle } from './components/ListToggle.tsx';
import { MatchCount } from './components/MatchCount.tsx';
import { HistoryList } from './components/HistoryList.tsx';
import { NoMatches } from './components/NoMatches.tsx';
import { QueueBar } from './components/QueueBar.tsx';
import { ResultView } from './components/ResultView.tsx';
import { SelectionBar } from './components/SelectionBar.tsx';
import { SettingsView } from './components/SettingsView.tsx';
import { BatchJobsView } from './components/BatchJobsView.tsx';
import { DropChoice, type SeveralDropped } from './components/DropChoice.tsx';
import { Toasts } from './components/Toast.tsx';
import { PasswordPrompt } from './components/PasswordPrompt.tsx';
import { hotkeyLabel } from './hotkey.ts';
import { useDebounced } from './hooks/useDebounced.ts';
import { send as sendDropped, useDropAndPaste } from './hooks/useDropAndPaste.ts';
import { useBatchJobs } from './hooks/useBatchJobs.ts';
import { useHistory } from './hooks/useHistory.ts';
import { useListCollapsed } from './hooks/useListCollapsed.ts';
import { useTabWrap } from './hooks/useTabWrap.ts';
import { useEntry } from './hooks/useEntry.ts';
import { isActive, useJobs } from './hooks/useJobs.ts';
import { useSelection } from './hooks/useSelection.ts';
import { useShowWhenDone } from './hooks/useShowWhenDone.ts';
import { useToasts, type ToastKind } from './hooks/useToasts.ts';
import { languageFor, setLanguage } from './i18n/index.ts';
import { applyTheme } from './theme.ts';

/** Unseen results are remembered across a reload, like drafts. */
const FRESH = 'readout.fresh';
const loadFresh = (): Set<number> => {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(FRESH) ?? '[]');
    return new Set(Array.isArray(saved) ? saved.filter((id): id is number => typeof id === 'number') : []);
  } catch {
    return new Set();
  }
};
const storeFresh = (ids: ReadonlySet<number>): void => sessionStorage.setItem(FRESH, JSON.stringify([...ids]));
const isShortcut = (event: KeyboardEvent | globalThis.KeyboardEvent, key: string): boolean =>
  (event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === key;

export function App({ initial }: { initial: { settings: Settings; apiKey: ApiKeyStatus } }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState(initial.settings);
  const [apiKey, setApiKey] = useState(initial.apiKey);
  const [view, setView] = useState<'history' | 'settings' | 'batch'>('history');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<EntryStatus | ''>('');
  const [engine, setEngine] = useState<EngineName | ''>('');
  const [hidden, setHidden] = useState<Set<number>>(new Set());
  const toasts = useToasts();
  const { push: say, undone: dropToast } = toasts;
  const message = useCallback((text: string, kind?: ToastKind) => void say({ text, kind }), [say]);
  const [showFirstRun, setShowFirstRun] = useState(() => !firstRunDismissed());
  /** Entries that finished while the user was elsewhere: marked in the list and counted in the title until seen. */
  const [fresh, setFresh] = useState<Set<number>>(loadFresh);
  const [focusResult, setFocusResult] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  /** The opened result's step between a search's hits (ResultView sets it): F3 and the search box's Enter. */
  const hitNav = useRef<((step: 1 | -1) => void) | null>(null);
  /** What had the focus before Settings opened (its test id, as the element itself goes with the view). */
  const beforeSettings = useRef<string | null>(null);
  /** Deleted entries, hidden until their notice goes (its clock waits while the pointer is on it) or Undo. */
  const pendingDelete = useRef<{ ids: number[]; toast: number; undo: () => void } | null>(null);

  const filter = useMemo<HistoryFilterView>(() => ({ status: status ? [status] : undefined, engine: engine ? [engine] : undefined }), [status, engine]);
  const [composing, setComposing] = useState(false);
  const [settledQuery, setSettledQuery] = useState('');
  useEffect(() => {
    if (!composing) setSettledQuery(query);
  }, [query, composing]);
  // A search takes a few milliseconds, so the pause only folds keys that land together (a paste, key repeat).
  const debouncedQuery = useDebounced(settledQuery, 12);
  const history = useHistory(debouncedQuery, filter);
  /** PDF documents folded to their first page in the list (review L15). */
  const [folded, setFolded] = useState<ReadonlySet<number>>(new Set());
  const rows = useMemo(
    () => history.rows.filter((row) => !hidden.has(row.entry.id) && !(row.group && !row.group.first && folded.has(row.entry.page!.document))),
    [history.rows, hidden, folded],
  );
  const foldDocument = useCallback((document: number, fold?: boolean) => {
    setFolded((current) => {
      const next = new Set(current);
      if (fold ?? !next.has(document)) next.add(document);
      else next.delete(document);
      return next;
    });
  }, []);
  /** End pressed while more of the history was still to load: it loads to the end, then goes there (review L4). */
  const [toEnd, setToEnd] = useState(false);
  const selection = useSelection(rows);
  const { currentId, chosen } = selection;
  const visibleId = rows.some((row) => row.entry.id === currentId) ? currentId : null;
  const selected = useEntry(visibleId);
  const currentRef = useRef(visibleId);
  currentRef.current = visibleId;

  const { jobs } = useJobs({
    // Only a capture the user just made opens by itself: every other result waits as a marked row.
    onReveal: useCallback((entryId: number) => selection.select(entryId), [selection]),
    onFinished: useCallback((entryId: number) => {
      if (entryId !== currentRef.current) setFresh((current) => new Set(current).add(entryId));
    }, []),
  });
  const jobList = [...jobs.values()];
  const jobFor = (entryId: number) => jobList.find((job) => job.entryId === entryId && job.state === 'reading');
  const streamed = useMemo(() => new Map(jobList.filter((job) => isActive(job) && job.entryId !== null).map((job) => [job.entryId!, job.text])), [jobs]); // eslint-disable-line react-hooks/exhaustive-deps
  const showError = useCallback((error: unknown) => void say({ text: errorWords(t, error), kind: 'error' }), [t, say]);
  // One file opened, pasted or dropped, Run again and Retry show their result once read, unless an edit is open there.
  const showWhenDone = useShowWhenDone(
    useCallback((entryId: number) => {
      if (document.querySelector('[data-testid="editor"]')) return;
      selection.select(entryId);
    }, [selection]),
  );
  const openFiles = useCallback(() => void api.ocr.openFiles().then(showWhenDone.track, showError), [showWhenDone, showError]);
  // Several files or a folder dropped, where a batch could take them (a key, or an endpoint of one's own): asked first (issue 26).
  const batch = useBatchJobs();
  const [several, setSeveral] = useState<SeveralDropped | null>(null);
  const canBatch = settings.engine === 'qwen' && (apiKey.set || Boolean(settings.baseUrl));
  const dragging = useDropAndPaste(showError, showWhenDone.track, canBatch ? setSeveral : undefined);
  const readDroppedNow = useCallback((drop: SeveralDropped) => {
    setSeveral(null);
    void sendDropped(drop.files, 'drop', showError).then(showWhenDone.track, showError);
  }, [showError, showWhenDone]);
  const batchDropped = useCallback((drop: SeveralDropped) => {
    setSeveral(null);
    void api.batch.submitFiles(drop.all).then((jobs) => {
      if (!jobs) return;
      batch.setJobs(jobs);
      say({ text: t('batchJobs.drop.sent', { count: jobs[0]?.total ?? 0 }) });
      setView('batch');
    }, showError);
  }, [batch, say, t, showError]);

  useEffect(() => applyTheme(settings.theme), [settings.theme]);
  useEffect(() => {
    void setLanguage(languageFor(settings.language, navigator.language));
  }, [settings.language]);
  useEffect(() => {
    const unsubscribe = api.on('app:navigate', ({ view: next }) => setView(next));
    // Asked for while this page was still loading: the event went by before anyone listened.
    void api.app.takeView().then((next) => next && setView(next));
    return unsubscribe;
  }, []);
  useEffect(() => storeFresh(fresh), [fresh]);
  // A failed capture, said by its notification or with the window in front (review H3): its entry opens, error box and all.
  useEffect(() => api.on('app:showEntry', ({ entryId }) => (setView('history'), selection.select(entryId))), [selection]);
  // Auto-copy says so in the window too (review L7).
  useEffect(() => api.on('ocr:copied', ({ count }) => void say({ text: t('toast.copied', { count }) })), [t, say]);
  // A search shows its first result at once, rather than an empty pane beside the matches (review L1).
  useEffect(() => {
    if (debouncedQuery.trim() && visibleId === null && rows[0]) selection.select(rows[0].entry.id);
  }, [debouncedQuery, rows, visibleId, selection]);
  // Seen once shown.
  useEffect(() => {
    if (visibleId !== null && fresh.has(visibleId)) setFresh((current) => new Set([...current].filter((id) => id !== visibleId)));
  }, [visibleId, fresh]);
  useEffect(() => {
    document.title = fresh.size > 0 ? t('app.titleNew', { count: fresh.size }) : 'Readout';
  }, [fresh.size, t]);
  // Enter on a row whose entry was still loading: the result takes the focus once it is there.
  useEffect(() => {
    if (!focusResult || !selected || selected.id !== visibleId) return;
    setFocusResult(false);
    document.querySelector<HTMLElement>('[data-testid="result"] .actions button')?.focus();
  }, [focusResult, selected, visibleId]);

  const commitDelete = useCallback(() => {
    const pending = pendingDelete.current;
    if (!pending) return;
    pendingDelete.current = null;
    dropToast(pending.toast);
    void api.history.delete(pending.ids).catch(showError);
  }, [showError, dropToast]);

  /** Hides the entries at once and deletes them only when the undo window closes. */
  const deleteWithUndo = useCallback(
    (ids: number[]) => {
      commitDelete();
      const index = rows.findIndex((row) => ids.includes(row.entry.id));
      setHidden((current) => new Set([...current, ...ids]));
      const next = rows.slice(index + 1).find((row) => !ids.includes(row.entry.id)) ?? rows.slice(0, index).at(-1);
      selection.select(next?.entry.id ?? null);
      const undo = (): void => {
        const pending = pendingDelete.current;
        if (pending?.ids !== ids) return;
        pendingDelete.current = null;
        dropToast(pending.toast);
        setHidden((current) => new Set([...current].filter((id) => !ids.includes(id))));
        selection.select(ids[0] ?? null);
      };
      const toast = say({
        text: t('toast.deleted', { count: ids.length }),
        undo,
        onExpire: () => {
          if (pendingDelete.current?.ids === ids) commitDelete();
        },
      });
      pendingDelete.current = { ids, toast, undo };
    },
    [rows, commitDelete, t, selection, say, dropToast],
  );

  useEffect(() => {
    window.addEventListener('beforeunload', commitDelete);
    return () => window.removeEventListener('beforeunload', commitDelete);
  }, [commitDelete]);

  const openSettings = useCallback(() => {
    beforeSettings.current = (document.activeElement as HTMLElement | null)?.dataset.testid ?? null;
    setView('settings');
    // Focus into the page, not left on <body>.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.settings-title')?.focus());
  }, []);
  const leaveSettings = useCallback(() => {
    setView('history');
    // Back where the user was before Settings.
    const target = beforeSettings.current;
    requestAnimationFrame(() =>
      (document.querySelector<HTMLElement>(`[data-testid="${target ?? 'history-list'}"]`) ?? document.querySelector<HTMLElement>('[data-testid="history-list"]'))?.focus(),
    );
  }, []);
  const openBatch = useCallback(() => {
    beforeSettings.current = (document.activeElement as HTMLElement | null)?.dataset.testid ?? null;
    setView('batch');
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.batch-jobs-title')?.focus());
  }, []);
  const capture = useCallback(() => void api.capture.start().catch(showError), [showError]);
  const list = useListCollapsed(view === 'history');
  useTabWrap();

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      const inField = event.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      if (isShortcut(event, 'f')) {
        event.preventDefault();
        setView('history');
        search.current?.focus();
        search.current?.select();
      } else if (event.key === 'F3' && !event.ctrlKey && !event.metaKey && !event.altKey && view === 'history') {
        // The next (Shift: previous) hit of the search in the opened result (review M5), as in a browser's find.
        event.preventDefault();
        hitNav.current?.(event.shiftKey ? -1 : 1);
      } else if (isShortcut(event, 'o')) {
        event.preventDefault();
        openFiles();
      } else if (isShortcut(event, ',')) {
        event.preventDefault();
        if (view === 'settings') leaveSettings();
        else openSettings();
      } else if (isShortcut(event, 'z') && !inField && pendingDelete.current) {
        event.preventDefault();
        pendingDelete.current.undo();
      } else if (event.key === 'Escape' && view !== 'history' && !event.defaultPrevented) {
        event.preventDefault();
        leaveSettings();
      } else return;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openFiles, view, openSettings, leaveSettings]);

  const onListKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = rows.findIndex((row) => row.entry.id === currentId);
    const move = (to: number): void => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, to))];
      if (row) selection.select(row.entry.id, { range: event.shiftKey, toggle: false });
    };
    const targets = chosen.size > 0 ? [...chosen] : visibleId !== null ? [visibleId] : [];
    if (event.key === 'ArrowDown') move(index < 0 ? 0 : index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') {
      if (history.hasMore) setToEnd(true);
      move(rows.length - 1);
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      // A page is as many rows as the list shows, less one kept in view for context.
      const page = Math.max(1, Math.floor((event.currentTarget.clientHeight || 78) / 78) - 1);
      move((index < 0 ? 0 : index) + (event.key === 'PageDown' ? page : -page));
    } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && visibleId !== null) {
      // ← folds the current page's document to its first page, → unfolds it.
      const document = rows[index]?.entry.page?.document;
      if (document === undefined || !rows[index]?.group) return;
      foldDocument(document, event.key === 'ArrowLeft');
      if (event.key === 'ArrowLeft') {
        const first = rows.find((row) => row.entry.page?.document === document && row.group?.first);
        if (first) selection.select(first.entry.id);
      }
    }
    else if (event.key === 'Enter' && visibleId !== null) setFocusResult(true);
    else if (isShortcut(event, 'a')) selection.chooseAll();
    else if (event.key === 'Escape' && chosen.size > 0) selection.select(currentId);
    // Keys act on the selected rows at once, not on the full entry, which may still be loading after a move.
    else if ((event.key === 'Delete' || event.key === 'Backspace') && targets.length > 0) deleteWithUndo(targets);
    else if (isShortcut(event, 'c') && visibleId !== null && !window.getSelection()?.toString()) {
      const id = visibleId;
      void (async () => {
        const entry = selected?.id === id ? selected : await api.history.get(id);
        if (!entry) return;
        await api.clipboard.copy(entry.editedText ?? entry.text);
        say({ text: t('result.copied') });
      })().catch(showError);
    } else return;
    event.preventDefault();
  };

  // End goes on loading pages until the last is in, then to its last row.
  useEffect(() => {
    if (!toEnd) return;
    if (history.hasMore) {
      if (!history.loading) void history.loadMore();
      return;
    }
    setToEnd(false);
    const last = rows.at(-1);
    if (last) selection.select(last.entry.id);
  }, [toEnd, history, rows, selection]);

  /** A document's pages (from its header) or the chosen entries (from the selection bar), in the format picked. */
  const exportEntries = (request: ExportRequest): void =>
    void api.history.export(request).then((result) => {
      if (result.saved) say({ text: t('result.exported', { count: result.count, file: result.fileName }) });
    }, showError);

  const hotkey = hotkeyLabel(settings.hotkey);
  const firstRunVisible = showFirstRun && !apiKey.set && !settings.baseUrl;
  /** Nothing in the history at all: the window says how text gets in, once, and offers no filters (review L6). */
  const historyEmpty = !history.loading && rows.length === 0 && !query.trim() && !status && !engine;
  const dismissFirstRun = () => (rememberFirstRunDismissed(), setShowFirstRun(false));
  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="visually-hidden">Readout</h1>
        {view === 'history' ? (
          <>
            <ListToggle collapsed={list.collapsed} onToggle={list.toggle} />
            <button type="button" className="primary capture" onClick={capture} data-testid="capture" aria-keyshortcuts={settings.hotkey} title={t('toolbar.captureTitle', { hotkey })}>
              {t('toolbar.capture')} <kbd>{hotkey}</kbd>
            </button>
            <button type="button" onClick={openFiles} data-testid="open">{t('toolbar.open')}</button>
            <input
              ref={search}
              type="search"
              className="search"
              placeholder={`${t('toolbar.search')} (${modKey()}F)`}
              aria-label={t('toolbar.searchLabel')}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              // Pinyin and other IMEs type Latin letters before the characters they stand for: search once they land.
              onCompositionStart={() => setComposing(true)}
              onCompositionEnd={() => setComposing(false)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.nativeEvent.isComposing && hitNav.current) {
                  // Enter steps through the opened result's hits, Shift+Enter back (review M5).
                  event.preventDefault();
                  hitNav.current(event.shiftKey ? -1 : 1);
                  return;
                }
                if (event.key !== 'ArrowDown') return;
                event.preventDefault();
                document.querySelector<HTMLElement>('[data-testid="history-list"]')?.focus();
                // The first row is selected as the list takes the focus, so the first ↓ lands somewhere.
                if (currentId === null && rows[0]) selection.select(rows[0].entry.id);
              }}
              data-testid="search"
            />
            {!historyEmpty && (
              <>
                <select aria-label={t('toolbar.filterStatus')} value={status} onChange={(event) => setStatus(event.target.value as EntryStatus | '')} data-testid="filter-status">
                  <option value="">{t('toolbar.allStatuses')}</option>
                  {(['done', 'pending', 'failed', 'cancelled'] as const).map((s) => <option key={s} value={s}>{t(`statusName.${s}`)}</option>)}
                </select>
                <select aria-label={t('toolbar.filterEngine')} value={engine} onChange={(event) => setEngine(event.target.value as EngineName | '')}>
                  <option value="">{t('toolbar.allEngines')}</option>
                  <option value="qwen">{t('engineName.qwen')}</option>
                  <option value="local">{t('engineName.local')}</option>
                </select>
              </>
            )}
            <span className="spacer" />
            {(batch.jobs.length > 0 || canBatch) && (
              <button
                type="button"
                className="batch-open"
                onClick={openBatch}
                data-testid="open-batch"
              >
                {t('batchJobs.open')}
                {/* The count is said in words, after the visible name (an aria-label would hide "Batch jobs" behind other words: axe label-content-name-mismatch). */}
                {batch.running > 0 && <span className="batch-badge" aria-hidden="true" data-testid="batch-badge">{batch.running}</span>}
                {batch.running > 0 && <span className="visually-hidden">{t('batchJobs.runningSuffix', { count: batch.running })}</span>}
              </button>
            )}
            <button type="button" onClick={openSettings} data-testid="open-settings" aria-keyshortcuts="Control+Comma">{t('toolbar.settings')}</button>
          </>
        ) : (
          <button type="button" onClick={leaveSettings} data-testid="back">← {t('toolbar.back')}</button>
        )}
      </header>
      {view === 'settings' ? (
        <main className="settings-page">
          <SettingsView settings={settings} apiKey={apiKey} onChange={(next, key) => (setSettings(next), setApiKey(key))} onToast={message} />
        </main>
      ) : view === 'batch' ? (
        <main className="settings-page">
          <BatchJobsView jobs={batch.jobs} canBatch={canBatch} onJobs={batch.setJobs} onToast={message} onOpenEntry={(entryId) => (setView('history'), selection.select(entryId))} />
        </main>
      ) : (
        <main className={`split${list.collapsed ? ' list-collapsed' : ''}`}>
          <div className="sidebar" id="history-sidebar">
            {firstRunVisible && !historyEmpty && <FirstRunTip onOpenSettings={openSettings} onDismiss={dismissFirstRun} />}
            {chosen.size > 1 && (
              <SelectionBar chosen={[...chosen]} onExport={exportEntries} onDelete={() => deleteWithUndo([...chosen])} onClear={() => selection.select(currentId)} />
            )}
            {history.count && history.count.count > 0 && <MatchCount count={history.count} />}
            <HistoryList
              rows={rows}
              currentId={visibleId}
              chosen={chosen}
              fresh={fresh}
              streamed={streamed}
              hasMore={history.hasMore}
              loading={history.loading}
              emptyText={debouncedQuery.trim() ? t('list.noMatches', { query: debouncedQuery }) : t('layout.listEmpty')}
              onSelect={selection.select}
              onLoadMore={() => void history.loadMore()}
              onKeyDown={onListKey}
              collapsed={folded}
              onToggleDocument={foldDocument}
              onExportDocument={exportEntries}
            />
          </div>
          {selected ? (
            <ResultView
              key={selected.id}
              entry={selected}
              job={jobFor(selected.id)}
              customEndpoint={Boolean(settings.baseUrl)}
              hasKey={apiKey.set}
              onDelete={(id) => deleteWithUndo([id])}
              onMessage={message}
              onStarted={(ticket) => showWhenDone.track([ticket])}
              onOpenSettings={openSettings}
              // Back to the list, or to its toggle while the list is folded away.
              onLeave={() => document.querySelector<HTMLElement>(`[data-testid="${list.collapsed ? 'list-toggle' : 'history-list'}"]`)?.focus()}
              lineMode={settings.lineMode}
              onLineMode={(lineMode) => void api.settings.update({ lineMode }).then(setSettings, showError)}
              query={debouncedQuery}
              hitNav={hitNav}
              translateTarget={settings.translateTarget}
              onTranslateTarget={(translateTarget) => translateTarget !== settings.translateTarget && void api.settings.update({ translateTarget }).then(setSettings, showError)}
              onOpenBatch={openBatch}
            />
          ) : debouncedQuery.trim() && rows.length === 0 && !history.loading ? (
            // A search that found nothing says so where the result would be, with the way back (review L5).
            <NoMatches query={debouncedQuery.trim()} onClear={() => (setQuery(''), search.current?.focus())} />
          ) : historyEmpty ? (
            <section className="result empty-result" aria-labelledby="first-run-title">
              <FirstRun hotkey={hotkey} engineNote={firstRunVisible} onCapture={capture} onOpen={openFiles} onOpenSettings={openSettings} onDismiss={dismissFirstRun} />
            </section>
          ) : (
            <section className="result empty-result" aria-label={t('result.textLabel')}>
              <p className="muted">{t('result.none', { hotkey })}</p>
            </section>
          )}
        </main>
      )}
      <footer>
        <Toasts toasts={toasts} />
        <QueueBar jobs={jobList} />
      </footer>
      <PasswordPrompt />
      {several && <DropChoice drop={several} onReadNow={() => readDroppedNow(several)} onBatch={() => batchDropped(several)} onCancel={() => setSeveral(null)} />}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <span>{t('drop.hint')}</span>
        </div>
      )}
    </div>
  );
}

/** The main window: the history beside the selected result, a search that answers as you type, and settings. */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyStatus, EntryStatus, EngineName, HistoryFilterView, SettingsView as Settings } from '../../preload/api.ts';
import { api, bridgeError, modKey } from './api.ts';
import { FirstRun } from './components/FirstRun.tsx';
import { HistoryList } from './components/HistoryList.tsx';
import { QueueBar } from './components/QueueBar.tsx';
import { ResultView } from './components/ResultView.tsx';
import { SettingsView } from './components/SettingsView.tsx';
import { Toast, type ToastState } from './components/Toast.tsx';
import { useDebounced } from './hooks/useDebounced.ts';
import { useDropAndPaste } from './hooks/useDropAndPaste.ts';
import { useHistory } from './hooks/useHistory.ts';
import { useEntry } from './hooks/useEntry.ts';
import { useJobs } from './hooks/useJobs.ts';
import { languageFor, setLanguage } from './i18n/index.ts';
import { applyTheme } from './theme.ts';

const UNDO_MS = 6000;
const isShortcut = (event: KeyboardEvent | globalThis.KeyboardEvent, key: string): boolean =>
  (event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === key;

export function App({ initial }: { initial: { settings: Settings; apiKey: ApiKeyStatus } }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState(initial.settings);
  const [apiKey, setApiKey] = useState(initial.apiKey);
  const [view, setView] = useState<'history' | 'settings'>('history');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<EntryStatus | ''>('');
  const [engine, setEngine] = useState<EngineName | ''>('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [hidden, setHidden] = useState<Set<number>>(new Set());
  const [toast, setToast] = useState<ToastState | null>(null);
  const [firstRunDismissed, setFirstRunDismissed] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const pendingDelete = useRef<{ ids: number[]; timer: ReturnType<typeof setTimeout> } | null>(null);

  const filter = useMemo<HistoryFilterView>(() => ({ status: status ? [status] : undefined, engine: engine ? [engine] : undefined }), [status, engine]);
  const [composing, setComposing] = useState(false);
  const [settledQuery, setSettledQuery] = useState('');
  useEffect(() => {
    if (!composing) setSettledQuery(query);
  }, [query, composing]);
  // A search takes a few milliseconds, so the pause only folds keys that land together (a paste, key repeat).
  const debouncedQuery = useDebounced(settledQuery, 12);
  const history = useHistory(debouncedQuery, filter);
  const rows = useMemo(() => history.rows.filter((row) => !hidden.has(row.entry.id)), [history.rows, hidden]);
  const visibleId = rows.some((row) => row.entry.id === selectedId) ? selectedId : null;
  const selected = useEntry(visibleId);
  const onStarted = useCallback((entryId: number) => setSelectedId(entryId), []);
  const { jobs } = useJobs(onStarted);
  const jobFor = (entryId: number) => [...jobs.values()].find((job) => job.entryId === entryId && job.state === 'reading');
  const showError = useCallback((error: unknown) => setToast({ text: t('error.generic', { message: bridgeError(error).message }) }), [t]);
  const dragging = useDropAndPaste(showError);

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

  const commitDelete = useCallback(() => {
    const pending = pendingDelete.current;
    if (!pending) return;
    clearTimeout(pending.timer);
    pendingDelete.current = null;
    void api.history.delete(pending.ids).catch(showError);
  }, [showError]);

  /** Hides the entries at once and deletes them only when the undo window closes. */
  const deleteWithUndo = useCallback(
    (ids: number[]) => {
      commitDelete();
      const index = rows.findIndex((row) => ids.includes(row.entry.id));
      setHidden((current) => new Set([...current, ...ids]));
      const next = rows.slice(index + 1).find((row) => !ids.includes(row.entry.id)) ?? rows.slice(0, index).at(-1);
      setSelectedId(next?.entry.id ?? null);
      const undo = (): void => {
        const pending = pendingDelete.current;
        if (pending) clearTimeout(pending.timer);
        pendingDelete.current = null;
        setHidden((current) => new Set([...current].filter((id) => !ids.includes(id))));
        setSelectedId(ids[0] ?? null);
        setToast(null);
      };
      pendingDelete.current = { ids, timer: setTimeout(() => (commitDelete(), setToast(null)), UNDO_MS) };
      setToast({ text: t('toast.deleted', { count: ids.length }), undo });
    },
    [rows, commitDelete, t],
  );

  useEffect(() => {
    window.addEventListener('beforeunload', commitDelete);
    return () => window.removeEventListener('beforeunload', commitDelete);
  }, [commitDelete]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (isShortcut(event, 'f')) {
        event.preventDefault();
        setView('history');
        search.current?.focus();
        search.current?.select();
      } else if (isShortcut(event, 'o')) {
        event.preventDefault();
        void api.ocr.openFiles().catch(showError);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showError]);

  const onListKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = rows.findIndex((row) => row.entry.id === selectedId);
    const move = (to: number): void => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, to))];
      if (row) setSelectedId(row.entry.id);
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'Enter' && selected) document.querySelector<HTMLElement>('[data-testid="result"] button')?.focus();
    // Keys act on the selected row at once, not on the full entry, which may still be loading after a move.
    else if ((event.key === 'Delete' || event.key === 'Backspace') && visibleId !== null) deleteWithUndo([visibleId]);
    else if (isShortcut(event, 'c') && visibleId !== null && !window.getSelection()?.toString()) {
      const id = visibleId;
      void (async () => {
        const entry = selected?.id === id ? selected : await api.history.get(id);
        if (!entry) return;
        await api.clipboard.copy(entry.editedText ?? entry.text);
        setToast({ text: t('result.copied') });
      })().catch(showError);
    } else return;
    event.preventDefault();
  };

  const showFirstRun = !apiKey.set && !settings.baseUrl && !firstRunDismissed;
  return (
    <div className="app">
      <header className="toolbar">
        {view === 'history' ? (
          <>
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
                if (event.key === 'ArrowDown') document.querySelector<HTMLElement>('[data-testid="history-list"]')?.focus();
              }}
              data-testid="search"
            />
            <select aria-label={t('toolbar.filterStatus')} value={status} onChange={(event) => setStatus(event.target.value as EntryStatus | '')}>
              <option value="">{t('toolbar.allStatuses')}</option>
              {(['done', 'pending', 'failed', 'cancelled'] as const).map((s) => <option key={s} value={s}>{t(`statusName.${s}`)}</option>)}
            </select>
            <select aria-label={t('toolbar.filterEngine')} value={engine} onChange={(event) => setEngine(event.target.value as EngineName | '')}>
              <option value="">{t('toolbar.allEngines')}</option>
              <option value="qwen">{t('engineName.qwen')}</option>
              <option value="local">{t('engineName.local')}</option>
            </select>
            <span className="spacer" />
            <button type="button" className="primary" onClick={() => void api.ocr.openFiles().catch(showError)} data-testid="open">{t('toolbar.open')}</button>
            <button type="button" onClick={() => setView('settings')} data-testid="open-settings">{t('toolbar.settings')}</button>
          </>
        ) : (
          <button type="button" onClick={() => setView('history')} data-testid="back">← {t('toolbar.back')}</button>
        )}
      </header>
      {view === 'settings' ? (
        <main className="settings-page">
          <SettingsView settings={settings} apiKey={apiKey} onChange={(next, key) => (setSettings(next), setApiKey(key))} />
        </main>
      ) : (
        <main className="split">
          <div className="sidebar">
            {showFirstRun && <FirstRun onOpenSettings={() => setView('settings')} onDismiss={() => setFirstRunDismissed(true)} />}
            <HistoryList
              rows={rows}
              selectedId={selectedId}
              hasMore={history.hasMore}
              loading={history.loading}
              emptyText={debouncedQuery.trim() ? t('list.noMatches', { query: debouncedQuery }) : t('list.empty', { paste: `${modKey()}V` })}
              onSelect={setSelectedId}
              onLoadMore={() => void history.loadMore()}
              onKeyDown={onListKey}
            />
          </div>
          {selected ? (
            <ResultView key={selected.id} entry={selected} job={jobFor(selected.id)} onDelete={(id) => deleteWithUndo([id])} onMessage={(text) => setToast({ text })} />
          ) : (
            <section className="result empty-result"><p className="muted">{t('result.none')}</p></section>
          )}
        </main>
      )}
      <footer>
        <QueueBar jobs={[...jobs.values()]} />
        <Toast toast={toast} onClose={() => setToast(null)} />
      </footer>
      {dragging && <div className="drop-overlay" aria-hidden="true">{t('drop.hint')}</div>}
    </div>
  );
}

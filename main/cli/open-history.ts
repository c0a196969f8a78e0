/** The CLI's door to the history: the app's data folder unless --data-dir says otherwise. */
import { HistoryStore } from '../history/store.ts';
import { defaultDataDir, historyFile } from '../paths.ts';

export function openHistory(dataDir: string | undefined): HistoryStore {
  const store = new HistoryStore(historyFile(dataDir ?? defaultDataDir()));
  store.recoverInterrupted();
  return store;
}

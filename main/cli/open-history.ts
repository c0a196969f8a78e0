/** The CLI's door to the history: the app's data folder unless --data-dir says otherwise. */
import { HistoryStore } from '../history/store.ts';
import { defaultDataDir, historyFile } from '../paths.ts';

/** `readOnly`: for the commands that only read, which then work on a history that cannot be written. */
export function openHistory(dataDir: string | undefined, options: { readOnly?: boolean } = {}): HistoryStore {
  const store = new HistoryStore(historyFile(dataDir ?? defaultDataDir()), options);
  if (!store.readOnly) store.recoverInterrupted();
  return store;
}

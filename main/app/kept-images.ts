/**
 * After each reading the app makes, whatever brought the file in (a job, the Local API, a watched folder): its image
 * dropped where Settings keep none, and the history's images kept under their size cap.
 */
import type { HistoryStore } from '../history/store.ts';
import type { Settings } from '../settings/schema.ts';

export function keepImagesAsSet(history: Pick<HistoryStore, 'dropImage' | 'pruneImages'>, entryId: number, settings: Pick<Settings, 'keepImages' | 'historyCapMb'>): void {
  if (!settings.keepImages) history.dropImage(entryId);
  if (settings.historyCapMb > 0) history.pruneImages(settings.historyCapMb * 1024 * 1024);
}

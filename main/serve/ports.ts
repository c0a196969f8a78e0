/** What the local API needs from the rest of Readout, as small interfaces the tests can stand in for. */
import type { Page, SearchHit, Source } from '../history/types.ts';
import type { ErrorHints, FileReport } from '../reading/report.ts';

/** Reads one file's bytes as `readout` does (main/reading/file-reader.ts's FileReader is one). */
export interface ReadPort {
  readonly engine: { readonly name: string; readonly model: string };
  read(bytes: Uint8Array, file: string, source: Source, hooks?: { signal?: AbortSignal; password?: string; hints?: ErrorHints }): Promise<FileReport[]>;
}

/** Searches the history (main/history/store.ts's HistoryStore is one). */
export interface SearchPort {
  search(query: string, options: { limit?: number }): Page<SearchHit>;
}

/** Starts a capture as the hotkey does (the app only). */
export type CapturePort = () => Promise<void> | void;

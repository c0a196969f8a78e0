/** What the local API needs from the rest of Readout, as small interfaces the tests can stand in for. */
import type { Page, SearchHit } from '../history/types.ts';
import type { ReadPort as FileReadPort } from '../reading/file-reader.ts';

/** Reads one file's bytes as `readout` does (reading/file-reader.ts's FileReader is one), naming its engine. */
export interface ReadPort extends FileReadPort {
  readonly engine: { readonly name: string; readonly model: string };
}

/** Searches the history (main/history/store.ts's HistoryStore is one). */
export interface SearchPort {
  search(query: string, options: { limit?: number }): Page<SearchHit>;
}

/** Starts a capture as the hotkey does (the app only). */
export type CapturePort = () => Promise<void> | void;

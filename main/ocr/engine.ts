import type { PixelBounds } from '../image/smart-resize.ts';
import type { Code } from '../codes/code.ts';
import type { TaskRequest } from './tasks.ts';
import type { Word } from './words.ts';

/** qwen and local read images; pdf is a PDF page's own text layer, taken instead of reading (pdf/text-layer.ts). */
export type EngineName = 'qwen' | 'local' | 'pdf';

/** Token counts as the server reported them (OpenAI's usage object, with DashScope's details when present). */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { image_tokens?: number; text_tokens?: number; cached_tokens?: number } | null;
}

/** What an engine needs of a prepared image. */
export interface EngineImage {
  data: Buffer;
  mime: 'image/png' | 'image/jpeg';
  sentWidth: number;
  sentHeight: number;
}

export interface RecognizeOptions {
  /** The instruction; empty for the task's own (tasks.ts). */
  prompt: string;
  bounds: PixelBounds;
  /** A built-in task (DashScope's native protocol names it; elsewhere its prompt stands for it). Text when absent. */
  task?: TaskRequest;
  /** Hears what a long wait is (the request sent and no text yet, a retry after a failure), where the engine says. */
  onWait?: (wait: EngineWait) => void;
}

/**
 * Why no text has come yet: the request is out and the service silent (since when), or an attempt failed and the next
 * starts at retryAt (attempt `attempt` of `of`; `code` says what failed). Times are ms since the epoch.
 */
export type EngineWait =
  | { state: 'waiting'; since: number }
  | { state: 'retrying'; attempt: number; of: number; retryAt: number; code: string };

export interface RecognizeResult {
  text: string;
  usage: Usage | null;
  model: string;
  engine: EngineName;
  durationMs: number;
  requestId: string | null;
  /** In the price table's currency; 0 for the offline engine, null when the model has no price. */
  cost: number | null;
  /** The DashScope region that answered (and billed), or null for the offline engine and other servers. */
  region?: 'cn' | 'intl' | 'us' | null;
  /** How sure the engine is of the text, 0 to 1, where it says (the offline engine); null where it does not. */
  confidence?: number | null;
  /** The text with its places, in reading order (words.ts), where the engine finds them; null where it does not. */
  words?: Word[] | null;
  /** QR codes and barcodes the pipeline found beside the text (codes/scan.ts); null where it did not scan. */
  codes?: Code[] | null;
  /**
   * Lines the engine found and left unread: the image holds more text than one reading covers (the offline engine's
   * readColumns, ppocr/pipeline.ts); absent when every line found was read.
   */
  unread?: number;
}

export type DeltaListener = (delta: string) => void;

/** Every engine, online or offline, behind one call. */
export interface OcrEngine {
  readonly name: EngineName;
  readonly model: string;
  /** The pixel bounds images should be resized to before they reach this engine. */
  pixelBounds(overrides?: Partial<Omit<PixelBounds, 'factor'>>): PixelBounds;
  recognize(image: EngineImage, options: RecognizeOptions, onDelta: DeltaListener, signal?: AbortSignal): Promise<RecognizeResult>;
  close?(): Promise<void>;
}

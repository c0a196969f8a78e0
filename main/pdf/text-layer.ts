/**
 * A PDF page's own text layer as an engine: where a page already carries its text (a PDF made from a document, not a
 * scan), that text is what the page says, exactly and at once, with nothing sent anywhere. It goes through the same
 * pipeline as a reading (the page's image and its entry are kept all the same).
 */
import type { PixelBounds } from '../image/smart-resize.ts';
import type { DeltaListener, EngineImage, OcrEngine, RecognizeOptions, RecognizeResult } from '../ocr/engine.ts';

export const TEXT_LAYER_MODEL = 'PDF text layer';

export class TextLayerEngine implements OcrEngine {
  readonly name = 'pdf' as const;
  readonly model = TEXT_LAYER_MODEL;
  readonly #text: string;
  readonly #bounds: PixelBounds;

  /** `bounds`: the ones the page was drawn to (the engine that would otherwise have read it). */
  constructor(text: string, bounds: PixelBounds) {
    this.#text = text;
    this.#bounds = bounds;
  }

  pixelBounds(): PixelBounds {
    return this.#bounds;
  }

  async recognize(_image: EngineImage, _options: RecognizeOptions, onDelta: DeltaListener): Promise<RecognizeResult> {
    if (this.#text) onDelta(this.#text);
    return { text: this.#text, usage: null, model: TEXT_LAYER_MODEL, engine: 'pdf', durationMs: 0, requestId: null, cost: 0, words: null };
  }
}

import type { NewEntry } from '../../main/history/store.ts';
import type { RecognizeResult } from '../../main/ocr/engine.ts';

export function newEntry(overrides: Partial<NewEntry> = {}): NewEntry {
  return {
    source: { kind: 'file', path: '/home/user/shot.png', name: 'shot.png' },
    engine: 'qwen',
    model: 'qwen-vl-ocr',
    mode: 'text',
    prompt: 'Read all the text in the image.',
    image: { data: new Uint8Array(1000).fill(7), mime: 'image/png', thumbnail: new Uint8Array(100).fill(3) },
    width: 800,
    height: 600,
    sentWidth: 800,
    sentHeight: 608,
    imageTokens: 477,
    ...overrides,
  };
}

export function result(text: string, overrides: Partial<RecognizeResult> = {}): RecognizeResult {
  return {
    text,
    usage: { prompt_tokens: 489, completion_tokens: 20, total_tokens: 509, prompt_tokens_details: { image_tokens: 477 } },
    model: 'qwen-vl-ocr',
    engine: 'qwen',
    durationMs: 900,
    requestId: 'req-1',
    cost: 0.0025,
    ...overrides,
  };
}

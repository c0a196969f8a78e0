import type { OcrEngine } from './engine.ts';
import { LocalEngine } from './local.ts';
import { QwenEngine, type QwenEngineOptions } from './qwen.ts';

export type EngineChoice = ({ engine: 'qwen' } & QwenEngineOptions) | { engine: 'local' };

export function createEngine(choice: EngineChoice): OcrEngine {
  return choice.engine === 'local' ? new LocalEngine() : new QwenEngine(choice);
}

import type { OcrEngine } from './engine.ts';
import { LocalEngine } from './local.ts';
import type { QwenEngineOptions } from './qwen.ts';

export type EngineChoice = ({ engine: 'qwen' } & QwenEngineOptions) | { engine: 'local' };

/**
 * The engine chosen. Qwen's is loaded only when it is the one: the OpenAI SDK it stands on was most of what a
 * one-image offline run of the command loaded (bench/offline.ts, cold).
 */
export async function createEngine(choice: EngineChoice): Promise<OcrEngine> {
  if (choice.engine === 'local') return new LocalEngine();
  const { QwenEngine } = await import('./qwen.ts');
  return new QwenEngine(choice);
}

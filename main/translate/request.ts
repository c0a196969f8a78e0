/**
 * The chat completions body a translation goes out with, chosen by the model's name (models.ts, isQwenMt):
 *
 * - qwen-mt-*: exactly as Alibaba Model Studio's Qwen-MT page says: "The messages array must contain a single message
 *   with its role set to user. The content of this message is the text to be translated"; languages in
 *   translation_options (source_lang, "auto" to detect it, and target_lang, by English name); a glossary as
 *   translation_options.terms, an array of { source, target }. No system message ("System messages not supported").
 * - anything else (a self-hosted vLLM, any OpenAI-compatible server): an ordinary chat prompt, no translation_options.
 */
import { qwenMtName } from './languages.ts';
import { isQwenMt } from './models.ts';

export interface TranslateRequest {
  text: string;
  /** A code (languages.ts). */
  targetLang: string;
  /** 'auto' or a code. */
  sourceLang: string;
  model: string;
  terms: ReadonlyArray<{ source: string; target: string }>;
}

export interface TranslationBody {
  model: string;
  messages: Array<{ role: 'user'; content: string }>;
  translation_options?: { source_lang: string; target_lang: string; terms?: Array<{ source: string; target: string }> };
}

/** The prompt a model that is not Qwen-MT gets: instructions, then the text. */
export const chatPrompt = (targetName: string, text: string): string =>
  `Translate the following text to ${targetName}. Output only the translation.\n\n${text}`;

export function translationBody(request: TranslateRequest): TranslationBody {
  if (!isQwenMt(request.model)) {
    return { model: request.model, messages: [{ role: 'user', content: chatPrompt(qwenMtName(request.targetLang), request.text) }] };
  }
  const terms = request.terms.map(({ source, target }) => ({ source, target }));
  return {
    model: request.model,
    messages: [{ role: 'user', content: request.text }],
    translation_options: {
      source_lang: qwenMtName(request.sourceLang),
      target_lang: qwenMtName(request.targetLang),
      ...(terms.length > 0 ? { terms } : {}),
    },
  };
}

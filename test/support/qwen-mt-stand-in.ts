/**
 * The DashScope stand-in's text requests (issue 24): Qwen-MT over the OpenAI-compatible chat completions endpoint,
 * exactly as Alibaba Model Studio's "Machine translation (Qwen-MT)" page describes it
 * (https://www.alibabacloud.com/help/en/model-studio/machine-translation, and the same text at
 * https://docs.qwencloud.com/developer-guides/text-generation/qwen-mt), and an ordinary chat model for
 * the prompt path. It refuses what the page forbids:
 * - "The messages array must contain a single message with its role set to user. The content of this message is the
 *   text to be translated." / "Single-turn translation only" / "System messages not supported".
 * - "Set the source language (source_lang) and target language (target_lang) in the translation_options parameter
 *   ... To automatically detect the source language, set source_lang to auto." / "Use the English name or Code
 *   from the table below": a missing or unknown target_lang is refused.
 * - terms: "a glossary in the terms field", an array of { source, target }.
 * - Streaming: "qwen-mt-flash ... supports incremental streaming output"; qwen-mt-turbo and qwen-mt-plus send the
 *   whole translation so far in each chunk (non-incremental), as the page's model differences say.
 * And, as the stand-in's own rule: translation_options is Qwen-MT's parameter, refused on any other model, so a
 * client that mixes the two protocols is caught.
 *
 * Its "translation" is deterministic: each line of the text becomes `[<target_lang>] <line>` (or, for a scripted
 * answer, that answer), so tests can check which line went where.
 */
import { TRANSLATE_LANGUAGES } from '../../main/translate/languages.ts';

export const MT_MODELS_KNOWN = new Set(['qwen-mt-flash', 'qwen-mt-lite', 'qwen-mt-turbo', 'qwen-mt-plus']);
/** The English names (and codes) the page's table lists, as far as the stand-in needs them. */
const NAMES = new Set<string>([...Object.values(TRANSLATE_LANGUAGES), ...Object.keys(TRANSLATE_LANGUAGES)]);

export interface TextRequest {
  model?: string;
  messages?: Array<{ role?: string; content?: unknown }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  translation_options?: { source_lang?: unknown; target_lang?: unknown; terms?: unknown; domains?: unknown };
}

/** Whether a chat request is a text request (its one message's content a string), not an image reading. */
export const isTextRequest = (body: TextRequest): boolean =>
  body.translation_options !== undefined || (Array.isArray(body.messages) && body.messages.some((message) => typeof message.content === 'string'));

export const isMt = (model: string | undefined): boolean => /^qwen-mt-/.test(model ?? '');

/** What the page forbids, one line each; empty for a request made as documented. */
export function textProblems(body: TextRequest): string[] {
  const problems: string[] = [];
  if (typeof body.model !== 'string' || !body.model) problems.push('model missing');
  const messages = body.messages ?? [];
  if (messages.some((message) => message.role === 'system')) problems.push('System messages not supported');
  if (messages.length !== 1) problems.push('The messages array must contain a single message (single-turn translation only)');
  if (messages[0]?.role !== 'user') problems.push('the one message must have role user');
  if (typeof messages[0]?.content !== 'string' || !messages[0].content) problems.push('the user message content must be the text to translate');
  if (body.stream && body.stream_options?.include_usage !== true) problems.push('stream_options.include_usage missing');
  const options = body.translation_options;
  if (!isMt(body.model)) {
    if (options !== undefined) problems.push('translation_options is a Qwen-MT parameter');
    return problems;
  }
  if (!options || typeof options !== 'object') {
    problems.push('translation_options missing');
    return problems;
  }
  if (typeof options.target_lang !== 'string' || !NAMES.has(options.target_lang)) problems.push(`target_lang missing or unknown: ${String(options.target_lang)}`);
  if (options.source_lang !== undefined && (typeof options.source_lang !== 'string' || (options.source_lang !== 'auto' && !NAMES.has(options.source_lang)))) {
    problems.push(`source_lang unknown: ${String(options.source_lang)}`);
  }
  if (options.terms !== undefined) {
    const ok = Array.isArray(options.terms) && options.terms.every((term) => term && typeof term === 'object' && typeof (term as { source?: unknown }).source === 'string' && typeof (term as { target?: unknown }).target === 'string');
    if (!ok) problems.push('terms must be an array of { source, target }');
  }
  return problems;
}

/** The stand-in's translation of a request: scripted text, or each line tagged with the target language. */
export function standInTranslation(body: TextRequest, scripted: string | undefined): string {
  if (scripted !== undefined) return scripted;
  const content = String(body.messages?.[0]?.content ?? '');
  if (isMt(body.model)) {
    const target = String(body.translation_options?.target_lang);
    return content.split('\n').map((line) => `[${target}] ${line}`).join('\n');
  }
  // The chat prompt: "Translate the following text to <Language>. Output only the translation.\n\n<text>".
  const match = /^Translate the following text to ([^.]+)\. Output only the translation\.\n\n([\s\S]*)$/.exec(content);
  if (!match) return 'I am a chat model and did not get a translation prompt.';
  return match[2]!.split('\n').map((line) => `[${match[1]}] ${line}`).join('\n');
}

/** Whether the model streams the whole text so far in each chunk (qwen-mt-turbo, qwen-mt-plus). */
export const streamsWholeText = (model: string | undefined): boolean => /^qwen-mt-(turbo|plus)/.test(model ?? '');

/**
 * DashScope's own protocol for Qwen-VL-OCR, as request and answer mappings (the engine, qwen.ts, does the HTTP).
 * Field names as Alibaba Cloud Model Studio's "Qwen-OCR API reference" (DashScope API section) documents them:
 * - POST {host}/api/v1/services/aigc/multimodal-generation/generation, Authorization: Bearer KEY;
 * - body {model, input: {messages: [{role: 'user', content: [{image, min_pixels, max_pixels, enable_rotate}, {text}]}]},
 *   parameters: {ocr_options: {task, task_config: {result_schema}}, incremental_output, max_tokens, temperature,
 *   top_p}} (enable_rotate sits in the image's content item, beside min_pixels, as the reference's samples put it);
 * - answer {output: {choices: [{finish_reason, message: {role, content: [{text, ocr_result: {words_info: [{text,
 *   location: [x1, y1, ... x4, y4], rotate_rect: [cx, cy, width, height, angle]}]}}]}}]}, usage: {input_tokens,
 *   output_tokens, image_tokens}, request_id};
 * - errors {code, message, request_id} with the HTTP status;
 * - streaming with the header X-DashScope-SSE: enable: server-sent events "result" (each a whole answer object; with
 *   incremental_output true its text is only what is new; finish_reason is "null" until the last, "stop"), and an
 *   "error" event carrying the error object when the request fails after the 200; every event has a comment
 *   ":HTTP_STATUS/NNN" with the status it stands for.
 * Locations are in the pixels of the image the model saw, its own smart_resize of what it was sent (the reference's
 * FAQ draws them on the original by scaling back); Readout sends images already resized to those bounds, so they are
 * in the sent image's pixels.
 */
import { z } from 'zod';
import type { EngineImage, RecognizeOptions, Usage } from './engine.ts';
import { NATIVE_TASK, type TaskRequest } from './tasks.ts';
import type { Word } from './words.ts';
import { toDataUrl } from '../image/prepare.ts';

export const NATIVE_PATH = '/api/v1/services/aigc/multimodal-generation/generation';

/** The native endpoint on the same host as a compatible-mode base URL (…/compatible-mode/v1), or beside any other. */
export function nativeEndpoint(baseURL: string): string {
  const url = new URL(baseURL);
  const root = url.pathname.replace(/\/+$/, '').replace(/\/compatible-mode\/v1$/, '');
  return `${url.origin}${root}${NATIVE_PATH}`;
}

export interface NativeRequestOptions {
  model: string;
  maxTokens: number;
  stream: boolean;
  task: TaskRequest;
}

export function nativeRequest(image: EngineImage, options: RecognizeOptions, settings: NativeRequestOptions): object {
  const { task } = settings;
  const imageItem = {
    image: toDataUrl(image),
    min_pixels: options.bounds.minPixels,
    max_pixels: options.bounds.maxPixels,
    ...(task.rotate ? { enable_rotate: true } : {}),
  };
  return {
    model: settings.model,
    input: { messages: [{ role: 'user', content: [imageItem, { text: options.prompt }] }] },
    parameters: {
      ocr_options: {
        task: NATIVE_TASK[task.task],
        ...(task.task === 'key-info' && task.schema ? { task_config: { result_schema: task.schema } } : {}),
      },
      ...(settings.stream ? { incremental_output: true } : {}),
      max_tokens: settings.maxTokens,
      temperature: 0.1,
      top_p: 0.01,
    },
  };
}

const WORD_INFO = z.object({ text: z.string(), location: z.array(z.number()).length(8) }).loose();

const ANSWER = z
  .object({
    output: z.object({
      choices: z
        .array(
          z
            .object({
              finish_reason: z.string().nullish(),
              message: z
                .object({
                  content: z
                    .array(z.object({ text: z.string().optional(), ocr_result: z.object({ words_info: z.array(WORD_INFO).optional() }).loose().optional() }).loose())
                    .or(z.string()),
                })
                .loose(),
            })
            .loose(),
        )
        .min(1),
    }),
    usage: z
      .object({ input_tokens: z.number().optional(), output_tokens: z.number().optional(), image_tokens: z.number().optional() })
      .loose()
      .nullish(),
    request_id: z.string().optional(),
  })
  .loose();

/**
 * The most word positions one answer may carry: a 4096-token answer holds a few thousand words, and each position is
 * parsed, kept and stored (bad-input review 2, M3: a million of them cost 1.7 GB). Past it the text is kept, not them.
 */
export const MAX_WORDS = 50_000;

/** How many words_info items the answer lists, counted before any is parsed. */
function wordCount(data: unknown): number {
  const content = (data as { output?: { choices?: Array<{ message?: { content?: unknown } }> } } | null)?.output?.choices?.[0]?.message?.content;
  if (!Array.isArray(content)) return 0;
  let count = 0;
  for (const part of content as unknown[]) {
    const words = (part as { ocr_result?: { words_info?: unknown } } | null)?.ocr_result?.words_info;
    if (Array.isArray(words)) count += words.length;
  }
  return count;
}

/** The answer without its word positions (there were too many to keep). */
function withoutWords(data: unknown): unknown {
  const answer = data as { output: { choices: Array<{ message: { content: unknown[] } }> } };
  const content = answer.output.choices[0]!.message.content.map((part) => {
    if (!part || typeof part !== 'object') return part;
    const { ocr_result: _dropped, ...rest } = part as Record<string, unknown>;
    return rest;
  });
  return { ...answer, output: { ...answer.output, choices: [{ ...answer.output.choices[0], message: { ...answer.output.choices[0]!.message, content } }] } };
}

export interface NativePiece {
  /** Set where the answer listed more than MAX_WORDS word positions: how many (words is then null). */
  tooManyWords?: number;
  text: string;
  finished: boolean;
  words: Word[] | null;
  usage: Usage | null;
  requestId: string | null;
}

/** One answer (a whole one, or one streamed event): its text, words, usage and whether it is the last. */
export function parseNativeAnswer(data: unknown): NativePiece | { malformed: string } {
  const listed = wordCount(data);
  if (listed > MAX_WORDS) {
    const piece = parseNativeAnswer(withoutWords(data));
    return 'malformed' in piece ? piece : { ...piece, tooManyWords: listed };
  }
  const parsed = ANSWER.safeParse(data);
  if (!parsed.success) return { malformed: 'its answer has no output.choices with a message' };
  const answer = parsed.data;
  const choice = answer.output.choices[0]!;
  const content = choice.message.content;
  const parts = typeof content === 'string' ? [{ text: content }] : content;
  const text = parts.map((part) => part.text ?? '').join('');
  const infos = parts.flatMap((part) => ('ocr_result' in part && part.ocr_result?.words_info) || []);
  const words: Word[] | null = infos.length
    ? infos.map((info) => {
        const l = info.location;
        return { text: info.text, box: [[l[0]!, l[1]!], [l[2]!, l[3]!], [l[4]!, l[5]!], [l[6]!, l[7]!]], confidence: null };
      })
    : null;
  return {
    text,
    finished: choice.finish_reason !== undefined && choice.finish_reason !== null && choice.finish_reason !== 'null',
    words,
    usage: answer.usage ? usageOf(answer.usage) : null,
    requestId: answer.request_id ?? null,
  };
}

/** DashScope's usage in the OpenAI shape the rest of Readout keeps (costs, history, --json). */
export function usageOf(usage: { input_tokens?: number; output_tokens?: number; image_tokens?: number }): Usage {
  const input = usage.input_tokens ?? 0;
  const output = usage.output_tokens ?? 0;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: input + output,
    ...(usage.image_tokens !== undefined ? { prompt_tokens_details: { image_tokens: usage.image_tokens, text_tokens: Math.max(0, input - usage.image_tokens) } } : {}),
  };
}

/** A native error body: {code, message, request_id}. */
export function parseNativeError(data: unknown): { code: string; message: string; requestId: string | null } | null {
  const parsed = z.object({ code: z.string(), message: z.string().optional(), request_id: z.string().optional() }).loose().safeParse(data);
  if (!parsed.success) return null;
  return { code: parsed.data.code, message: parsed.data.message ?? '', requestId: parsed.data.request_id ?? null };
}

/** The status an event stands for, from its ":HTTP_STATUS/NNN" comment. */
export function statusOfComment(comment: string): number | null {
  const match = /^\s*HTTP_STATUS\/(\d{3})/.exec(comment);
  return match ? Number(match[1]) : null;
}

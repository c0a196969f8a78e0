/**
 * Qwen-VL-OCR's built-in tasks. DashScope's native protocol names them in parameters.ocr_options.task (Alibaba Cloud
 * Model Studio, "Qwen-OCR API reference", DashScope API, ocr_options: text_recognition, key_information_extraction
 * with task_config.result_schema, document_parsing, table_parsing, formula_recognition, multi_lan,
 * advanced_recognition; the service then uses its own prompt for the task). The OpenAI-compatible protocol has no
 * such field, so there each task is asked for with the prompt that does the same job, except advanced recognition,
 * whose positions only the native answer carries.
 */
import { PROMPTS, type Mode } from './prompts.ts';

export const TASKS = ['text', 'key-info', 'document', 'table', 'formula', 'multi-lang', 'advanced'] as const;
export type Task = (typeof TASKS)[number];

export const DEFAULT_TASK: Task = 'text';

/** The names ocr_options.task takes. */
export const NATIVE_TASK: Readonly<Record<Task, string>> = {
  text: 'text_recognition',
  'key-info': 'key_information_extraction',
  document: 'document_parsing',
  table: 'table_parsing',
  formula: 'formula_recognition',
  'multi-lang': 'multi_lan',
  advanced: 'advanced_recognition',
};

/** The modes of earlier versions (`--mode`, the history's mode column) as the tasks that do their job. */
export const TASK_OF_MODE: Readonly<Record<Mode, Task>> = { text: 'text', markdown: 'document', table: 'table', formula: 'formula', json: 'key-info' };

/** The task an entry was read with: the history's mode column holds a task's name, or an earlier version's mode. */
export function taskOfMode(mode: string | null): Task | undefined {
  if ((TASKS as readonly string[]).includes(mode ?? '')) return mode as Task;
  if (mode && mode in TASK_OF_MODE) return TASK_OF_MODE[mode as Mode];
  return undefined;
}

/** A key-information schema: each field's name and what it should hold, as the service's result_schema takes it. */
export type ResultSchema = { [field: string]: string | ResultSchema };

/** What a request asks of the model beyond its prompt. */
export interface TaskRequest {
  task: Task;
  /** key-info only: the fields to extract. */
  schema?: ResultSchema;
  /** Let the service turn a skewed or rotated image upright first (enable_rotate). */
  rotate?: boolean;
}

/** The prompt that does a task's job where the protocol cannot name the task. */
export function promptForTask(request: TaskRequest): string {
  switch (request.task) {
    case 'text':
      return PROMPTS.text;
    case 'document':
      return PROMPTS.markdown;
    case 'table':
      return PROMPTS.table;
    case 'formula':
      return PROMPTS.formula;
    case 'multi-lang':
      return 'Read all the text in the image, in whatever languages and scripts it is written, exactly as written.';
    case 'advanced':
      return 'Locate every line of text in the image and read it.';
    case 'key-info':
      return request.schema
        ? `Extract the key information in the image as one JSON object with exactly these fields (each value says what the field holds): ${JSON.stringify(request.schema)}. Output only the JSON.`
        : PROMPTS.json;
  }
}

/** Deeper than any form's fields (an invoice's line items' fields are three). */
export const MAX_SCHEMA_DEPTH = 16;

/** How deep brackets nest in JSON text, strings skipped, counted without recursion (past 1,000 it stops counting). */
export function jsonDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > 1000) return deepest;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

/**
 * A key-information schema from what a user wrote: a JSON object whose values are descriptions (strings) or nested
 * objects of the same kind. Returns a sentence saying what is wrong, or the schema.
 */
export function parseResultSchema(json: string): { ok: true; schema: ResultSchema } | { ok: false; reason: string } {
  // Nesting is counted before anything recurses over it (the check below, JSON.stringify of the request): 100,000
  // levels threw a RangeError with its stack (bad-input review 2, M2).
  const depth = jsonDepth(json);
  if (depth > MAX_SCHEMA_DEPTH) return { ok: false, reason: `it nests ${depth > 1000 ? 'more than 1,000' : depth} levels deep; a schema may nest ${MAX_SCHEMA_DEPTH}` };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    // V8's message quotes the text, which is the file's (an escape sequence, NULs): only the position is said (L4).
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return { ok: false, reason: `it is not JSON${at ? ` (the error is at character ${at})` : ''}` };
  }
  const check = (node: unknown, path: string): string | null => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return `${path || 'the schema'} must be a JSON object of field names and descriptions`;
    const entries = Object.entries(node);
    if (entries.length === 0) return `${path || 'the schema'} has no fields`;
    for (const [key, inner] of entries) {
      if (typeof inner === 'string') continue;
      // A field's name is the file's text: quoted as JSON, so a control character in it is written as an escape.
      const problem = check(inner, path ? `${path}.${JSON.stringify(key)}` : JSON.stringify(key));
      if (problem) return problem;
    }
    return null;
  };
  const problem = check(value, '');
  return problem ? { ok: false, reason: problem } : { ok: true, schema: value as ResultSchema };
}

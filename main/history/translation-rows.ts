/** An entry's translation as the translations table keeps it (schema.ts, migration 11), and back. */
import type { Translation } from './types.ts';

export const TRANSLATION_COLUMNS =
  'target, source, model, status, text, lines, input_tokens, output_tokens, cost, region, error_code, error_message, created_at';

export interface TranslationRow {
  target: string;
  source: string;
  model: string;
  status: string;
  text: string;
  lines: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
  region: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
}

function parsedLines(json: string | null): string[] | null {
  if (!json) return null;
  try {
    const lines = JSON.parse(json) as unknown;
    return Array.isArray(lines) && lines.every((line) => typeof line === 'string') ? lines : null;
  } catch {
    return null;
  }
}

export function toTranslation(row: TranslationRow): Translation {
  return {
    targetLang: row.target,
    sourceLang: row.source,
    model: row.model,
    status: row.status === 'done' || row.status === 'failed' ? row.status : 'pending',
    text: row.text,
    lines: parsedLines(row.lines),
    usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens },
    cost: row.cost,
    region: row.region,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '', retryable: false } : null,
    createdAt: row.created_at,
  };
}

export function translationValues(t: Translation): Array<string | number | null> {
  return [
    t.targetLang, t.sourceLang, t.model, t.status, t.text, t.lines ? JSON.stringify(t.lines) : null, t.usage.inputTokens, t.usage.outputTokens,
    t.cost, t.region, t.error?.code ?? null, t.error?.message ?? null, t.createdAt,
  ];
}

/**
 * Usage as the server reported it, checked before it is priced or billed (bad-input review 2, M4): the usage ledger
 * is kept apart from the history, so a count that is negative (the month's spending made negative), not finite (1e308
 * twice is Infinity, null in JSON) or absurd would stay in it for good. A count is a whole number of tokens between 0
 * and MAX_TOKENS; anything else and the usage is refused whole (null: the request is not billed), with a line saying why.
 */
import type { Usage } from './engine.ts';

/** Far past any one request: an image is at most ~16,000 tokens and an answer 8,192 (the models' max_tokens). */
export const MAX_TOKENS = 1_000_000;

const count = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TOKENS;

/** The usage where every count is a plausible token count; null (and `log` told) where one is not. */
export function checkedUsage(usage: Usage | null | undefined, log: (message: string) => void): Usage | null {
  if (!usage) return null;
  const details = usage.prompt_tokens_details ?? {};
  const counts: Record<string, unknown> = {
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    ...(usage.total_tokens !== undefined ? { total_tokens: usage.total_tokens } : {}),
    ...Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined && value !== null)),
  };
  const wrong = Object.entries(counts).filter(([, value]) => !count(value));
  if (wrong.length > 0) {
    const said = wrong.map(([name, value]) => `${name} ${typeof value === 'number' ? String(value) : typeof value}`).join(', ');
    log(`The OCR service reported token counts that cannot be right (${said}); this request is not counted in the usage.`);
    return null;
  }
  // The total is ours to add up: a server's own total could disagree with its parts.
  return { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
}

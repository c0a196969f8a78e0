/**
 * Two lines the image wrapped, joined back into one: Chinese and Japanese without a space (they set none), a word
 * the wrap hyphenated made whole again, anything else with one space.
 */
import { NO_SPACE } from './scripts.ts';

/**
 * `above` and `below` as one line. A hyphen at a wrap between two lower-case letters is the wrap's ("infor-" +
 * "mation") unless `elsewhere` (the rest of the text) writes the word with its hyphen ("self-aware"): then it stays.
 */
export function joinWrapped(above: string, below: string, elsewhere = ''): string {
  const left = above.replace(/\s+$/u, '');
  const right = below.replace(/^\s+/u, '');
  if (left === '') return right;
  if (right === '') return left;
  if (NO_SPACE.test(left.at(-1)!) || NO_SPACE.test([...right][0]!)) return left + right;
  const hyphenated = /(\p{L}+)-$/u.exec(left);
  const rest = /^(\p{Ll}+)/u.exec(right);
  if (hyphenated && rest && /\p{Ll}$/u.test(hyphenated[1]!)) {
    const kept = `${hyphenated[1]}-${rest[1]}`;
    return elsewhere.includes(kept) ? left + right : left.slice(0, -1) + right;
  }
  return `${left} ${right}`;
}

/**
 * The in-place view's lines (issue 24): the entry's lines go out joined by "\n", one per line of entry.words in
 * reading order, and the answer is split back by "\n". When the counts differ (the model merged or split a line),
 * there are no per-line translations: the side view still shows the whole text.
 */

/** The text to translate for an entry with lines: each line's text, one per line, none holding a line break. */
export function joinLines(lines: readonly string[]): string {
  return lines.map((line) => line.replace(/\r?\n/g, ' ')).join('\n');
}

/** The answer back as one translation per line, or null when its line count is not `count`. */
export function splitLines(answer: string, count: number): string[] | null {
  const lines = answer.replace(/\r\n/g, '\n').split('\n');
  // A model may end its answer with one line break more.
  if (lines.length === count + 1 && lines.at(-1) === '') lines.pop();
  return lines.length === count ? lines.map((line) => line.trim()) : null;
}

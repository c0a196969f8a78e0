/**
 * A row's one-line preview without Markdown's syntax (review L19): Qwen's table and document tasks answer in
 * Markdown (or an HTML table), and a row that reads "| Item | Qty | Unit price |" or "## Invoice" says less than its
 * words. The first line that has words once the syntax is gone: a table's row as its cells joined with spaces,
 * headings, quotes and list markers dropped, fences and dividers skipped, emphasis, code and links as their text.
 * Only the preview: what is shown, copied and exported stays the text as read.
 */

/** Lines that carry no words of their own: a fence (```json), a table's divider (| --- | :-: |), a rule (---, ***). */
const FENCE = /^\s*(`{3,}|~{3,})/;
const DIVIDER = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

/** A pipe-table row's cells joined with spaces ("| a | b |" or "a | b" with an escaped \| kept as a character). */
function tableRow(line: string): string | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') && !/(?<!\\)\|.*(?<!\\)\|/.test(trimmed)) return null;
  const inner = trimmed.replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'))
    .filter((cell) => cell !== '')
    .join(' ');
}

/** Emphasis, inline code, strikethrough, images and links as their text; HTML tags (an HTML table's) as spaces. */
function inline(text: string): string {
  return text
    .replace(/<[^>\n]*>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(`+)([^`]+?)\1/g, '$2')
    .replace(/(\*\*|__)(?=\S)([^]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([^]*?\S)~~/g, '$1')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/\\([\\`*_[\]{}()#+\-.!|>~])/g, '$1');
}

/** One line without its block syntax: headings, quotes, list and task markers; a table row as its cells. */
function lineText(line: string): string {
  const row = tableRow(line);
  const block = row ?? line.replace(/^\s*(>\s*)+/, '').replace(/^\s*#{1,6}(\s+|$)/, '').replace(/^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?/, '');
  return inline(block).replace(/\s+/g, ' ').trim();
}

/** The first line of `text` with words in it, as words: '' when there is none. */
export function previewLine(text: string): string {
  // Inside a fence its content is the entry's as it stands (a JSON answer, code), except Markdown fenced as such.
  let raw = false;
  let inFence = false;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) {
      // A fence's own line says nothing.
      inFence = !inFence;
      raw = inFence && !/^\s*(`{3,}|~{3,})\s*(markdown|md)\s*$/i.test(line);
      continue;
    }
    if (!raw && (DIVIDER.test(line) || RULE.test(line))) continue;
    const words = raw ? line.replace(/\s+/g, ' ').trim() : lineText(line);
    if (words) return words;
  }
  return '';
}

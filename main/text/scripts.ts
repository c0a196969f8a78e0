/**
 * What the text modules need to know about scripts: which characters are set without spaces between them (Chinese
 * and Japanese; Korean sets spaces like Latin), how wide a character is on a monospaced screen, and where a line
 * ends a sentence.
 */

/** Han, kana, CJK punctuation and full-width forms: two of them are joined without a space. */
export const NO_SPACE = /[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

/** Characters two columns wide in a monospaced font (East Asian Wide and Full-width, hangul included). */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns `text` takes in a monospaced font: a CJK character counts two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** A line that ends a sentence or a clause a paragraph may end on (Latin and CJK marks, closing quotes after them). */
export const SENTENCE_END = /(?:[.!?:;…。．！？；：]|[.!?。！？][)"'”’」』）]*|[」』”）)])\s*$/u;

/** Starts a list item, a Markdown heading, quote, fence or table row: never the continuation of a wrapped line. */
export const STRUCTURE_START = /^\s*(?:[-*+•·▪◦]\s|\d{1,3}[.)]\s|\d{1,3}、|[（(]\d{1,3}[)）]|#{1,6}\s|>|```|~~~|\|)/u;

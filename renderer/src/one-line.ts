/**
 * A result as one line, for pasting into a search box, a chat or a spreadsheet cell (review M4, as Text-Grab's
 * "single line"): every break and tab becomes a space, except between two CJK characters, which are written
 * without spaces.
 */
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

export function oneLine(text: string): string {
  return text
    .trim()
    .replace(/[^\S\r\n]*[\r\n]\s*/g, '\n')
    .replace(/\t+/g, ' ')
    .replace(/(.)\n(?=(.))/gsu, (_, before: string, after: string) => (CJK.test(before) && CJK.test(after) ? before : `${before} `));
}

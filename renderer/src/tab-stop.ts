/**
 * How far apart the result's tab stops are, so that a table read as tab-separated cells (the offline engine's
 * layout, main/ocr/layout.ts) shows in columns: every stop as wide as the widest cell and two more, in `ch` (a
 * CJK character counts two). The default of eight spaces of a proportional font lines up nothing: a cell longer than
 * a stop pushes the rest of its row one stop over. None where the text has no tabs; at most 40, so a long cell
 * does not push a table out of the panel.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function tabStop(text: string): number | undefined {
  let widest = -1;
  for (const line of text.split('\n')) {
    if (!line.includes('\t')) continue;
    for (const cell of line.split('\t')) widest = Math.max(widest, [...cell].reduce((width, char) => width + (WIDE.test(char) ? 2 : 1), 0));
  }
  return widest < 0 ? undefined : Math.min(40, widest + 2);
}

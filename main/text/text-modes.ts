/**
 * The line modes applied to text alone, where no positions say where its lines stood (an edited text, a cloud
 * reading without positions). A line is taken for a wrap when the next one carries on its sentence and it is about
 * as long as the longest line around it: a wrapped line fills the width, a heading or a last line does not.
 */
import { displayWidth, SENTENCE_END, STRUCTURE_START } from './scripts.ts';
import { joinWrapped } from './wrap.ts';

/** A wrapped line reaches at least this share of its paragraph's longest line. */
const FULL_LINE = 0.8;
/** Lines shorter than this (columns) are labels, menus and headings, not prose: never joined. */
const PROSE_WIDTH = 16;
/** Lines of code: brackets, semicolons, assignment, or a shell prompt. */
const CODE_LINE = /[{}[\];=]|\)\s*$|^\s*[$#>]\s/u;

const lines = (text: string): string[] => text.replace(/\r\n?/g, '\n').split('\n');

/** Runs of lines with something on them, and the blank lines between them, in order. */
function runs(all: string[]): Array<{ blank: boolean; lines: string[] }> {
  const result: Array<{ blank: boolean; lines: string[] }> = [];
  for (const line of all) {
    const blank = line.trim() === '';
    const last = result.at(-1);
    if (last && last.blank === blank) last.lines.push(line);
    else result.push({ blank, lines: [line] });
  }
  return result;
}

/** Whether `above` wraps into `below`, in a run whose longest line is `widest` columns. */
function wraps(above: string, below: string, widest: number): boolean {
  if (above.includes('\t') || below.includes('\t') || SENTENCE_END.test(above) || STRUCTURE_START.test(below) || STRUCTURE_START.test(above)) return false;
  return widest >= PROSE_WIDTH && displayWidth(above.trim()) >= FULL_LINE * widest;
}

/** Wrapped lines joined into paragraphs; blank lines, headings, list items, table rows and code kept as they are. */
export function paragraphsOfText(text: string): string {
  return runs(lines(text))
    .map((run) => {
      if (run.blank) return run.lines.join('\n');
      if (run.lines.filter((line) => CODE_LINE.test(line)).length * 2 >= run.lines.length && run.lines.length > 1) return run.lines.join('\n');
      const widest = Math.max(...run.lines.map((line) => displayWidth(line.trim())));
      const out: string[] = [];
      let previous = '';
      for (const line of run.lines) {
        if (out.length > 0 && wraps(previous, line, widest)) out[out.length - 1] = joinWrapped(out.at(-1)!, line, text);
        else out.push(line);
        previous = line;
      }
      return out.join('\n');
    })
    .join('\n');
}

/** Everything on one line: paragraphs first (a wrap joined as the script joins it), then each break and tab a space. */
export const oneLineOfText = (text: string): string => oneLineOfParagraphs(paragraphsOfText(text));

/** Paragraphs already joined, on one line: each break between them and each tab a space. */
export function oneLineOfParagraphs(paragraphs: string): string {
  return paragraphs
    .split('\n')
    .map((line) => line.replace(/\t+/g, ' ').trim())
    .filter(Boolean)
    .join(' ');
}

/** Tab-separated cells set in columns of spaces (each as wide as its widest cell, two spaces apart); other lines as they are. */
export function layoutOfText(text: string): string {
  const all = lines(text);
  const out: string[] = [];
  for (let i = 0; i < all.length; ) {
    if (!all[i]!.includes('\t')) {
      out.push(all[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < all.length && all[end]!.includes('\t')) end++;
    const rows = all.slice(i, end).map((line) => line.split('\t'));
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, displayWidth(cell))));
    for (const row of rows) out.push(row.map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat(widths[c]! - displayWidth(cell) + 2))).join('').replace(/\s+$/u, ''));
    i = end;
  }
  return out.join('\n');
}

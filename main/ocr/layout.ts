/**
 * The offline engine's lines as text laid out the way the image shows it (review M4). Lines come in reading order,
 * in blocks (reading-order.ts); within a block:
 * - cells of one row set well apart (a table, a form: "Name      Ada") are joined by a tab, so a table pastes into a
 *   spreadsheet as one, where a space would run its cells together; where two rows or more have cells, they are
 *   put in columns (what the rows' cells cover across), an empty cell kept as an empty field;
 * - code keeps its indentation, in spaces as wide as its own characters (a monospaced block: every line's width
 *   divided by its characters gives the same width);
 * - a Chinese or Japanese sentence the image wrapped is joined back, without a space (CJK sets none): where the
 *   block is prose (as wide as PROSE_WIDTH line heights: a menu's items are set one under the other, review M12), a
 *   line reaches the block's right edge, does not end a sentence, and the next starts at the left edge. Latin lines
 *   keep their breaks here: in UI text a wrapped line and a short one are too alike to tell apart, and a break kept
 *   is easier to undo than a paragraph wrongly joined; the Paragraphs mode (main/text/line-modes.ts) joins them too;
 * - vertical writing comes a column a line, right to left.
 */
import { median } from '../median.ts';
import { extent, readingBlocks, verticalWriting, type Extent, type Placed } from './reading-order.ts';
import { SENTENCE_END as ANY_SENTENCE_END, STRUCTURE_START } from '../text/scripts.ts';
import { joinWrapped } from '../text/wrap.ts';

/**
 * Which wrapped lines are joined back: 'cjk' Chinese and Japanese sentences only (the engine's own text), 'all' any
 * script's (the Paragraphs mode), 'none' (Lines as on screen).
 */
export type Joining = 'cjk' | 'all' | 'none';

/** A block narrower than this many line heights is a column of items (a menu, labels), never prose to join. */
const PROSE_WIDTH = 12;

/**
 * A gap of this many line heights between two lines of one row parts cells, not words: the detector keeps a line's
 * words in one box, so two boxes in a row are already further apart than a word space (about a third of a height).
 */
const CELL_GAP = 1;

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e，、]/u;
/** Ends a sentence or a clause a paragraph may end on: a line ending so is not joined to the next. */
const SENTENCE_END = /[。．！？!?；;：:…」』”）)]$/u;
/** Lines of code: brackets, semicolons, assignment, or a shell prompt. */
const CODE_LINE = /[{}[\];=]|\)\s*$|^\s*[$#>]\s/u;

export function layoutText<T extends Placed>(lines: readonly T[], joining: Joining = 'cjk'): string {
  return layoutBlocks(readingBlocks(lines), joining);
}

/** Blocks already in reading order (readingBlocks), as text. */
export function layoutBlocks<T extends Placed>(blocks: T[][][], joining: Joining = 'cjk'): string {
  return blocks.map((rows) => layoutBlock(rows, joining)).join('\n');
}

function layoutBlock<T extends Placed>(rows: T[][], joining: Joining): string {
  const extents = rows.map((row) => row.map(extent));
  // Columns of vertical writing, already right to left (reading-order.ts): a column a line.
  if (verticalWriting(extents.flat())) return rows.map((row) => row.map((line) => line.text).join(' ')).join('\n');
  const lineHeight = Math.max(1, median(extents.flat().map((e) => e.bottom - e.top)));
  const edges = { left: Math.min(...extents.map((row) => row[0]!.left)), right: Math.max(...extents.map((row) => row.at(-1)!.right)) };
  const columns = tableColumns(extents);
  const texts = extents.map((row) => rowText(row, columns, lineHeight));
  const indent = codeIndent(extents, edges.left);
  const prose = joining !== 'none' && indent.length === 0 && edges.right - edges.left >= PROSE_WIDTH * lineHeight;
  let out = '';
  texts.forEach((text, i) => {
    const line = ' '.repeat(indent[i] ?? 0) + text;
    if (i > 0 && prose && wrapsInto(extents[i - 1]!, texts[i - 1]!, extents[i]!, text, edges, lineHeight, joining)) {
      const start = out.lastIndexOf('\n') + 1;
      out = out.slice(0, start) + joinWrapped(out.slice(start), line, texts.join('\n'));
    } else out += (i === 0 ? '' : '\n') + line;
  });
  return out;
}

/** A row's cells: in the table's columns (an empty one kept), else a tab across a wide gap and a space across a narrow one. */
function rowText<T extends Placed>(row: Array<Extent<T>>, columns: Array<{ left: number; right: number }>, lineHeight: number): string {
  if (row.length > 1 && columns.length > 1) {
    const fields = columns.map(() => [] as string[]);
    for (const cell of row) fields[columns.findIndex((column) => (cell.left + cell.right) / 2 < column.right)]!.push(cell.line.text);
    return fields.map((field) => field.join(' ')).join('\t').replace(/\t+$/, '');
  }
  return row.map((cell, i) => (i === 0 ? '' : cell.left - row[i - 1]!.right >= CELL_GAP * lineHeight ? '\t' : ' ') + cell.line.text).join('');
}

/**
 * A sentence wrapped by the image: the line above reaches the right edge mid-sentence, this one starts flush left
 * (and starts no list item or heading). Under 'cjk', only where both sides of the break are Chinese or Japanese.
 */
function wrapsInto<T>(above: Array<Extent<T>>, aboveText: string, row: Array<Extent<T>>, text: string, edges: { left: number; right: number }, lineHeight: number, joining: Joining): boolean {
  const placed = above.length === 1 && row.length === 1 && above[0]!.right >= edges.right - 1.5 * lineHeight && row[0]!.left <= edges.left + lineHeight / 2;
  if (!placed) return false;
  if (joining === 'cjk') return CJK.test(aboveText.at(-1) ?? '') && !SENTENCE_END.test(aboveText) && CJK.test(text[0] ?? '');
  return !ANY_SENTENCE_END.test(aboveText) && !STRUCTURE_START.test(text) && !STRUCTURE_START.test(aboveText);
}

/**
 * A table's columns, left to right: what the cells of rows with more than one cell cover across, overlapping spans
 * merged (a column's cells overlap whether they are set left, right or centred). None unless two rows have cells.
 */
function tableColumns(rows: Array<Array<{ left: number; right: number }>>): Array<{ left: number; right: number }> {
  const cells = rows.filter((row) => row.length > 1);
  if (cells.length < 2) return [];
  const columns: Array<{ left: number; right: number }> = [];
  for (const cell of cells.flat().sort((a, b) => a.left - b.left)) {
    const last = columns.at(-1);
    if (last && cell.left < last.right) last.right = Math.max(last.right, cell.right);
    else columns.push({ left: cell.left, right: cell.right });
  }
  // The last column reaches to the right end, so every cell's centre falls in one.
  columns.at(-1)!.right = Infinity;
  return columns;
}

/** Each row's indentation in spaces, where the block is code set in one character width; none otherwise. */
function codeIndent<T extends Placed>(rows: Array<Array<Extent<T>>>, left: number): number[] {
  const lines = rows.map((row) => row.map((cell) => cell.line.text).join(' '));
  if (rows.length < 2 || lines.filter((line) => CODE_LINE.test(line)).length * 2 < lines.length) return [];
  // Measured on lines long enough that a narrow first or last glyph ("}" or ";") hardly changes the average.
  const widths = rows.flat().filter((cell) => [...cell.line.text].length >= 8).map((cell) => (cell.right - cell.left) / [...cell.line.text].length);
  const width = median(widths);
  // Monospaced: every line's characters within a fifth of one width (proportional text varies far more).
  if (widths.length === 0 || widths.some((w) => Math.abs(w - width) > width / 5)) return [];
  return rows.map((row) => Math.max(0, Math.round((row[0]!.left - left) / width)));
}

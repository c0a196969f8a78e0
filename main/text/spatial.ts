/**
 * Keep layout: lines with positions set as a monospaced screen shows them, each cell at the column its left edge
 * stands at (in characters of the block's own width), so code keeps its indentation and a table its columns.
 */
import { median } from '../median.ts';
import { extent, readingBlocks, type Placed } from '../ocr/reading-order.ts';
import { displayWidth } from './scripts.ts';

export function spatialText(lines: readonly Placed[]): string {
  return readingBlocks(lines)
    .map((rows) => {
      const extents = rows.map((row) => row.map(extent));
      const cells = extents.flat();
      // One character's width: the median over cells of width per column (a CJK character counts two).
      const char = Math.max(1, median(cells.map((cell) => (cell.right - cell.left) / Math.max(1, displayWidth(cell.line.text)))));
      const left = Math.min(...cells.map((cell) => cell.left));
      return extents
        .map((row) => {
          let line = '';
          for (const cell of row) {
            const column = Math.round((cell.left - left) / char);
            // At least one space between cells, two where the gap is wide (cells of a table, not words).
            const gap = line === '' ? 0 : cell.left - (row[row.indexOf(cell) - 1]?.right ?? cell.left) > 2 * char ? 2 : 1;
            line += ' '.repeat(Math.max(column - displayWidth(line), gap)) + cell.line.text;
          }
          return line.replace(/\s+$/u, '');
        })
        .join('\n');
    })
    .join('\n\n');
}

/**
 * Reading order for lines found on a screen: a recursive XY cut. Wide empty bands split the lines first across the
 * page (windows stacked, sections), then down it (columns, windows side by side), and what is left is read row by
 * row, left to right. "Wide" is twice the usual line height: paragraph gaps and table cell gaps are narrower, so a
 * table stays row by row ("Item Qty Price") while two windows side by side are read one after the other instead of
 * their lines interleaved.
 */
import { median } from '../median.ts';

export interface Placed {
  text: string;
  /** Corners in image pixels (any order). */
  box: number[][];
}

export interface Extent<T> {
  line: T;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function extent<T extends Placed>(line: T): Extent<T> {
  const xs = line.box.map((p) => p[0] ?? 0);
  const ys = line.box.map((p) => p[1] ?? 0);
  return { line, left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

/** Splits at every empty band at least `gap` wide along one axis; one group when there is none. */
function cut<T>(items: Array<Extent<T>>, axis: 'x' | 'y', gap: number): Array<Array<Extent<T>>> {
  const [start, end] = axis === 'x' ? (['left', 'right'] as const) : (['top', 'bottom'] as const);
  const sorted = [...items].sort((a, b) => a[start] - b[start]);
  const groups: Array<Array<Extent<T>>> = [];
  let reach = -Infinity;
  for (const item of sorted) {
    if (groups.length === 0 || item[start] - reach >= gap) groups.push([item]);
    else groups.at(-1)!.push(item);
    reach = Math.max(reach, item[end]);
  }
  return groups;
}

/** Rows: a line joins the row whose first line it overlaps by more than half the smaller height. */
function rows<T>(items: Array<Extent<T>>): Array<Array<Extent<T>>> {
  const result: Array<Array<Extent<T>>> = [];
  for (const item of [...items].sort((a, b) => a.top - b.top)) {
    const anchor = result.at(-1)?.[0];
    if (anchor && sameRow(item, anchor)) result.at(-1)!.push(item);
    else result.push([item]);
  }
  return result.map((row) => row.sort((a, b) => a.left - b.left));
}

/** Gaps this many times the ordinary wide gap (ten line heights) part panes even where their lines share rows. */
const PANE_GAP = 5;

const sameRow = <T>(a: Extent<T>, b: Extent<T>): boolean => Math.abs(a.top - b.top) < Math.min(a.bottom - a.top, b.bottom - b.top) / 2;

/**
 * Groups side by side whose lines mostly share rows are one table or form ("Name:      Ada"), read across; columns
 * and windows next to each other have lines of their own pitch, or are set far apart (PANE_GAP).
 */
function alignedAcross<T>(groups: Array<Array<Extent<T>>>): boolean {
  let aligned = 0;
  let total = 0;
  groups.forEach((group, g) => {
    const others = groups.filter((_, o) => o !== g).flat();
    for (const item of group) {
      total++;
      if (others.some((other) => sameRow(item, other))) aligned++;
    }
  });
  return aligned * 2 > total;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** Chinese or Japanese set in columns: every line standing, at least half again as tall as wide, in CJK. */
export function verticalWriting<T extends Placed>(items: Array<Extent<T>>): boolean {
  return items.every((e) => e.bottom - e.top >= 1.5 * (e.right - e.left) && CJK.test(e.line.text));
}

/**
 * Whether `column` holds the values of a form whose labels are in `left` (a settings page's 简体中文 / 已开启 / 更改…
 * set flush right, far from 语言 / 自动更新 / 下载位置, review M12): two or more lines whose right edges line up,
 * not their left edges, nearly all of them on a row of the column to their left. Read apart, every label came first and every value after.
 */
function valuesOf<T>(column: Array<Extent<T>>, left: Array<Extent<T>>): boolean {
  if (column.length < 2) return false;
  const height = median(column.map((e) => e.bottom - e.top));
  const spread = (edges: number[]): number => Math.max(...edges) - Math.min(...edges);
  // Flush right, and not flush left as well: lines of one width set one under the other are a pane's, not values.
  if (spread(column.map((e) => e.right)) > height || spread(column.map((e) => e.left)) <= height / 2) return false;
  return column.filter((item) => left.some((other) => sameRow(item, other))).length >= 0.8 * column.length;
}

/** Columns left to right, each column of values (valuesOf) joined to the one before it as a form, read across. */
function pairValues<T>(columns: Array<Array<Extent<T>>>): Array<{ items: Array<Extent<T>>; form: boolean }> {
  const groups: Array<{ items: Array<Extent<T>>; form: boolean }> = [];
  for (const column of columns) {
    const last = groups.at(-1);
    if (last && valuesOf(column, last.items)) groups[groups.length - 1] = { items: [...last.items, ...column], form: true };
    else groups.push({ items: column, form: false });
  }
  return groups;
}

/**
 * Blocks (what no wide band cuts further: a paragraph, a table, a window's text), each as its rows. A `form` (labels
 * with their values, pairValues) is cut into bands but never into columns again: its rows are read across.
 */
function order<T extends Placed>(items: Array<Extent<T>>, gap: number, form = false): T[][][] {
  if (items.length <= 1) return items.length === 1 ? [[[items[0]!.line]]] : [];
  // Vertical writing runs in columns from right to left: each column is a line of its own.
  if (verticalWriting(items)) return [[...items].sort((a, b) => b.right - a.right).map((e) => [e.line])];
  const bands = cut(items, 'y', gap);
  if (bands.length > 1) return bands.flatMap((band) => order(band, gap, form));
  const columns = form ? [] : pairValues(cut(items, 'x', gap));
  const groups = columns.map((group) => group.items);
  if (columns.length > 1 && (!alignedAcross(groups) || cut(items, 'x', gap * PANE_GAP).length > 1)) return columns.flatMap((group) => order(group.items, gap, group.form));
  return [rows(items).map((row) => row.map((e) => e.line))];
}

/** Lines grouped into rows and rows into blocks, all in reading order. Blank lines are dropped. */
export function readingBlocks<T extends Placed>(lines: readonly T[]): T[][][] {
  const items = lines.filter((l) => l.text.trim() !== '').map(extent);
  if (items.length === 0) return [];
  // A line's thickness: its height across the page, its width down a column of vertical writing.
  const lineHeight = Math.max(1, median(items.map((e) => Math.min(e.bottom - e.top, e.right - e.left))));
  return order(items, 2 * lineHeight);
}

/** Lines grouped into rows, rows in reading order. Blank lines are dropped. */
export function readingOrder<T extends Placed>(lines: readonly T[]): T[][] {
  return readingBlocks(lines).flat(1);
}

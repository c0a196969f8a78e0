/**
 * A table in a result, whichever way it came: the offline layout's cells (tab-separated rows, ocr/layout.ts), a
 * Markdown pipe table or an HTML <table> (Qwen's table task answers in either), or tab-separated text pasted in an
 * edit. As rows of plain-text cells, so the window shows it as a grid and it leaves as TSV, CSV or a spreadsheet.
 */

/** Rows of cells, every row as long as the longest (short ones padded with empty cells). */
export type Table = string[][];

export type TableSource = 'tabs' | 'markdown' | 'html';

const square = (rows: string[][]): Table => {
  const width = Math.max(0, ...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array<string>(width - row.length).fill('')]);
};

/** A table only where it is one: two rows or more, two columns or more. */
const atLeastTwoByTwo = (rows: string[][]): Table | null => (rows.length >= 2 && Math.max(...rows.map((row) => row.length)) >= 2 ? square(rows) : null);

/** The longest run of lines with tabs in them, as rows (the offline layout's table, or TSV). */
export function tableFromTabs(text: string): Table | null {
  let best: string[] = [];
  let run: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.includes('\t')) run.push(line);
    else run = [];
    if (run.length > best.length) best = [...run];
  }
  return atLeastTwoByTwo(best.map((line) => line.split('\t').map((cell) => cell.trim())));
}

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const DIVIDER = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Splits a pipe row into cells, an escaped pipe (\|) kept inside its cell. */
function pipeCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** The first Markdown pipe table: a header row, its divider (| --- |), and the rows under it. */
export function tableFromMarkdown(text: string): Table | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.includes('|') || !DIVIDER.test(lines[i + 1]!) || !lines[i + 1]!.includes('-')) continue;
    const rows = [pipeCells(lines[i]!)];
    for (let j = i + 2; j < lines.length && (PIPE_ROW.test(lines[j]!) || (lines[j]!.includes('|') && lines[j]!.trim() !== '')); j++) rows.push(pipeCells(lines[j]!));
    const table = atLeastTwoByTwo(rows);
    if (table) return table;
  }
  return null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Markup out of a cell: tags gone (a <br> a space), entities read, runs of whitespace one space. */
function cellText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The first HTML <table>: its rows (<tr>) and cells (<td>, <th>); a cell spanning columns (colspan) followed by as
 * many empty cells, so the columns under it stay in place. Read with patterns, never parsed into a page: the cells
 * come out as text and are only ever shown as text.
 */
export function tableFromHtml(text: string): Table | null {
  const table = /<table\b[^>]*>([\s\S]*?)<\/table\s*>/i.exec(text);
  if (!table) return null;
  const rows: string[][] = [];
  for (const row of table[1]!.matchAll(/<tr\b[^>]*>([\s\S]*?)(?=<tr\b|<\/table|$)/gi)) {
    const cells: string[] = [];
    for (const cell of row[1]!.matchAll(/<t([dh])\b([^>]*)>([\s\S]*?)(?=<t[dh]\b|<\/tr|$)/gi)) {
      cells.push(cellText(cell[3]!.replace(/<\/t[dh]\s*>[\s\S]*$/i, '')));
      const span = /colspan\s*=\s*["']?(\d+)/i.exec(cell[2]!);
      for (let extra = Math.min(50, Number(span?.[1] ?? 1)) - 1; extra > 0; extra--) cells.push('');
    }
    if (cells.length > 0) rows.push(cells);
  }
  return atLeastTwoByTwo(rows);
}

/** The table a result holds, if any, and how it was written. */
export function findTable(text: string): { table: Table; source: TableSource } | null {
  const html = /<table\b/i.test(text) ? tableFromHtml(text) : null;
  if (html) return { table: html, source: 'html' };
  const markdown = tableFromMarkdown(text);
  if (markdown) return { table: markdown, source: 'markdown' };
  const tabs = tableFromTabs(text);
  return tabs ? { table: tabs, source: 'tabs' } : null;
}

/** A cell on one line of its own: a tab or a break inside it would start a new cell or row where it is pasted. */
const flatCell = (cell: string): string => cell.replace(/[\t\r\n]+/g, ' ').trim();

/** Tab-separated rows, what a spreadsheet takes from the clipboard as cells. */
export const toTsv = (table: Table): string => table.map((row) => row.map(flatCell).join('\t')).join('\n');

/** Spreadsheets run cells that start with these as formulas; a leading apostrophe keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): quoted where it holds a comma, a quote or a break; a formula kept as text. */
export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Comma-separated rows with CRLF line ends, as RFC 4180 writes them. */
export const toCsv = (table: Table): string => table.map((row) => row.map(csvField).join(',')).join('\r\n') + (table.length > 0 ? '\r\n' : '');

/** Reads CSV back (RFC 4180: quoted fields, doubled quotes, breaks inside quotes). */
export function parseCsv(text: string): Table {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\r' && text[i + 1] === '\n') continue;
    else if (char === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += char;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

/** Pipe-table Markdown: the first row the header; a pipe inside a cell escaped, a break a space. */
export function toMarkdownTable(table: Table): string {
  const cell = (text: string): string => flatCell(text).replace(/\|/g, '\\|') || ' ';
  const [head = [], ...body] = table;
  return [head, head.map(() => '---'), ...body].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
}

/**
 * Exports for people, as the window writes them (review M14): each entry under its readable name and the time in
 * the user's own zone (never UTC ISO, never an internal id), its text shaped by the line mode; plain text, Markdown
 * (a table as a pipe table, text as text), a table as CSV or an Excel workbook, and a Word-friendly .docx. The
 * `readout history export` formats (export.ts) stay as they are: their output is the command's contract.
 */
import { shapePlainText, shapeText, type LineMode } from '../text/line-modes.ts';
import { aroundTable } from '../text/table-around.ts';
import { findTable, toCsv, toMarkdownTable, type Table } from '../text/tables.ts';
import type { Entry } from './types.ts';

export const READABLE_FORMATS = ['txt', 'md', 'docx', 'csv', 'xlsx'] as const;
export type ReadableFormat = (typeof READABLE_FORMATS)[number];

export interface ReadableOptions {
  mode: LineMode;
  /** An IANA zone; the machine's own by default. */
  timeZone?: string;
  /** Markdown: where the entry's image was written, relative to the file (null: none); omitted, no images. */
  imageLink?: (entry: Entry) => string | null;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "2026-12-07 22:15" in the user's zone: unambiguous in every language, sortable, and not UTC. */
export function localTime(ms: number, timeZone?: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${two(Number(parts.hour))}:${parts.minute}`;
}

/** What the window calls an entry: its file's name, a PDF's page, or what it was taken from. */
export function entryName(entry: Entry): string {
  const base = entry.source.kind === 'file' ? entry.source.name : entry.source.kind === 'drop' ? (entry.source.name ?? 'Dropped image') : entry.source.kind === 'clipboard' ? 'Pasted image' : 'Screen capture';
  return entry.document ? `${base}, page ${entry.document.page} of ${entry.document.pages}` : base;
}

/** The entry's text as the line mode shapes it. */
export const shapedText = (entry: Entry, mode: LineMode): string => shapeText(entry, mode);

/** The table an entry holds (the edit's, if edited), or null. */
export const entryTable = (entry: Entry): Table | null => findTable(entry.editedText ?? entry.text)?.table ?? null;

/** Plain text: one entry is its text alone; several are each headed by name and time, a blank line apart. */
export function readableText(entries: readonly Entry[], options: ReadableOptions): string {
  if (entries.length === 1) return `${shapedText(entries[0]!, options.mode)}\n${translationAfter(entries[0]!)}`;
  return entries.map((entry) => `${entryName(entry)} · ${localTime(entry.createdAt, options.timeZone)}\n\n${shapedText(entry, options.mode)}\n${translationAfter(entry)}`).join('\n');
}

/** An entry's translation (issue 24) after its text, a blank line between; nothing where it has none. */
const translationAfter = (entry: Entry): string => (entry.translation?.text ? `\n${entry.translation.text}\n` : '');

/** The heading a translation is exported under: the languages and the model. */
const translationHeading = (t: NonNullable<Entry['translation']>): string => `Translation (${t.sourceLang} → ${t.targetLang}, ${t.model})`;

/** Markdown characters that would start markup at a line's start, escaped so the text stays text. */
const markdownLine = (line: string): string => line.replace(/^(\s*)([#>*+-]|\d+[.)])(\s)/, '$1\\$2$3').replace(/([`*_[\]<])/g, '\\$1');

/** Text as Markdown text: paragraphs a blank line apart, a line break kept as a hard break. */
const markdownText = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.split('\n').map(markdownLine).join('  \n'))
    .join('\n\n');

/**
 * An entry's table and the text beside it (a title, a total), that text shaped by the mode: null where it holds no
 * table. Nothing of the entry is lost where its table is written as a table.
 */
function tableWithText(entry: Entry, mode: LineMode): { before: string; table: Table; after: string } | null {
  const table = entryTable(entry);
  if (!table) return null;
  const around = aroundTable(entry.editedText ?? entry.text) ?? { before: '', after: '' };
  return { before: shapePlainText(around.before, mode), table, after: shapePlainText(around.after, mode) };
}

/** Markdown: a heading per entry, its table as a pipe table, its text as text with its line breaks kept. */
export function readableMarkdown(entries: readonly Entry[], options: ReadableOptions): string {
  return entries
    .map((entry) => {
      const parts = tableWithText(entry, options.mode);
      const body = parts
        ? [markdownText(parts.before), toMarkdownTable(parts.table), markdownText(parts.after)].filter((part) => part.trim() !== '').join('\n\n')
        : markdownText(shapedText(entry, options.mode));
      const link = options.imageLink?.(entry);
      // The name as the picture's alternative text, its brackets escaped; the link percent-encoded, so a space or a
      // parenthesis in a folder's name never ends it.
      const image = link ? `![${entryName(entry).replace(/([[\]\\])/g, '\\$1')}](${encodeURI(link).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})\n\n` : '';
      const translation = entry.translation?.text ? `\n### ${translationHeading(entry.translation)}\n\n${markdownText(entry.translation.text)}\n` : '';
      return `## ${entryName(entry)}\n\n_${localTime(entry.createdAt, options.timeZone)}_\n\n${image}${body}\n${translation}`;
    })
    .join('\n');
}

/** The entries' tables, one after another (a blank row between two), as CSV; null where none holds a table. */
export function tablesCsv(entries: readonly Entry[]): string | null {
  const tables = entries.map(entryTable).filter((table): table is Table => table !== null);
  return tables.length === 0 ? null : tables.map(toCsv).join('\r\n');
}

/** The entries' tables as an Excel workbook, a sheet each; null where none holds a table. */
export async function tablesXlsx(entries: readonly Entry[]): Promise<Buffer | null> {
  const named = entries.flatMap((entry) => {
    const table = entryTable(entry);
    return table ? [{ entry, table }] : [];
  });
  if (named.length === 0) return null;
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  // Sheet names: at most 31 characters, none of []:*?/\ and each its own.
  const used = new Set<string>();
  const sheets = named.map(({ entry, table }, i) => {
    let sheet = entryName(entry).replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'Table';
    if (used.has(sheet)) sheet = `${sheet.slice(0, 26)} ${i + 1}`;
    used.add(sheet);
    return { sheet, data: table.map((row) => row.map((value) => ({ value, type: String }))) };
  });
  return writeXlsxFile(sheets).toBuffer();
}

/** A Word document: a heading and the time per entry, its table as a table, its text a paragraph a line. */
export async function entriesDocx(entries: readonly Entry[], options: ReadableOptions): Promise<Buffer> {
  const { Document, HeadingLevel, Packer, Paragraph, Table: DocTable, TableCell, TableRow, TextRun } = await import('docx');
  const children = entries.flatMap((entry) => {
    const heading = [new Paragraph({ text: entryName(entry), heading: HeadingLevel.HEADING_2 }), new Paragraph({ children: [new TextRun({ text: localTime(entry.createdAt, options.timeZone), italics: true })] })];
    const lines = (text: string) => (text.trim() === '' ? [] : text.split('\n').map((line) => new Paragraph({ text: line })));
    const parts = tableWithText(entry, options.mode);
    if (parts) {
      const rows = parts.table.map((row, r) => new TableRow({ tableHeader: r === 0, children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: cell, bold: r === 0 })] })] })) }));
      return [...heading, ...lines(parts.before), new DocTable({ rows }), new Paragraph({}), ...lines(parts.after)];
    }
    return [...heading, ...lines(shapedText(entry, options.mode))];
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

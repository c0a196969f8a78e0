/** History exports, written a piece at a time so "everything" never has to fit in memory. */
import { codesText } from '../codes/code.ts';
import { shownText } from './rows.ts';
import type { Entry } from './types.ts';

export const EXPORT_FORMATS = ['md', 'json', 'csv', 'txt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** Where an entry's image was written, relative to the export; null when it has none. Omit to leave images out. */
  imageLink?: (entry: Entry) => string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function describeSource(entry: Entry): string {
  switch (entry.source.kind) {
    case 'file':
      return entry.source.name;
    case 'drop':
      return entry.source.name ?? 'dropped image';
    case 'clipboard':
      return 'clipboard';
    case 'region':
      return `screen region ${entry.source.rect.width}x${entry.source.rect.height}`;
  }
}

function exportable(entry: Entry, options: ExportOptions) {
  return {
    id: entry.id,
    createdAt: iso(entry.createdAt),
    source: entry.source,
    status: entry.status,
    text: entry.text,
    editedText: entry.editedText,
    engine: entry.engine,
    model: entry.model,
    mode: entry.mode,
    prompt: entry.prompt,
    usage: entry.usage,
    cost: entry.cost,
    durationMs: entry.durationMs,
    confidence: entry.confidence,
    words: entry.words,
    codes: entry.codes,
    error: entry.error,
    pinned: entry.pinned,
    tags: entry.tags,
    translation: entry.translation ?? null,
    ...(options.imageLink ? { image: options.imageLink(entry) } : {}),
  };
}

/** An entry with a translation to export: a done one, or a failed one's partial text. */
const translated = (entry: Entry): boolean => Boolean(entry.translation?.text);

const translationHeading = (t: NonNullable<Entry['translation']>): string =>
  `Translation (${t.sourceLang} → ${t.targetLang}, ${t.model}${t.status === 'done' ? '' : `, ${t.status}`})`;

/** Spreadsheets run cells that start with these as formulas; a leading apostrophe keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_COLUMNS = ['id', 'created_at', 'source', 'status', 'engine', 'model', 'text', 'edited_text', 'input_tokens', 'output_tokens', 'cost', 'pinned', 'tags', 'codes'];

export function exportEntries(entries: Iterable<Entry>, format: ExportFormat, write: (chunk: string) => void, options: ExportOptions = {}): number {
  let count = 0;
  if (format === 'json') write('[');
  if (format === 'csv') write(`${[...CSV_COLUMNS, ...(options.imageLink ? ['image'] : [])].join(',')}\r\n`);
  for (const entry of entries) {
    const first = count === 0;
    count++;
    switch (format) {
      case 'json':
        write(`${first ? '\n' : ',\n'}${JSON.stringify(exportable(entry, options), null, 2).replace(/^/gm, '  ')}`);
        break;
      case 'csv': {
        const cells = [entry.id, iso(entry.createdAt), describeSource(entry), entry.status, entry.engine, entry.model, entry.text,
          entry.editedText, entry.usage.inputTokens, entry.usage.outputTokens, entry.cost, entry.pinned, entry.tags.join(' '), codesText(entry.codes ?? [])];
        if (options.imageLink) cells.push(options.imageLink(entry));
        write(`${cells.map(csvCell).join(',')}\r\n`);
        break;
      }
      case 'md': {
        const image = options.imageLink?.(entry);
        // A PDF's page is headed by its page, so a document's pages read in order, separated.
        const heading = entry.document ? `${describeSource(entry)} · page ${entry.document.page} of ${entry.document.pages}` : `${iso(entry.createdAt)} · ${describeSource(entry)}`;
        write(`${first ? '' : '\n---\n\n'}## ${heading}\n\n`);
        write(`_${entry.engine} · ${entry.model} · ${entry.status}_\n\n`);
        if (image) write(`![${describeSource(entry)}](${encodeURI(image)})\n\n`);
        // Each code as inline code: its content is data, never a link or markup (a javascript: URL stays text).
        for (const code of entry.codes ?? []) write(`- ${code.format}: \`\`${code.text.replace(/`/g, "'").replace(/\s+/g, ' ')}\`\`\n`);
        if (entry.codes?.length) write('\n');
        write(`${shownText(entry)}\n`);
        if (translated(entry)) write(`\n### ${translationHeading(entry.translation!)}\n\n${entry.translation!.text}\n`);
        break;
      }
      case 'txt':
        write(`${first ? '' : '\n\n'}${shownText(entry)}`);
        // The translation after its text, a blank line between.
        if (translated(entry)) write(`\n\n${entry.translation!.text}`);
        break;
    }
  }
  if (format === 'json') write(count > 0 ? '\n]\n' : ']\n');
  if (format === 'txt' && count > 0) write('\n');
  return count;
}

/**
 * What the Export menus offer, as lists (review M11, M14): plain text first (what most people want from one entry),
 * Markdown without and with its pictures, Word, and a table as CSV or Excel where the entry holds one; a PDF's page
 * also its whole document. The same list, for several chosen entries, in the selection bar. Another format is one
 * more item here.
 */
import type { TFunction } from 'i18next';
import type { EntryView, ExportRequest } from '../../../preload/api.ts';
import { findTable } from '../../../main/text/tables.ts';
import type { MenuItem } from './MenuButton.tsx';

type Target = Pick<ExportRequest, 'ids' | 'document'>;

/** The readable formats for `target`; the table formats only where `tables` says there may be one. */
function formatItems(prefix: string, target: Target, t: TFunction, exportAs: (request: ExportRequest) => void, tables: boolean, group?: string): MenuItem[] {
  const item = (id: string, label: string, request: Omit<ExportRequest, 'ids' | 'document'>): MenuItem => ({
    id: `${prefix}-${id}`,
    label,
    onSelect: () => exportAs({ ...request, ...target }),
    testId: `${prefix}-${id}`,
    ...(group ? { group } : {}),
  });
  return [
    item('txt', t('modes.export.txt'), { format: 'txt' }),
    item('md', t('modes.export.md'), { format: 'md' }),
    item('md-images', t('exports.mdImages'), { format: 'md', images: true }),
    item('docx', t('modes.export.docx'), { format: 'docx' }),
    ...(tables ? [item('csv', t('modes.export.csv'), { format: 'csv' }), item('xlsx', t('modes.export.xlsx'), { format: 'xlsx' })] : []),
  ];
}

/** A PDF document's pages: the readable formats (a table format would take only the pages that hold one) and a searchable PDF. */
export function documentExportItems(document: number, t: TFunction, exportAs: (request: ExportRequest) => void, group?: string): MenuItem[] {
  const searchable: MenuItem = { id: 'document-pdf', label: t('exports.searchablePdf'), onSelect: () => exportAs({ format: 'pdf', document }), testId: 'export-searchable', ...(group ? { group } : {}) };
  return [...formatItems('export-document', { document }, t, exportAs, false, group), searchable];
}

/** One entry's menu: its formats (the first, plain text, is Enter's), and for a PDF's page the document's under it. */
export function exportItems(entry: Pick<EntryView, 'id' | 'page' | 'text' | 'editedText'>, t: TFunction, exportAs: (request: ExportRequest) => void): MenuItem[] {
  const document = entry.page?.document;
  const tables = findTable(entry.editedText ?? entry.text) !== null;
  const own = formatItems('export', { ids: [entry.id] }, t, exportAs, tables, document !== undefined ? t('exports.thisPage') : undefined);
  return document === undefined ? own : [...own, ...documentExportItems(document, t, exportAs, t('exports.document'))];
}

/** Several chosen entries: every format, the table ones taking the entries that hold a table (none: said as an error). */
export const chosenExportItems = (ids: readonly number[], t: TFunction, exportAs: (request: ExportRequest) => void): MenuItem[] =>
  formatItems('export-chosen', { ids: [...ids] }, t, exportAs, true);

/**
 * What the result's Export menu offers, as a list (review M11): this entry, and for a PDF's page its document as
 * Markdown and as a searchable PDF. Another format is one more item here.
 */
import type { TFunction } from 'i18next';
import type { EntryView, ExportRequest } from '../../../preload/api.ts';
import type { MenuItem } from './MenuButton.tsx';

export function exportItems(entry: Pick<EntryView, 'id' | 'page'>, t: TFunction, exportAs: (request: ExportRequest) => void): MenuItem[] {
  const items: MenuItem[] = [{ id: 'entry', label: t('results.exportEntry'), onSelect: () => exportAs({ format: 'md', ids: [entry.id], images: true }), testId: 'export-entry' }];
  const document = entry.page?.document;
  if (document !== undefined) {
    items.push(
      { id: 'document-md', label: t('results.exportDocumentMd'), onSelect: () => exportAs({ format: 'md', document }), testId: 'export-document' },
      { id: 'document-pdf', label: t('results.exportDocumentPdf'), onSelect: () => exportAs({ format: 'pdf', document }), testId: 'export-searchable' },
    );
  }
  return items;
}

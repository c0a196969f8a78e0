import { useTranslation } from 'react-i18next';
import type { ExportRequest } from '../../../preload/api.ts';
import { chosenExportItems } from './export-items.ts';
import { MenuButton } from './MenuButton.tsx';

/** Several rows chosen: what can be done to all of them at once; Export as the result's menu of formats (review M14). */
export function SelectionBar({ chosen, onExport, onDelete, onClear }: { chosen: readonly number[]; onExport: (request: ExportRequest) => void; onDelete: () => void; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="selection-bar" role="toolbar" aria-label={t('selection.label')} data-testid="selection-bar">
      <span>{t('selection.count', { count: chosen.length })}</span>
      <span className="spacer" />
      <MenuButton label={t('selection.export')} items={chosenExportItems(chosen, t, onExport)} testId="selection-export" />
      <button type="button" className="danger" onClick={onDelete}>{t('selection.delete')}</button>
      <button type="button" className="plain" onClick={onClear} aria-label={t('selection.clear')}>×</button>
    </div>
  );
}

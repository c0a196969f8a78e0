import { useTranslation } from 'react-i18next';

/** Several rows chosen: what can be done to all of them at once. */
export function SelectionBar({ count, onExport, onDelete, onClear }: { count: number; onExport: () => void; onDelete: () => void; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="selection-bar" role="toolbar" aria-label={t('selection.label')} data-testid="selection-bar">
      <span>{t('selection.count', { count })}</span>
      <span className="spacer" />
      <button type="button" onClick={onExport}>{t('selection.export')}</button>
      <button type="button" className="danger" onClick={onDelete}>{t('selection.delete')}</button>
      <button type="button" className="plain" onClick={onClear} aria-label={t('selection.clear')}>×</button>
    </div>
  );
}

/** The toolbar's button that folds the history list away and brings it back (Ctrl/Cmd+B). */
import { useTranslation } from 'react-i18next';
import { modKey } from '../api.ts';

export function ListToggle({ collapsed, onToggle }: { collapsed: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const label = collapsed ? t('layout.showList') : t('layout.hideList');
  return (
    <button
      type="button"
      className="list-toggle"
      onClick={onToggle}
      aria-label={label}
      title={`${label} (${modKey()}B)`}
      aria-expanded={!collapsed}
      aria-controls="history-sidebar"
      aria-keyshortcuts="Control+B"
      data-testid="list-toggle"
    >
      {/* A window with its side panel: filled while the panel shows. */}
      <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">
        <rect x="0.75" y="0.75" width="16.5" height="12.5" rx="2" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <rect x="1.5" y="1.5" width="5" height="11" fill={collapsed ? 'none' : 'currentColor'} />
        <line x1="6.75" y1="1" x2="6.75" y2="13" stroke="currentColor" strokeWidth="1.5" />
      </svg>
    </button>
  );
}

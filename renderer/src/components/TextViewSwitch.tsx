/**
 * Which text the result shows (issue 24): the original, its translation, or the translation in place over the image.
 * A group of toggle buttons, the current one pressed; T switches between the original and the in-place view.
 */
import { useTranslation } from 'react-i18next';
import './Translation.css';

export type TextView = 'original' | 'translation' | 'in-place';

export function TextViewSwitch({ view, onView, inPlace }: { view: TextView; onView: (view: TextView) => void; inPlace: boolean }) {
  const { t } = useTranslation();
  const views: TextView[] = inPlace ? ['original', 'translation', 'in-place'] : ['original', 'translation'];
  return (
    <div className="text-view-switch" role="group" aria-label={t('translate.views')} data-testid="text-view-switch">
      {views.map((each) => (
        <button
          key={each}
          type="button"
          aria-pressed={view === each}
          aria-keyshortcuts={each === 'in-place' ? 'T' : undefined}
          title={each === 'in-place' ? t('translate.inPlaceKey') : undefined}
          onClick={() => onView(each)}
          data-testid={`view-${each}`}
        >
          {t(`translate.view.${each}`)}
        </button>
      ))}
    </div>
  );
}

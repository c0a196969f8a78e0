/** A search that found nothing, said where the result would be, with the way back to the whole history (review L5). */
import { useTranslation } from 'react-i18next';
import './NoMatches.css';

export function NoMatches({ query, onClear }: { query: string; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="result empty-result" aria-label={t('result.textLabel')} data-testid="no-match">
      <div className="no-match">
        <p className="no-match-title">{t('results.noMatch', { query })}</p>
        <p className="muted">{t('results.noMatchHint')}</p>
        <button type="button" onClick={onClear} data-testid="clear-search">{t('results.clearSearch')}</button>
      </div>
    </section>
  );
}

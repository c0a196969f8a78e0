/** How many entries a search finds (review M5): "124 matches" over the list, "1,000+ matches" where counting stops. */
import { useTranslation } from 'react-i18next';
import type { MatchCountView } from '../../../preload/api.ts';
import './MatchCount.css';

export function MatchCount({ count }: { count: MatchCountView }) {
  const { t } = useTranslation();
  return (
    <p className="match-count" role="status" data-testid="match-count">
      {count.more ? t('results.matchesMore', { count: count.count }) : t('results.matches', { count: count.count })}
    </p>
  );
}

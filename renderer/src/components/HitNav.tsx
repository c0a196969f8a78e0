/**
 * Where a search's hits are in the opened result (review M5): "Match 3 of 12" and buttons to the previous and next
 * one, which F3 and Shift+F3 (and Enter and Shift+Enter in the search box) press as well. The count is a live
 * status, so a screen reader hears where each step lands.
 */
import { useTranslation } from 'react-i18next';
import { ChevronIcon } from './icons.tsx';
import './HitNav.css';

interface Props {
  current: number;
  total: number;
  onStep: (step: 1 | -1) => void;
}

export function HitNav({ current, total, onStep }: Props) {
  const { t } = useTranslation();
  const previous = t('results.previousHit');
  const next = t('results.nextHit');
  return (
    <span className="hit-nav" data-testid="hit-nav">
      <span className="hit-count" role="status" data-testid="hit-count">{t('results.hits', { current: current + 1, total })}</span>
      <button type="button" className="hit-step up" onClick={() => onStep(-1)} aria-label={previous} title={`${previous} (Shift+F3)`} aria-keyshortcuts="Shift+F3" data-testid="previous-hit">
        <ChevronIcon />
      </button>
      <button type="button" className="hit-step" onClick={() => onStep(1)} aria-label={next} title={`${next} (F3)`} aria-keyshortcuts="F3" data-testid="next-hit">
        <ChevronIcon />
      </button>
    </span>
  );
}

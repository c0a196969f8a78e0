/** The result's small print: engine and model, tokens, cost, time, attempts, edited. */
import { useTranslation } from 'react-i18next';
import type { EntryView } from '../../../preload/api.ts';
import { REGION_PRICES } from '../../../main/ocr/regions.ts';
import { engineRan } from '../engine-ran.ts';
import { formatCost, formatNumber } from '../format.ts';

/** customEndpoint: DashScope's prices say nothing about what a custom endpoint costs. */
export function ResultMeta({ entry, customEndpoint }: { entry: EntryView; customEndpoint: boolean }) {
  const { t, i18n } = useTranslation();
  const usage = entry.usage;
  return (
    <p className="meta">
      {[
        engineRan(entry) ? `${t(`engineName.${entry.engine}`)} · ${entry.model}` : null,
        usage.inputTokens !== null
          ? t('result.usage', {
              image: formatNumber(usage.imageTokens ?? 0, i18n.language),
              input: formatNumber(usage.inputTokens, i18n.language),
              output: formatNumber(usage.outputTokens ?? 0, i18n.language),
            })
          : null,
        entry.cost && !customEndpoint ? t('result.cost', { cost: formatCost(entry.cost, i18n.language, REGION_PRICES[entry.region ?? 'cn'].currency) }) : null,
        entry.durationMs !== null ? t('result.duration', { seconds: (entry.durationMs / 1000).toFixed(1) }) : null,
        entry.attempts > 1 ? t('result.attempts', { count: entry.attempts }) : null,
        entry.editedText !== null ? t('result.edited') : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </p>
  );
}

/**
 * What DashScope billed, month by month and region by region, from the usage each answer reported (the history's
 * ledger, which deleting entries does not shrink), and how much of the new-user free quota that has used.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsageView } from '../../../preload/api.ts';
import { api } from '../api.ts';
import { formatCost, formatNumber } from '../format.ts';

export function UsagePanel() {
  const { t, i18n } = useTranslation();
  const [usage, setUsage] = useState<UsageView | null>(null);
  useEffect(() => {
    void api.history.usage().then(setUsage);
  }, []);
  if (!usage) return null;
  const lang = i18n.language;
  const region = (name: string): string => t(`settings.usage.region.${name}`);
  return (
    <div className="usage" data-testid="usage">
      {usage.months.length === 0 ? (
        <p className="hint">{t('settings.usage.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('settings.usage.month')}</th>
              <th scope="col">{t('settings.usage.regionHeading')}</th>
              <th scope="col" className="number">{t('settings.usage.requests')}</th>
              <th scope="col" className="number">{t('settings.usage.tokens')}</th>
              <th scope="col" className="number">{t('settings.usage.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {usage.months.map((row) => (
              <tr key={`${row.month}-${row.region}`}>
                <td>{row.month}</td>
                <td>{region(row.region)}</td>
                <td className="number">{formatNumber(row.requests, lang)}</td>
                <td className="number">{t('settings.usage.inOut', { input: formatNumber(row.inputTokens, lang), output: formatNumber(row.outputTokens, lang) })}</td>
                <td className="number">{formatCost(row.cost, lang, row.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">{t('settings.usage.quota', { tokens: formatNumber(usage.freeQuota.tokens, lang), days: usage.freeQuota.days })}</p>
      {usage.freeQuota.used.map((used) => (
        <p key={used.region} className="hint" data-testid={`quota-${used.region}`}>
          {t('settings.usage.quotaUsed', {
            region: region(used.region),
            used: formatNumber(used.tokens, lang),
            left: formatNumber(Math.max(0, usage.freeQuota.tokens - used.tokens), lang),
            since: used.since,
          })}
        </p>
      ))}
    </div>
  );
}

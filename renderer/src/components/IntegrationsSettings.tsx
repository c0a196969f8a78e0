/**
 * Settings › Integrations (issue 25): Readout as a local service. Three parts, each off by default and turned on
 * through settings (main's services react to the change): the Local API, watched folders, clipboard watching. What
 * each is doing comes from main as IntegrationsStatus (useIntegrations), never guessed here.
 */
import { useTranslation } from 'react-i18next';
import { useIntegrations } from '../hooks/useIntegrations.ts';
import { LocalApiSettings } from './LocalApiSettings.tsx';
import type { Fields } from './SettingsFields.tsx';
import { WatchedFolders } from './WatchedFolders.tsx';
import './IntegrationsSettings.css';

export function IntegrationsSettings({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const [status, setStatus] = useIntegrations();
  return (
    <>
      <LocalApiSettings fields={fields} status={status?.localApi ?? null} onStatus={(localApi) => status && setStatus({ ...status, localApi })} />
      <WatchedFolders fields={fields} watches={status?.watches ?? []} />
      <div className="integration" data-testid="clipboard-watch">
        <h3>{t('integrations.clipboard.heading')}</h3>
        {fields.checkbox('clipboardWatch', t('integrations.clipboard.enable'), t('integrations.clipboard.hint'))}
      </div>
    </>
  );
}

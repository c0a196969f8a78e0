/**
 * Every setting, saved as it changes; the API key goes to the main process and never comes back. The page is its
 * sections in the order a user needs them (review 2, L8): capture and its hotkeys, the engine with its key and
 * region, offline languages, behaviour, translation, integrations (issue 25), history, appearance, and the usage table last. Each section is its own small
 * component (EngineSettings, CaptureSettings, ...) sharing one field kit (SettingsFields), so a new setting is one
 * line in the section it belongs to.
 */
import { useTranslation } from 'react-i18next';
import type { ApiKeyStatus, SettingsView as Settings } from '../../../preload/api.ts';
import { BehaviourSettings } from './BehaviourSettings.tsx';
import { CaptureSettings } from './CaptureSettings.tsx';
import { EngineSettings } from './EngineSettings.tsx';
import { HistorySettings } from './HistorySettings.tsx';
import { IntegrationsSettings } from './IntegrationsSettings.tsx';
import { OfflineLanguages } from './OfflineLanguages.tsx';
import { Section, useSettingsFields } from './SettingsFields.tsx';
import { TranslateSettings } from './TranslateSettings.tsx';
import { UsagePanel } from './UsagePanel.tsx';
import './SettingsView.css';

interface Props {
  settings: Settings;
  apiKey: ApiKeyStatus;
  onChange: (settings: Settings, apiKey: ApiKeyStatus) => void;
  onToast: (text: string) => void;
}

export function SettingsView(props: Props) {
  const { t } = useTranslation();
  const { fields, status } = useSettingsFields(props);
  const { choice, update, settings, onToast } = fields;

  return (
    <div className="settings" data-testid="settings">
      <h2 className="settings-title" tabIndex={-1}>{t('settings.title')}</h2>
      <p className={`settings-status${status?.error ? ' error-text' : ''}`} role="status" aria-live="polite">{status ? t(status.key, status.params ?? {}) : ''}</p>

      <Section id="capture" title={t('settings.capture.heading')}>
        <CaptureSettings fields={fields} />
      </Section>

      <Section id="engine" title={t('settings.engine.heading')}>
        <EngineSettings fields={fields} />
      </Section>

      <Section id="languages" title={t('settings.languages.heading')}>
        <OfflineLanguages settings={settings} update={(patch) => update(patch)} onToast={onToast} />
      </Section>

      <Section id="behaviour" title={t('settings.behaviour.heading')}>
        <BehaviourSettings fields={fields} />
      </Section>

      <Section id="translate" title={t('settings.translate.heading')}>
        <TranslateSettings fields={fields} />
      </Section>

      <Section id="integrations" title={t('integrations.heading')}>
        <IntegrationsSettings fields={fields} />
      </Section>

      <Section id="history" title={t('settings.history.heading')}>
        <HistorySettings fields={fields} />
      </Section>

      <Section id="appearance" title={t('settings.appearance.heading')}>
        {choice('theme', t('settings.appearance.theme'), [['system', 'settings.appearance.themeSystem'], ['light', 'settings.appearance.themeLight'], ['dark', 'settings.appearance.themeDark']], 'theme')}
        {choice('language', t('settings.appearance.language'), [['system', 'settings.appearance.languageSystem'], ['en', 'settings.appearance.languageEn'], ['zh-CN', 'settings.appearance.languageZh']], 'language')}
      </Section>

      <Section id="usage" title={t('settings.usage.heading')}>
        <UsagePanel />
      </Section>
    </div>
  );
}

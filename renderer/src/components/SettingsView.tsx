/** Every setting, saved as it changes; the API key goes to the main process and never comes back. */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyStatus, SettingsView as Settings, StorageView } from '../../../preload/api.ts';
import { KNOWN_MODELS } from '../../../main/ocr/model-names.ts';
import { api, bridgeError } from '../api.ts';
import { formatBytes } from '../format.ts';

interface Props {
  settings: Settings;
  apiKey: ApiKeyStatus;
  onChange: (settings: Settings, apiKey: ApiKeyStatus) => void;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="settings-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function SettingsView({ settings, apiKey, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [keyDraft, setKeyDraft] = useState('');
  const [keyTest, setKeyTest] = useState<string | null>(null);
  const [storage, setStorage] = useState<StorageView | null>(null);

  useEffect(() => {
    void api.history.storage().then(setStorage);
  }, []);

  /** Shows the change at once, then saves it; a refused change is put back. */
  const update = async (patch: Partial<Settings>): Promise<void> => {
    onChange({ ...settings, ...patch }, apiKey);
    try {
      const saved = await api.settings.update(patch);
      // A new endpoint decides whether the key may go there: the main process says (apiKey.withheldFrom).
      onChange(saved, 'baseUrl' in patch ? (await api.settings.get()).apiKey : apiKey);
      setStatus({ text: t('settings.saved'), error: false });
    } catch (error) {
      onChange(settings, apiKey);
      setStatus({ text: t('settings.invalid', { message: bridgeError(error).message }), error: true });
    }
  };
  const keyAction = async (action: () => Promise<ApiKeyStatus>): Promise<void> => {
    try {
      onChange(settings, await action());
      setKeyDraft('');
      setKeyTest(null);
    } catch (error) {
      setStatus({ text: t('settings.invalid', { message: bridgeError(error).message }), error: true });
    }
  };
  const testKey = async (): Promise<void> => {
    setKeyTest(t('settings.engine.testing'));
    const result = await api.settings.testApiKey();
    setKeyTest(result.ok ? t('settings.engine.testOk', { model: result.model, ms: result.durationMs }) : t('settings.engine.testFailed', { message: result.message }));
  };
  const numberField = (key: 'minPixels' | 'maxPixels' | 'historyCapMb', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="number" min={0} defaultValue={settings[key]} key={`${key}-${settings[key]}`} onBlur={(event) => void update({ [key]: Number(event.target.value) })} />
    </label>
  );
  const checkbox = (key: 'copyToClipboard' | 'showNotification' | 'closeToTray' | 'launchAtLogin' | 'keepImages' | 'checkForUpdates', label: string) => (
    <label className="check">
      <input type="checkbox" checked={settings[key]} onChange={(event) => void update({ [key]: event.target.checked })} />
      <span>{label}</span>
    </label>
  );
  const storageWarning = { os: 'storageOs', weak: 'storageWeak', session: 'storageSession' }[apiKey.storage];

  return (
    <div className="settings" data-testid="settings">
      <h1>{t('settings.title')}</h1>
      <p className={`settings-status${status?.error ? ' error-text' : ''}`} role="status" aria-live="polite">{status?.text ?? ''}</p>

      <Section title={t('settings.engine.heading')}>
        <fieldset className="radios">
          <legend>{t('settings.engine.choice')}</legend>
          {(['qwen', 'local'] as const).map((engine) => (
            <label key={engine} className="check">
              <input type="radio" name="engine" value={engine} checked={settings.engine === engine} onChange={() => void update({ engine })} />
              <span>{t(`settings.engine.${engine}`)}</span>
            </label>
          ))}
        </fieldset>
        {settings.engine === 'qwen' && !apiKey.set && !settings.baseUrl && <p className="hint">{t('settings.engine.qwenWithoutKey')}</p>}

        <div className="field">
          <label htmlFor="api-key">{t('settings.engine.key')}</label>
          <div className="inline">
            <input id="api-key" type="password" autoComplete="off" spellCheck={false} placeholder={t('settings.engine.keyPlaceholder')} value={keyDraft} onChange={(event) => setKeyDraft(event.target.value)} />
            <button type="button" className="primary" disabled={!keyDraft.trim()} onClick={() => void keyAction(() => api.settings.setApiKey(keyDraft))}>{t('settings.engine.saveKey')}</button>
            {apiKey.set && <button type="button" onClick={() => void keyAction(() => api.settings.clearApiKey())}>{t('settings.engine.clearKey')}</button>}
            {apiKey.set && <button type="button" onClick={() => void testKey()}>{t('settings.engine.testKey')}</button>}
          </div>
          <p className="hint" data-testid="key-status">{apiKey.set ? t('settings.engine.keySaved', { last4: apiKey.last4 }) : t('settings.engine.keyNone')}</p>
          {apiKey.storage !== 'os' && <p className="hint warning">{t(`settings.engine.${storageWarning}`)}</p>}
          {keyTest && <p className="hint" role="status" data-testid="key-test">{keyTest}</p>}
        </div>

        <label className="field">
          <span>{t('settings.engine.region')}</span>
          <select value={settings.region} onChange={(event) => void update({ region: event.target.value as Settings['region'] })}>
            <option value="cn">{t('settings.engine.regionCn')}</option>
            <option value="intl">{t('settings.engine.regionIntl')}</option>
            <option value="us">{t('settings.engine.regionUs')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('settings.engine.baseUrl')}</span>
          <input type="url" defaultValue={settings.baseUrl ?? ''} key={`base-${settings.baseUrl}`} placeholder="http://localhost:8000/v1" onBlur={(event) => void update({ baseUrl: event.target.value.trim() || null })} />
          <small className="hint">{t('settings.engine.baseUrlHint')}</small>
        </label>
        {apiKey.withheldFrom && (
          <div className="field confirm" role="alert" data-testid="key-withheld">
            <p className="hint warning">{t('settings.engine.keyWithheld', { url: apiKey.withheldFrom })}</p>
            <button type="button" onClick={() => void keyAction(() => api.settings.trustEndpoint(apiKey.withheldFrom!))}>{t('settings.engine.sendKeyThere')}</button>
          </div>
        )}
        <label className="field">
          <span>{t('settings.engine.model')}</span>
          <input list="models" defaultValue={settings.model} key={`model-${settings.model}`} onBlur={(event) => void update({ model: event.target.value })} />
          <datalist id="models">{KNOWN_MODELS.map((model) => <option key={model} value={model} />)}</datalist>
        </label>
        <label className="field">
          <span>{t('settings.engine.mode')}</span>
          <select value={settings.mode} onChange={(event) => void update({ mode: event.target.value as Settings['mode'] })}>
            {(['text', 'markdown', 'table', 'formula', 'json'] as const).map((mode) => <option key={mode} value={mode}>{t(`mode.${mode}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('settings.engine.customPrompt')}</span>
          <textarea rows={2} defaultValue={settings.customPrompt ?? ''} key={`prompt-${settings.customPrompt}`} onBlur={(event) => void update({ customPrompt: event.target.value.trim() || null })} />
          <small className="hint">{t('settings.engine.customPromptHint')}</small>
        </label>
        {numberField('minPixels', t('settings.engine.minPixels'))}
        {numberField('maxPixels', t('settings.engine.maxPixels'))}
      </Section>

      <Section title={t('settings.behaviour.heading')}>
        {checkbox('copyToClipboard', t('settings.behaviour.copy'))}
        {checkbox('showNotification', t('settings.behaviour.notify'))}
        {checkbox('closeToTray', t('settings.behaviour.closeToTray'))}
        {checkbox('launchAtLogin', t('settings.behaviour.launchAtLogin'))}
        {checkbox('checkForUpdates', t('settings.behaviour.checkForUpdates'))}
        <label className="field">
          <span>{t('settings.behaviour.hotkey')}</span>
          <input defaultValue={settings.hotkey} key={`hotkey-${settings.hotkey}`} onBlur={(event) => void update({ hotkey: event.target.value })} />
        </label>
        <label className="field">
          <span>{t('settings.behaviour.repeatHotkey')}</span>
          <input defaultValue={settings.repeatHotkey} key={`repeat-${settings.repeatHotkey}`} onBlur={(event) => void update({ repeatHotkey: event.target.value })} />
        </label>
      </Section>

      <Section title={t('settings.history.heading')}>
        {checkbox('keepImages', t('settings.history.keepImages'))}
        {numberField('historyCapMb', t('settings.history.cap'))}
        {storage && (
          <p className="hint">
            {t('settings.history.storage', {
              entries: storage.entries,
              size: formatBytes(storage.databaseBytes, i18n.language),
              images: formatBytes(storage.imageBytes, i18n.language),
            })}
          </p>
        )}
      </Section>

      <Section title={t('settings.appearance.heading')}>
        <label className="field">
          <span>{t('settings.appearance.theme')}</span>
          <select value={settings.theme} onChange={(event) => void update({ theme: event.target.value as Settings['theme'] })} data-testid="theme">
            <option value="system">{t('settings.appearance.themeSystem')}</option>
            <option value="light">{t('settings.appearance.themeLight')}</option>
            <option value="dark">{t('settings.appearance.themeDark')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('settings.appearance.language')}</span>
          <select value={settings.language} onChange={(event) => void update({ language: event.target.value as Settings['language'] })} data-testid="language">
            <option value="system">{t('settings.appearance.languageSystem')}</option>
            <option value="en">{t('settings.appearance.languageEn')}</option>
            <option value="zh-CN">{t('settings.appearance.languageZh')}</option>
          </select>
        </label>
      </Section>
    </div>
  );
}

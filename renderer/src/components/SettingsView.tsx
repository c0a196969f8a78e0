/** Every setting, saved as it changes; the API key goes to the main process and never comes back. */
import { useEffect, useState, type ReactNode } from 'react';
import { HotkeyField } from './HotkeyField.tsx';
import { SchemaEditor } from './SchemaEditor.tsx';
import { TaskOptions } from './TaskOptions.tsx';
import { UsagePanel } from './UsagePanel.tsx';
import { OfflineLanguages } from './OfflineLanguages.tsx';
import { useTranslation } from 'react-i18next';
import type { ApiKeyStatus, SettingsView as Settings, StorageView } from '../../../preload/api.ts';
import { KNOWN_MODELS } from '../../../main/ocr/model-names.ts';
import { protocolFor } from '../../../main/ocr/regions.ts';
import { api, bridgeError } from '../api.ts';
import { formatBytes } from '../format.ts';

interface Props {
  settings: Settings;
  apiKey: ApiKeyStatus;
  onChange: (settings: Settings, apiKey: ApiKeyStatus) => void;
  onToast: (text: string) => void;
}

type NumberKey = 'minPixels' | 'maxPixels' | 'historyCapMb';
type Invalid = { key: string; params?: Record<string, string | number> };

/** Plain-word checks of a number before it is saved (the main process checks again with the same bounds). */
function checkNumber(key: NumberKey, raw: string, settings: Settings): Invalid | null {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value)) return { key: 'settings.invalid.whole' };
  if (key === 'historyCapMb') return value < 0 ? { key: 'settings.invalid.min', params: { min: 0 } } : null;
  if (value < 784) return { key: 'settings.invalid.min', params: { min: 784 } };
  if (value > 50_000_000) return { key: 'settings.invalid.max', params: { max: '50,000,000' } };
  if (key === 'minPixels' && value > settings.maxPixels) return { key: 'settings.invalid.minAboveMax', params: { max: settings.maxPixels } };
  if (key === 'maxPixels' && value < settings.minPixels) return { key: 'settings.invalid.maxBelowMin', params: { min: settings.minPixels } };
  return null;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="settings-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function SettingsView({ settings, apiKey, onChange, onToast }: Props) {
  const { t, i18n } = useTranslation();
  /** Kept as a catalogue key, so it is always said in the language shown now (review L5). */
  const [status, setStatus] = useState<{ key: string; message?: string; error: boolean } | null>(null);
  const [invalid, setInvalid] = useState<Record<string, Invalid>>({});
  const [keyDraft, setKeyDraft] = useState('');
  const [keyTest, setKeyTest] = useState<{ text: string; ok: boolean | null } | null>(null);
  const [storage, setStorage] = useState<StorageView | null>(null);
  const [clearing, setClearing] = useState<{ includePinned: boolean } | null>(null);

  useEffect(() => {
    void api.history.storage().then(setStorage);
  }, []);
  /** The protocol a request goes out with now: Automatic is native for DashScope's regions. */
  const protocol = protocolFor(settings.api, settings.baseUrl !== null);

  /** Shows the change at once, then saves it; a refused change is put back and said beside its field. */
  const update = async (patch: Partial<Settings>, field?: string): Promise<boolean> => {
    onChange({ ...settings, ...patch }, apiKey);
    try {
      const saved = await api.settings.update(patch);
      // A new endpoint decides whether the key may go there: the main process says (apiKey.withheldFrom).
      onChange(saved, 'baseUrl' in patch ? (await api.settings.get()).apiKey : apiKey);
      if (field) setInvalid(({ [field]: _gone, ...rest }) => rest);
      setStatus({ key: 'settings.saved', error: false });
      return true;
    } catch (error) {
      onChange(settings, apiKey);
      const { code, message } = bridgeError(error);
      if (field) setInvalid((current) => ({ ...current, [field]: { key: `errorCode.${code}`, params: { message } } }));
      else setStatus({ key: 'settings.invalidGeneric', message, error: true });
      return false;
    }
  };
  const testKey = async (): Promise<void> => {
    setKeyTest({ text: t('settings.engine.testing'), ok: null });
    const result = await api.settings.testApiKey();
    setKeyTest(result.ok ? { text: t('settings.engine.testOk', { model: result.model, ms: result.durationMs }), ok: true } : { text: t('settings.engine.testFailed', { message: result.message }), ok: false });
  };
  const keyAction = async (action: () => Promise<ApiKeyStatus>, test = false): Promise<void> => {
    try {
      onChange(settings, await action());
      setKeyDraft('');
      setKeyTest(null);
      // A key is tested as it is saved: a wrong one is said now, not at the first capture.
      if (test) await testKey();
    } catch (error) {
      setKeyTest({ text: t('settings.invalidGeneric', { message: bridgeError(error).message }), ok: false });
    }
  };
  const fieldError = (field: string) =>
    invalid[field] ? (
      <small className="field-error" id={`${field}-error`} role="alert" data-testid={`${field}-error`}>
        {t(invalid[field]!.key, invalid[field]!.params ?? {})}
      </small>
    ) : null;
  const numberField = (key: NumberKey, label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        min={key === 'historyCapMb' ? 0 : 784}
        defaultValue={settings[key]}
        key={`${key}-${settings[key]}`}
        aria-invalid={Boolean(invalid[key])}
        aria-describedby={invalid[key] ? `${key}-error` : undefined}
        data-testid={`field-${key}`}
        onBlur={(event) => {
          const problem = checkNumber(key, event.target.value, settings);
          if (problem) setInvalid((current) => ({ ...current, [key]: problem }));
          else void update({ [key]: Number(event.target.value) }, key);
        }}
      />
      {fieldError(key)}
      {hint && <small className="hint">{hint}</small>}
    </label>
  );
  type ChoiceKey = 'batchClipboard' | 'pdfText' | 'codesClipboard' | 'theme' | 'language' | 'api' | 'lineMode';
  /** A setting picked from a few: its label, and each value with its words (catalogue keys). */
  const choice = <K extends ChoiceKey>(key: K, label: string, options: ReadonlyArray<readonly [Settings[K], string]>, testId: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <select value={settings[key]} onChange={(event) => void update({ [key]: event.target.value } as Partial<Settings>)} data-testid={testId}>
        {options.map(([value, words]) => <option key={value} value={value}>{t(words)}</option>)}
      </select>
      {hint && <small className="hint">{hint}</small>}
    </label>
  );
  const checkbox = (key: 'copyToClipboard' | 'showNotification' | 'closeToTray' | 'launchAtLogin' | 'keepImages' | 'checkForUpdates' | 'offlineIdleRelease' | 'offlineFallback', label: string) => (
    <label className="check">
      <input type="checkbox" checked={settings[key]} onChange={(event) => void update({ [key]: event.target.checked })} />
      <span>{label}</span>
    </label>
  );
  const storageWarning = { os: 'storageOs', weak: 'storageWeak', session: 'storageSession' }[apiKey.storage];
  const clearHistory = async (includePinned: boolean): Promise<void> => {
    try {
      const removed = await api.history.clear({ includePinned });
      setClearing(null);
      onToast(t('settings.history.cleared', { count: removed }));
      setStorage(await api.history.storage());
    } catch (error) {
      setStatus({ key: 'settings.invalidGeneric', message: bridgeError(error).message, error: true });
    }
  };

  return (
    <div className="settings" data-testid="settings">
      <h2 className="settings-title" tabIndex={-1}>{t('settings.title')}</h2>
      <p className={`settings-status${status?.error ? ' error-text' : ''}`} role="status" aria-live="polite">{status ? t(status.key, { message: status.message ?? '' }) : ''}</p>

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
        {settings.engine === 'local' && <p className="hint">{t('settings.engine.localLanguages')}</p>}
        {checkbox('offlineIdleRelease', t('settings.engine.idleRelease'))}
        {checkbox('offlineFallback', t('failures.setting'))}

        <div className="field">
          <label htmlFor="api-key">{t('settings.engine.key')}</label>
          <div className="inline">
            <input id="api-key" type="password" autoComplete="off" spellCheck={false} placeholder={t('settings.engine.keyPlaceholder')} value={keyDraft} onChange={(event) => setKeyDraft(event.target.value)} />
            <button type="button" className="primary" disabled={!keyDraft.trim()} onClick={() => void keyAction(() => api.settings.setApiKey(keyDraft), true)}>{t('settings.engine.saveKey')}</button>
            {apiKey.set && <button type="button" onClick={() => void keyAction(() => api.settings.clearApiKey())}>{t('settings.engine.clearKey')}</button>}
            {apiKey.set && <button type="button" onClick={() => void testKey()}>{t('settings.engine.testKey')}</button>}
          </div>
          <p className="hint" data-testid="key-status">{apiKey.set ? t('settings.engine.keySaved', { last4: apiKey.last4 }) : t('settings.engine.keyNone')}</p>
          {apiKey.storage !== 'os' && <p className="hint warning">{t(`settings.engine.${storageWarning}`)}</p>}
          {keyTest && (
            <p className={`key-test${keyTest.ok === true ? ' ok' : keyTest.ok === false ? ' failed' : ''}`} role="status" data-testid="key-test">
              {keyTest.text}
            </p>
          )}
        </div>

        <label className="field">
          <span>{t('settings.engine.region')}</span>
          <select value={settings.region} disabled={Boolean(settings.baseUrl)} onChange={(event) => void update({ region: event.target.value as Settings['region'] })}>
            <option value="cn">{t('settings.engine.regionCn')}</option>
            <option value="intl">{t('settings.engine.regionIntl')}</option>
            <option value="us">{t('settings.engine.regionUs')}</option>
          </select>
          {settings.baseUrl && <small className="hint">{t('settings.engine.regionOverridden')}</small>}
        </label>
        <label className="field">
          <span>{t('settings.engine.model')}</span>
          <input list="models" defaultValue={settings.model} key={`model-${settings.model}`} onBlur={(event) => void update({ model: event.target.value }, 'model')} />
          <datalist id="models">{KNOWN_MODELS.map((model) => <option key={model} value={model} />)}</datalist>
          {fieldError('model')}
        </label>
        <label className="field">
          <span>{t('settings.engine.mode')}</span>
          <select value={settings.task} onChange={(event) => void update({ task: event.target.value as Settings['task'] })} data-testid="task">
            <TaskOptions t={t} />
          </select>
          {settings.task === 'advanced' && protocol !== 'native' && <small className="hint warning" role="note">{t('settings.engine.advancedNeedsNative')}</small>}
        </label>
        {settings.task === 'key-info' && <SchemaEditor settings={settings} update={(patch) => update(patch)} onToast={onToast} />}
        <label className="check">
          <input type="checkbox" checked={settings.rotate} disabled={protocol !== 'native'} onChange={(event) => void update({ rotate: event.target.checked })} />
          <span>{t('settings.engine.rotate')}</span>
        </label>

        <details className="advanced" data-testid="advanced">
          <summary>{t('settings.advanced')}</summary>
          <label className="field">
            <span>{t('settings.engine.baseUrl')}</span>
            <input
              type="url"
              defaultValue={settings.baseUrl ?? ''}
              key={`base-${settings.baseUrl}`}
              placeholder="http://localhost:8000/v1"
              aria-invalid={Boolean(invalid.baseUrl)}
              onBlur={(event) => {
                const value = event.target.value.trim();
                if (value && !/^https?:\/\/[^\s/]+/i.test(value)) setInvalid((current) => ({ ...current, baseUrl: { key: 'settings.invalid.url' } }));
                else void update({ baseUrl: value || null }, 'baseUrl');
              }}
            />
            {fieldError('baseUrl')}
            <small className="hint">{t('settings.engine.baseUrlHint')}</small>
          </label>
          {apiKey.withheldFrom && (
            <div className="field confirm" role="alert" data-testid="key-withheld">
              <p className="hint warning">{t('settings.engine.keyWithheld', { url: apiKey.withheldFrom })}</p>
              <button type="button" onClick={() => void keyAction(() => api.settings.trustEndpoint(apiKey.withheldFrom!))}>{t('settings.engine.sendKeyThere')}</button>
            </div>
          )}
          {choice('api', t('settings.engine.api'), [['auto', 'settings.engine.apiAuto'], ['native', 'settings.engine.apiNative'], ['compatible', 'settings.engine.apiCompatible']], 'api', t('settings.engine.apiHint'))}
          <label className="field">
            <span>{t('settings.engine.customPrompt')}</span>
            <textarea rows={2} defaultValue={settings.customPrompt ?? ''} key={`prompt-${settings.customPrompt}`} onBlur={(event) => void update({ customPrompt: event.target.value.trim() || null })} />
            <small className="hint">{t('settings.engine.customPromptHint')}</small>
          </label>
          {numberField('minPixels', t('settings.engine.minPixels'), t('settings.engine.pixelsHint'))}
          {numberField('maxPixels', t('settings.engine.maxPixels'))}
        </details>
      </Section>

      <Section title={t('settings.languages.heading')}>
        <OfflineLanguages settings={settings} update={(patch) => update(patch)} onToast={onToast} />
      </Section>

      <Section title={t('settings.usage.heading')}>
        <UsagePanel />
      </Section>

      <Section title={t('settings.behaviour.heading')}>
        {checkbox('copyToClipboard', t('settings.behaviour.copy'))}
        {choice('batchClipboard', t('settings.behaviour.batchClipboard'), [['joined', 'settings.behaviour.batchJoined'], ['none', 'settings.behaviour.batchNone']], 'batch-clipboard')}
        {choice('pdfText', t('settings.behaviour.pdfText'), [['auto', 'settings.behaviour.pdfTextAuto'], ['always', 'settings.behaviour.pdfTextAlways'], ['never', 'settings.behaviour.pdfTextNever']], 'pdf-text')}
        {choice('lineMode', t('modes.setting'), (['lines', 'paragraphs', 'one-line', 'layout'] as const).map((mode) => [mode, `modes.mode.${mode}`] as const), 'line-mode-setting')}
        {choice('codesClipboard', t('settings.behaviour.codesClipboard'), [['codes-first', 'settings.behaviour.codesFirst'], ['text-first', 'settings.behaviour.textFirst'], ['both', 'settings.behaviour.codesBoth']], 'codes-clipboard')}
        {checkbox('showNotification', t('settings.behaviour.notify'))}
        {checkbox('closeToTray', t('settings.behaviour.closeToTray'))}
        {checkbox('launchAtLogin', t('settings.behaviour.launchAtLogin'))}
        {checkbox('checkForUpdates', t('settings.behaviour.checkForUpdates'))}
        <HotkeyField id="hotkey" label={t('settings.behaviour.hotkey')} value={settings.hotkey} onSave={(hotkey) => update({ hotkey }, 'hotkey')} error={fieldError('hotkey')} />
        <HotkeyField id="repeatHotkey" label={t('settings.behaviour.repeatHotkey')} value={settings.repeatHotkey} onSave={(repeatHotkey) => update({ repeatHotkey }, 'repeatHotkey')} error={fieldError('repeatHotkey')} />
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
        <div className="inline-actions">
          <button type="button" onClick={() => void api.app.openDataFolder()}>{t('settings.history.openFolder')}</button>
          <button type="button" className="danger" onClick={() => setClearing({ includePinned: false })} data-testid="clear-history">{t('settings.history.clear')}</button>
        </div>
        {clearing && (
          <div className="confirm" role="alertdialog" aria-labelledby="clear-title" data-testid="clear-confirm">
            <p id="clear-title">{t('settings.history.clearConfirm', { count: storage?.entries ?? 0 })}</p>
            <label className="check">
              <input type="checkbox" checked={clearing.includePinned} onChange={(event) => setClearing({ includePinned: event.target.checked })} />
              <span>{t('settings.history.clearPinned')}</span>
            </label>
            <div className="inline-actions">
              <button type="button" className="danger" onClick={() => void clearHistory(clearing.includePinned)}>{t('settings.history.clearNow')}</button>
              <button type="button" onClick={() => setClearing(null)}>{t('settings.history.keep')}</button>
            </div>
          </div>
        )}
      </Section>

      <Section title={t('settings.appearance.heading')}>
        {choice('theme', t('settings.appearance.theme'), [['system', 'settings.appearance.themeSystem'], ['light', 'settings.appearance.themeLight'], ['dark', 'settings.appearance.themeDark']], 'theme')}
        {choice('language', t('settings.appearance.language'), [['system', 'settings.appearance.languageSystem'], ['en', 'settings.appearance.languageEn'], ['zh-CN', 'settings.appearance.languageZh']], 'language')}
      </Section>
    </div>
  );
}

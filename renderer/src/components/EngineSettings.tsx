/**
 * Settings › Text recognition: the engine, its key and region together (review 2, L8), the model and task, and the
 * Qwen options an ordinary user never needs folded under Advanced.
 */
import { useTranslation } from 'react-i18next';
import { KNOWN_MODELS } from '../../../main/ocr/model-names.ts';
import { protocolFor } from '../../../main/ocr/regions.ts';
import { api } from '../api.ts';
import { ApiKeyField } from './ApiKeyField.tsx';
import { SchemaEditor } from './SchemaEditor.tsx';
import type { Fields } from './SettingsFields.tsx';
import { TaskOptions } from './TaskOptions.tsx';

export function EngineSettings({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const { settings, apiKey, update, fieldError, checkbox, choice, refuse, onChange, onToast } = fields;
  /** The protocol a request goes out with now: Automatic is native for DashScope's regions. */
  const protocol = protocolFor(settings.api, settings.baseUrl !== null);
  /** Qwen chosen, but nothing to reach it with: the offline engine reads, and the radio says so (review 2, L9). */
  const automatic = !apiKey.set && !settings.baseUrl;
  return (
    <>
      <fieldset className="radios">
        <legend>{t('settings.engine.choice')}</legend>
        {(['qwen', 'local'] as const).map((engine) => (
          <label key={engine} className="check">
            <input type="radio" name="engine" value={engine} checked={settings.engine === engine} onChange={() => void update({ engine })} data-testid={`engine-${engine}`} />
            <span>{t(engine === 'qwen' && automatic ? 'settings.engine.automatic' : `settings.engine.${engine}`)}</span>
          </label>
        ))}
      </fieldset>
      {settings.engine === 'qwen' && automatic && <p className="hint">{t('settings.engine.qwenWithoutKey')}</p>}
      {settings.engine === 'local' && <p className="hint">{t('settings.engine.localLanguages')}</p>}

      <ApiKeyField fields={fields} />
      <label className="field">
        <span>{t('settings.engine.region')}</span>
        <select value={settings.region} disabled={Boolean(settings.baseUrl)} onChange={(event) => void update({ region: event.target.value as typeof settings.region })} data-testid="region">
          <option value="cn">{t('settings.engine.regionCn')}</option>
          <option value="intl">{t('settings.engine.regionIntl')}</option>
          <option value="us">{t('settings.engine.regionUs')}</option>
        </select>
        {settings.baseUrl && <small className="hint">{t('settings.engine.regionOverridden')}</small>}
      </label>
      {checkbox('offlineFallback', t('failures.setting'))}
      <label className="field">
        <span>{t('settings.engine.model')}</span>
        <input list="models" defaultValue={settings.model} key={`model-${settings.model}`} onBlur={(event) => void update({ model: event.target.value }, 'model')} />
        <datalist id="models">{KNOWN_MODELS.map((model) => <option key={model} value={model} />)}</datalist>
        {fieldError('model')}
      </label>
      <label className="field">
        <span>{t('settings.engine.mode')}</span>
        <select value={settings.task} onChange={(event) => void update({ task: event.target.value as typeof settings.task })} data-testid="task">
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
            aria-invalid={Boolean(fieldError('baseUrl'))}
            onBlur={(event) => {
              const value = event.target.value.trim();
              if (value && !/^https?:\/\/[^\s/]+/i.test(value)) refuse('baseUrl', { key: 'settings.invalid.url' });
              else void update({ baseUrl: value || null }, 'baseUrl');
            }}
          />
          {fieldError('baseUrl')}
          <small className="hint">{t('settings.engine.baseUrlHint')}</small>
        </label>
        {apiKey.withheldFrom && (
          <div className="field confirm" role="alert" data-testid="key-withheld">
            <p className="hint warning">{t('settings.engine.keyWithheld', { url: apiKey.withheldFrom })}</p>
            <button type="button" onClick={() => void api.settings.trustEndpoint(apiKey.withheldFrom!).then((status) => onChange(settings, status))}>{t('settings.engine.sendKeyThere')}</button>
          </div>
        )}
        {choice('api', t('settings.engine.api'), [['auto', 'settings.engine.apiAuto'], ['native', 'settings.engine.apiNative'], ['compatible', 'settings.engine.apiCompatible']], 'api', t('settings.engine.apiHint'))}
        <label className="field">
          <span>{t('settings.engine.customPrompt')}</span>
          <textarea rows={2} defaultValue={settings.customPrompt ?? ''} key={`prompt-${settings.customPrompt}`} onBlur={(event) => void update({ customPrompt: event.target.value.trim() || null })} />
          <small className="hint">{t('settings.engine.customPromptHint')}</small>
        </label>
        {fields.numberField('minPixels', t('settings.engine.minPixels'), t('settings.engine.pixelsHint'))}
        {fields.numberField('maxPixels', t('settings.engine.maxPixels'))}
      </details>
    </>
  );
}

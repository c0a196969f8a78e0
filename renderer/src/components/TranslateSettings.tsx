/**
 * Settings › Translation (issue 24): the language translations are made into (named in the reader's language), the
 * model (Qwen-MT's three, or any other name, which gets a chat prompt), whether every capture is translated, and the
 * glossary sent as Qwen-MT's terms. The glossary's rows are edited here and saved whole when a field is left, so a
 * half-typed row (empty on one side, which the settings refuse) is never sent.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TARGET_LANGUAGES, languageName } from '../translate-languages.ts';
import type { Fields } from './SettingsFields.tsx';
import './TranslateSettings.css';

const MODELS = ['qwen-mt-flash', 'qwen-mt-turbo', 'qwen-mt-plus'] as const;
const CUSTOM = 'custom';
/** The settings' bound on a model name and on each side of a term (main/settings/schema.ts). */
const MAX_CHARS = 200;
type Term = { source: string; target: string };

export function TranslateSettings({ fields }: { fields: Fields }) {
  const { t, i18n } = useTranslation();
  const { settings, update, checkbox, fieldError } = fields;
  const known = (MODELS as readonly string[]).includes(settings.translateModel);
  const [custom, setCustom] = useState(!known);
  const [terms, setTerms] = useState<Term[]>(settings.translateTerms);

  // Only whole rows are saved; a row empty on both sides is dropped, one empty on a side waits for its other half.
  const saveTerms = (rows: Term[]): void => {
    const whole = rows.map((row) => ({ source: row.source.trim(), target: row.target.trim() })).filter((row) => row.source && row.target);
    if (JSON.stringify(whole) !== JSON.stringify(settings.translateTerms)) void update({ translateTerms: whole }, 'translateTerms');
  };
  const edit = (index: number, patch: Partial<Term>): void => setTerms((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const remove = (index: number): void => {
    const rows = terms.filter((_, i) => i !== index);
    setTerms(rows);
    saveTerms(rows);
  };

  return (
    <>
      <label className="field">
        <span>{t('settings.translate.target')}</span>
        <select value={settings.translateTarget} onChange={(event) => void update({ translateTarget: event.target.value })} data-testid="translate-target">
          {TARGET_LANGUAGES.map((code) => <option key={code} value={code}>{languageName(code, i18n.language)}</option>)}
        </select>
      </label>

      <label className="field">
        <span>{t('settings.translate.model')}</span>
        <select
          value={custom ? CUSTOM : settings.translateModel}
          data-testid="translate-model"
          onChange={(event) => {
            const value = event.target.value;
            setCustom(value === CUSTOM);
            if (value !== CUSTOM) void update({ translateModel: value }, 'translateModel');
          }}
        >
          {MODELS.map((model) => <option key={model} value={model}>{model === 'qwen-mt-flash' ? t('settings.translate.modelDefault', { model }) : model}</option>)}
          <option value={CUSTOM}>{t('settings.translate.modelCustom')}</option>
        </select>
        <small className="hint">{t('settings.translate.modelHint')}</small>
      </label>
      {custom && (
        <label className="field">
          <span>{t('settings.translate.modelName')}</span>
          <input
            type="text"
            maxLength={MAX_CHARS}
            defaultValue={known ? '' : settings.translateModel}
            spellCheck={false}
            data-testid="translate-model-custom"
            aria-describedby={fieldError('translateModel') ? 'translateModel-error' : undefined}
            onBlur={(event) => {
              const name = event.target.value.trim();
              if (name && name !== settings.translateModel) void update({ translateModel: name }, 'translateModel');
            }}
          />
          {fieldError('translateModel')}
        </label>
      )}

      {checkbox('translateEveryCapture', t('settings.translate.everyCapture'), t('settings.translate.everyCaptureHint'))}

      <fieldset className="glossary" data-testid="glossary">
        <legend>{t('settings.translate.glossary')}</legend>
        <small className="hint">{t('settings.translate.glossaryHint')}</small>
        {terms.map((row, index) => (
          <div className="glossary-row" key={index} data-testid="glossary-row">
            <input
              type="text"
              maxLength={MAX_CHARS}
              value={row.source}
              aria-label={t('settings.translate.term', { n: index + 1 })}
              data-testid="glossary-source"
              onChange={(event) => edit(index, { source: event.target.value })}
              onBlur={() => saveTerms(terms)}
            />
            <span aria-hidden="true">→</span>
            <input
              type="text"
              maxLength={MAX_CHARS}
              value={row.target}
              aria-label={t('settings.translate.termTranslation', { n: index + 1 })}
              data-testid="glossary-target"
              onChange={(event) => edit(index, { target: event.target.value })}
              onBlur={() => saveTerms(terms)}
            />
            <button type="button" className="glossary-remove" aria-label={t('settings.translate.remove', { n: index + 1 })} data-testid="glossary-remove" onClick={() => remove(index)}>
              ×
            </button>
          </div>
        ))}
        <button type="button" data-testid="glossary-add" onClick={() => setTerms((rows) => [...rows, { source: '', target: '' }])}>
          {t('settings.translate.add')}
        </button>
        {fieldError('translateTerms')}
      </fieldset>
    </>
  );
}

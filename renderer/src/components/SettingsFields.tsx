/**
 * The Settings page's field kit: a change shown at once and saved, refused changes said beside their field, and the
 * few shapes a setting takes (a checkbox, a choice among a few, a whole number). Each section of the page is its own
 * small component and gets this kit, so a new setting is one line in the section it belongs to.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyStatus, SettingsView as Settings } from '../../../preload/api.ts';
import { api, bridgeError } from '../api.ts';

type Invalid = { key: string; params?: Record<string, string | number> };
/** A page-wide line under the title: a catalogue key, so it is said in the language shown now (review L5). */
export type Status = { key: string; params?: Record<string, string | number>; error: boolean } | null;

/** The settings picked from a few words (selects), and the ones that are on or off (checkboxes). */
export type ChoiceKey = { [K in keyof Settings]: Settings[K] extends string ? K : never }[keyof Settings];
export type CheckKey = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];
export type NumberKey = 'minPixels' | 'maxPixels' | 'historyCapMb';

export interface Fields {
  settings: Settings;
  apiKey: ApiKeyStatus;
  onChange: (settings: Settings, apiKey: ApiKeyStatus) => void;
  onToast: (text: string) => void;
  setStatus: (status: Status) => void;
  /** Shows the change at once, then saves it; a refused change is put back and said beside `field` (or on top). */
  update: (patch: Partial<Settings>, field?: string) => Promise<boolean>;
  /** Marks a field wrong before anything is saved (a check the page can make itself). */
  refuse: (field: string, invalid: Invalid) => void;
  fieldError: (field: string) => ReactNode;
  checkbox: (key: CheckKey, label: string, hint?: string) => ReactNode;
  choice: <K extends ChoiceKey>(key: K, label: string, options: ReadonlyArray<readonly [Settings[K], string]>, testId: string, hint?: string) => ReactNode;
  numberField: (key: NumberKey, label: string, hint?: string) => ReactNode;
}

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

export function useSettingsFields(props: Pick<Fields, 'settings' | 'apiKey' | 'onChange' | 'onToast'>): { fields: Fields; status: Status } {
  const { t } = useTranslation();
  const { settings, apiKey, onChange } = props;
  const [status, setStatus] = useState<Status>(null);
  const [invalid, setInvalid] = useState<Record<string, Invalid>>({});

  const update: Fields['update'] = async (patch, field) => {
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
      // Said by its code, in the reader's language; the main process's own words only for a code with none.
      const { code, message } = bridgeError(error);
      const problem = { key: `errorCode.${code}`, params: { defaultValue: message } };
      if (field) setInvalid((current) => ({ ...current, [field]: problem }));
      else setStatus({ key: 'settings.invalidGeneric', params: { message: t(problem.key, problem.params) }, error: true });
      return false;
    }
  };
  const refuse: Fields['refuse'] = (field, problem) => setInvalid((current) => ({ ...current, [field]: problem }));
  const fieldError: Fields['fieldError'] = (field) =>
    invalid[field] ? (
      <small className="field-error" id={`${field}-error`} role="alert" data-testid={`${field}-error`}>
        {t(invalid[field]!.key, invalid[field]!.params ?? {})}
      </small>
    ) : null;
  const checkbox: Fields['checkbox'] = (key, label, hint) => (
    <label className="check">
      <input type="checkbox" checked={settings[key]} onChange={(event) => void update({ [key]: event.target.checked })} data-testid={`check-${key}`} />
      <span>
        {label}
        {hint && <small className="hint check-hint">{hint}</small>}
      </span>
    </label>
  );
  const choice: Fields['choice'] = (key, label, options, testId, hint) => (
    <label className="field">
      <span>{label}</span>
      <select value={settings[key]} onChange={(event) => void update({ [key]: event.target.value } as Partial<Settings>)} data-testid={testId}>
        {options.map(([value, words]) => <option key={value} value={value}>{t(words)}</option>)}
      </select>
      {hint && <small className="hint">{hint}</small>}
    </label>
  );
  const numberField: Fields['numberField'] = (key, label, hint) => (
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
          if (problem) refuse(key, problem);
          else void update({ [key]: Number(event.target.value) }, key);
        }}
      />
      {fieldError(key)}
      {hint && <small className="hint">{hint}</small>}
    </label>
  );
  return { fields: { ...props, setStatus, update, refuse, fieldError, checkbox, choice, numberField }, status };
}

/** A section of the page: a heading and its settings. */
export function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={`settings-${id}`} data-testid={`settings-${id}`}>
      <h2 id={`settings-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

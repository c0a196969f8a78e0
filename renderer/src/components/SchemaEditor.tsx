/**
 * Key-information schemas, kept by name: pick the one the key-info task uses, or write one (a JSON object of field
 * names and what each holds), checked as it is saved with the same rule the main process applies (tasks.ts).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseResultSchema } from '../../../main/ocr/tasks.ts';
import type { SettingsView as Settings } from '../../../preload/api.ts';

interface Props {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<boolean>;
  onToast: (text: string) => void;
}

const EXAMPLE = '{\n  "invoice_number": "the invoice number",\n  "total": "the amount due, with its currency"\n}';

export function SchemaEditor({ settings, update, onToast }: Props) {
  const { t } = useTranslation();
  const chosen = settings.schemaName;
  const [name, setName] = useState(chosen ?? '');
  const [json, setJson] = useState(chosen ? (settings.schemas[chosen] ?? '') : EXAMPLE);
  const [problem, setProblem] = useState<string | null>(null);

  const choose = (next: string): void => {
    const picked = next || null;
    setName(picked ?? '');
    setJson(picked ? (settings.schemas[picked] ?? '') : EXAMPLE);
    setProblem(null);
    void update({ schemaName: picked });
  };
  const save = async (): Promise<void> => {
    const trimmed = name.trim();
    if (!trimmed) return setProblem(t('settings.engine.schemaNameMissing'));
    const parsed = parseResultSchema(json);
    if (!parsed.ok) return setProblem(t('settings.engine.schemaInvalid', { reason: parsed.reason }));
    setProblem(null);
    if (await update({ schemas: { ...settings.schemas, [trimmed]: JSON.stringify(parsed.schema, null, 2) }, schemaName: trimmed })) {
      onToast(t('settings.engine.schemaSaved', { name: trimmed }));
    }
  };
  const remove = (): void => {
    if (!chosen) return;
    const { [chosen]: _gone, ...rest } = settings.schemas;
    setName('');
    setJson(EXAMPLE);
    void update({ schemas: rest, schemaName: null });
  };

  return (
    <fieldset className="schema-editor" data-testid="schema-editor">
      <legend>{t('settings.engine.schema')}</legend>
      <select value={chosen ?? ''} onChange={(event) => choose(event.target.value)} aria-label={t('settings.engine.schema')} data-testid="schema-choice">
        <option value="">{t('settings.engine.schemaNone')}</option>
        {Object.keys(settings.schemas).map((schema) => (
          <option key={schema} value={schema}>{schema}</option>
        ))}
      </select>
      <label className="field">
        <span>{t('settings.engine.schemaName')}</span>
        <input value={name} maxLength={80} onChange={(event) => setName(event.target.value)} data-testid="schema-name" />
      </label>
      <label className="field">
        <span>{t('settings.engine.schemaJson')}</span>
        <textarea rows={5} spellCheck={false} value={json} onChange={(event) => setJson(event.target.value)} aria-invalid={problem !== null} aria-describedby={problem ? 'schema-error' : undefined} data-testid="schema-json" />
        {problem && <small className="field-error" id="schema-error" role="alert" data-testid="schema-error">{problem}</small>}
      </label>
      <div className="schema-actions">
        <button type="button" onClick={() => void save()} data-testid="schema-save">{t('settings.engine.schemaSave')}</button>
        {chosen && <button type="button" className="danger" onClick={remove}>{t('settings.engine.schemaDelete')}</button>}
      </div>
    </fieldset>
  );
}

/** Key information as a list of fields (M15): each name beside its value, and a Copy for each value. */
import { useTranslation } from 'react-i18next';
import type { Field } from '../../../main/text/structure.ts';

interface Props {
  fields: Field[];
  onCopy: (value: string) => void;
}

export function FieldList({ fields, onCopy }: Props) {
  const { t } = useTranslation();
  return (
    <dl className="field-list" data-testid="field-list">
      {fields.map((field, i) => (
        <div key={i} className="field">
          <dt>{field.key}</dt>
          <dd>
            <span className="field-value">{field.value}</span>
            <button type="button" className="field-copy" onClick={() => onCopy(field.value)} disabled={!field.value} aria-label={t('modes.copyField', { field: field.key })}>
              {t('result.copy')}
            </button>
          </dd>
        </div>
      ))}
    </dl>
  );
}

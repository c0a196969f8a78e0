/**
 * How the result's lines are joined (issue 22): as on screen, as paragraphs, on one line, or in their layout. What
 * is chosen here is the default in Settings too, so every result, copy and export keeps it until it is changed.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LINE_MODES, type LineMode } from '../../../main/text/line-modes.ts';

interface Props {
  value: LineMode;
  onChange: (mode: LineMode) => void;
}

export function LineModeControl({ value, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <span className="line-mode">
      <label htmlFor={id}>{t('modes.label')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as LineMode)} data-testid="line-mode" title={t(`modes.hint.${value}`)}>
        {LINE_MODES.map((mode) => (
          <option key={mode} value={mode}>{t(`modes.mode.${mode}`)}</option>
        ))}
      </select>
    </span>
  );
}

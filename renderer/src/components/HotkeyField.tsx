import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { acceleratorFor, hotkeyLabel } from '../hotkey.ts';

/**
 * A hotkey recorder: focus it and press the keys. What cannot be a global hotkey is said on the spot, and the main
 * process says when another app holds the combination (the save is refused and shown beneath).
 */
export function HotkeyField({ id, label, value, onSave, error }: { id: string; label: string; value: string; onSave: (accelerator: string) => Promise<boolean>; error: ReactNode }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (!recording) return;
    if (event.key === 'Tab') return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey) {
      setRecording(false);
      setProblem(null);
      return;
    }
    const recorded = acceleratorFor(event.nativeEvent);
    if ('problem' in recorded) {
      if (recorded.problem !== 'incomplete') setProblem(t(`settings.hotkeyProblem.${recorded.problem}`));
      return;
    }
    setProblem(null);
    setRecording(false);
    void onSave(recorded.accelerator);
  };
  return (
    <div className="field">
      <span id={`${id}-label`}>{label}</span>
      <button
        type="button"
        className={`hotkey${recording ? ' recording' : ''}`}
        aria-labelledby={`${id}-label ${id}-value`}
        aria-describedby={`${id}-hint`}
        data-testid={`hotkey-${id}`}
        onClick={() => (setRecording(!recording), setProblem(null))}
        onBlur={() => setRecording(false)}
        onKeyDown={onKeyDown}
      >
        <span id={`${id}-value`}>{recording ? t('settings.hotkeyRecording') : <kbd>{hotkeyLabel(value)}</kbd>}</span>
      </button>
      {problem && <small className="field-error" role="alert">{problem}</small>}
      {error}
      <small className="hint" id={`${id}-hint`}>{t('settings.hotkeyHint')}</small>
    </div>
  );
}

import { useTranslation } from 'react-i18next';

const DISMISSED = 'readout.firstRunDismissed';

export const firstRunDismissed = (): boolean => localStorage.getItem(DISMISSED) === '1';
export const rememberFirstRunDismissed = (): void => localStorage.setItem(DISMISSED, '1');

/** The first thing a new user sees: how to capture, then that the offline engine is at work and how to add Qwen. */
export function FirstRun({ hotkey, onCapture, onOpenSettings, onDismiss }: { hotkey: string; onCapture: () => void; onOpenSettings: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <aside className="first-run" data-testid="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('firstRun.title', { hotkey })}</h2>
      <p>{t('firstRun.capture', { hotkey })}</p>
      <p className="muted">{t('firstRun.body')}</p>
      <div>
        <button type="button" className="primary" onClick={onCapture}>{t('firstRun.captureAction')}</button>
        <button type="button" onClick={onOpenSettings}>{t('firstRun.action')}</button>
        <button type="button" className="plain" onClick={onDismiss}>{t('firstRun.dismiss')}</button>
      </div>
    </aside>
  );
}

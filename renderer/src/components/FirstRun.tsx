import { useTranslation } from 'react-i18next';

/** Shown while no key is set: the offline engine is at work, and this is how to add Qwen. */
export function FirstRun({ onOpenSettings, onDismiss }: { onOpenSettings: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <aside className="first-run" data-testid="first-run">
      <strong>{t('firstRun.title')}</strong>
      <p>{t('firstRun.body')}</p>
      <div>
        <button type="button" className="primary" onClick={onOpenSettings}>{t('firstRun.action')}</button>
        <button type="button" className="plain" onClick={onDismiss}>{t('firstRun.dismiss')}</button>
      </div>
    </aside>
  );
}

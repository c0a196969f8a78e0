/** A failure said once, in the reader's language, with the action that helps; the service's own words folded away. */
import { useTranslation } from 'react-i18next';
import type { ErrorView } from '../../../preload/api.ts';

/** Errors a new key, region or model fixes: the way out is Settings. */
export const SETTINGS_ERRORS = new Set(['auth', 'forbidden', 'quota', 'model-not-found', 'no-key']);

export function ErrorBox({ error, canRetry, canGoOffline, onRetry, onOffline, onOpenSettings }: {
  error: ErrorView;
  canRetry: boolean;
  canGoOffline: boolean;
  onRetry: () => void;
  onOffline: () => void;
  onOpenSettings: () => void;
}) {
  const { t } = useTranslation();
  const summary = t(`errorCode.${error.code}`, { defaultValue: '' }) || error.message;
  return (
    <div className="error-box" role="alert" data-testid="error-box">
      <p>{summary}</p>
      {summary !== error.message && (
        <details>
          <summary>{t('error.details')}</summary>
          <p className="detail">{error.message}</p>
        </details>
      )}
      <div className="error-actions">
        {SETTINGS_ERRORS.has(error.code) && <button type="button" className="primary" onClick={onOpenSettings}>{t('error.openSettings')}</button>}
        {canGoOffline && SETTINGS_ERRORS.has(error.code) && <button type="button" onClick={onOffline}>{t('error.useOffline')}</button>}
        {canRetry && <button type="button" className={SETTINGS_ERRORS.has(error.code) ? '' : 'primary'} onClick={onRetry}>{t('error.retry')}</button>}
      </div>
    </div>
  );
}

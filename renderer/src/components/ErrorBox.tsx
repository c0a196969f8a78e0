/** A failure said once, in the reader's language, with the action that helps; the service's own words folded away. */
import { useTranslation } from 'react-i18next';
import type { ErrorView } from '../../../preload/api.ts';

/** Errors a new key, region, model or endpoint fixes: the way out is Settings (L13: a bad response is the endpoint's). */
export const SETTINGS_ERRORS = new Set(['auth', 'forbidden', 'quota', 'model-not-found', 'no-key', 'bad-response']);

/** Qwen could not be reached or could not answer (review H4): the offline engine can read it meanwhile. */
export const UNREACHABLE_ERRORS = new Set(['network', 'timeout', 'server']);

/** A PDF left locked: its Retry asks for the password again (review M7). */
const PASSWORD_ERRORS = new Set(['pdf-password', 'pdf-password-wrong']);

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
  const settings = SETTINGS_ERRORS.has(error.code);
  const offline = canGoOffline && (settings || UNREACHABLE_ERRORS.has(error.code));
  // A locked PDF kept for this session has no image, but its bytes: main says so by calling it retryable.
  const password = PASSWORD_ERRORS.has(error.code) && error.retryable;
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
        {settings && <button type="button" className="primary" onClick={onOpenSettings}>{t('error.openSettings')}</button>}
        {offline && <button type="button" className={settings ? '' : 'primary'} onClick={onOffline}>{t('error.useOffline')}</button>}
        {password ? (
          <button type="button" className="primary" onClick={onRetry}>{t('failures.enterPassword')}</button>
        ) : (
          canRetry && <button type="button" className={settings || offline ? '' : 'primary'} onClick={onRetry}>{t('error.retry')}</button>
        )}
      </div>
    </div>
  );
}

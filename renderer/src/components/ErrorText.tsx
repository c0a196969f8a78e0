import { useTranslation } from 'react-i18next';
import type { ErrorView } from '../../../preload/api.ts';

/**
 * An error in the reader's language, by its code, with the main process's own words (which name the file, the
 * server's message and the request id) underneath as the detail.
 */
export function ErrorText({ error }: { error: Pick<ErrorView, 'code' | 'message'> }) {
  const { t } = useTranslation();
  const summary = t(`errorCode.${error.code}`, { defaultValue: '' });
  return (
    <span className="error-text-block">
      <span>{summary || error.message}</span>
      {summary && summary !== error.message && <small className="detail">{error.message}</small>}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import type { ErrorView } from '../../../preload/api.ts';

/**
 * An error in the reader's language, by its code. The main process's own words (which name the file, the server's
 * message and the request id) are English: shown underneath as the detail to an English reader, and kept out of
 * the text for any other (review 2, M6), on hover only, for a bug report.
 */
export function ErrorText({ error }: { error: Pick<ErrorView, 'code' | 'message'> }) {
  const { t, i18n } = useTranslation();
  const summary = t(`errorCode.${error.code}`, { defaultValue: '' });
  const english = i18n.language.toLowerCase().startsWith('en');
  return (
    <span className="error-text-block" title={summary && !english ? error.message : undefined}>
      <span>{summary || error.message}</span>
      {summary && english && summary !== error.message && <small className="detail">{error.message}</small>}
    </span>
  );
}

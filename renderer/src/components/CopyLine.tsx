/**
 * A value a user takes into another program (the Local API's address, its token, a curl line): shown as code, with a
 * Copy button beside it. `shown` is what the page prints when it differs from what is copied (a masked token).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { errorWords } from '../error-words.ts';

interface Props {
  label: string;
  value: string;
  shown?: string;
  testId: string;
  /** Long lines (the curl examples) wrap; short ones stay on one line. */
  wrap?: boolean;
  onToast: (text: string) => void;
  children?: ReactNode;
}

export function CopyLine({ label, value, shown, testId, wrap, onToast, children }: Props) {
  const { t } = useTranslation();
  const copy = (): void =>
    void api.clipboard.copy(value).then(
      () => onToast(t('integrations.copied', { what: label })),
      (error: unknown) => onToast(errorWords(t, error)),
    );
  return (
    <div className={`copy-line${wrap ? ' wrap' : ''}`} data-testid={testId}>
      <span className="copy-line-label">{label}</span>
      <code className="copy-line-value" data-testid={`${testId}-value`}>{shown ?? value}</code>
      <span className="copy-line-actions">
        {children}
        <button type="button" onClick={copy} aria-label={t('integrations.copyWhat', { what: label })} data-testid={`${testId}-copy`}>
          {t('integrations.copy')}
        </button>
      </span>
    </div>
  );
}
